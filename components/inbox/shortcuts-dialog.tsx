"use client";

import { useEffect, useRef } from "react";
import { useTranslations } from "use-intl";

/** The list, in order: each one's keys and what they do are messages under `shortcuts.items.<id>`. */
const SHORTCUTS = [
  "next",
  "open",
  "choose",
  "chooseRange",
  "reply",
  "note",
  "noReplyNeeded",
  "unread",
  "star",
  "labels",
  "snooze",
  "assign",
  "search",
  "newMessage",
  "close",
  "send",
  "newLine",
  "sendAnywhere",
  "savedReplies",
  "help",
] as const;

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const t = useTranslations("inbox.shortcuts");
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby="shortcuts-title" className="m-auto w-[min(26rem,94vw)] rounded-xl bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-black/40 dark:bg-slate-900 dark:text-slate-100">
      <div className="p-4">
        <h2 id="shortcuts-title" className="mb-3 text-base font-semibold">
          {t("title")}
        </h2>
        <p className="mb-3 text-xs text-slate-500 dark:text-slate-400">{t("hint")}</p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
          {SHORTCUTS.map((id) => (
            <div key={id} className="contents">
              <dt>
                <kbd className="kbd">{t(`items.${id}.keys`)}</kbd>
              </dt>
              <dd className="text-slate-700 dark:text-slate-300">{t(`items.${id}.action`)}</dd>
            </div>
          ))}
        </dl>
        <div className="mt-4 flex justify-end">
          <button type="button" className="btn-secondary" onClick={() => ref.current?.close()} autoFocus>
            {t("close")}
          </button>
        </div>
      </div>
    </dialog>
  );
}
