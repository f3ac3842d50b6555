"use client";

import { useEffect, useRef } from "react";
import { useTranslations } from "use-intl";
import type { ThreadAttachment } from "@/lib/inbox/schemas";

/** A native modal <dialog>: focus is trapped, Esc closes it and focus returns to the thumbnail. */
export function AttachmentLightbox({ attachment, onClose }: { attachment: ThreadAttachment; onClose: () => void }) {
  const t = useTranslations("thread");
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  const name = attachment.fileName ?? t("message.attachment");
  return (
    <dialog
      ref={ref}
      onClose={onClose}
      onClick={(event) => {
        if (event.target === event.currentTarget) ref.current?.close();
      }}
      aria-label={t("lightbox.label", { name })}
      className="m-auto max-h-[92dvh] max-w-[94vw] rounded-xl bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-black/70 dark:bg-slate-900 dark:text-slate-100"
      data-testid="lightbox"
    >
      <div className="flex items-center gap-3 border-b border-slate-200 px-4 py-2 text-sm dark:border-slate-800">
        <span className="truncate font-medium">{name}</span>
        <a href={`/api/attachments/${attachment.id}?download`} download={name} className="btn-secondary ml-auto">
          {t("lightbox.download")}
        </a>
        <button type="button" onClick={() => ref.current?.close()} className="btn-ghost" aria-label={t("lightbox.close")}>
          ✕
        </button>
      </div>
      {/* eslint-disable-next-line @next/next/no-img-element -- served by our own authenticated route */}
      <img src={`/api/attachments/${attachment.id}`} alt={name} className="max-h-[80dvh] max-w-full object-contain" />
    </dialog>
  );
}
