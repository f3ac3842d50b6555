"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { fetchSavedReplies } from "./inbox-api";
import { inboxKeys } from "./query-keys";
import { useErrorText } from "./use-error-text";

/** Saved replies, rendered for this conversation; choosing one inserts its text into the composer. */
export function SavedReplyPicker({ conversationId, open, onOpenChange, onInsert }: { conversationId: string; open: boolean; onOpenChange: (open: boolean) => void; onInsert: (text: string) => void }) {
  const errorText = useErrorText();
  const t = useTranslations("composer.savedReplies");
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [filter, setFilter] = useState("");
  const replies = useQuery({ queryKey: inboxKeys.savedReplies(conversationId), queryFn: () => fetchSavedReplies(conversationId), enabled: open });

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);

  const list = (replies.data?.replies ?? []).filter((reply) => `${reply.title} ${reply.text}`.toLowerCase().includes(filter.toLowerCase()));

  return (
    <>
      <button type="button" className="btn-secondary" onClick={() => onOpenChange(true)} title={t("openTitle")}>
        {t("open")}
      </button>
      <dialog
        ref={dialogRef}
        onClose={() => {
          setFilter("");
          onOpenChange(false);
        }}
        aria-labelledby="saved-replies-title"
        className="m-auto w-[min(36rem,94vw)] rounded-xl bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-black/40 dark:bg-slate-900 dark:text-slate-100"
      >
        <div className="border-b border-slate-200 p-3 dark:border-slate-800">
          <h2 id="saved-replies-title" className="mb-2 text-sm font-semibold">
            {t("title")}
          </h2>
          <label htmlFor="saved-reply-filter" className="sr-only">
            {t("filterLabel")}
          </label>
          <input id="saved-reply-filter" className="input w-full" placeholder={t("filterPlaceholder")} value={filter} onChange={(event) => setFilter(event.target.value)} autoFocus />
        </div>
        <ul className="max-h-[50dvh] overflow-y-auto p-1">
          {replies.isPending ? <li className="p-3 text-sm text-slate-600 dark:text-slate-400">{t("loading")}</li> : null}
          {replies.isError ? <li role="alert" className="p-3 text-sm text-red-700">{errorText(replies.error)}</li> : null}
          {replies.isSuccess && list.length === 0 ? <li className="p-3 text-sm text-slate-600 dark:text-slate-400">{filter ? t("noMatch") : t("none")}</li> : null}
          {list.map((reply) => (
            <li key={reply.id}>
              <button type="button" onClick={() => onInsert(reply.text)} className="w-full rounded-lg px-3 py-2 text-left hover:bg-slate-100 focus-visible:bg-slate-100 focus-visible:outline-none dark:hover:bg-slate-800 dark:focus-visible:bg-slate-800">
                <span className="block text-sm font-medium">{reply.title}</span>
                <span className="line-clamp-2 block text-xs text-slate-600 dark:text-slate-400">{reply.text}</span>
                {reply.missing.length > 0 ? <span className="mt-1 block text-xs text-amber-800 dark:text-amber-300">{t("fillIn", { placeholders: reply.missing.map((name) => `{${name}}`).join(", ") })}</span> : null}
              </button>
            </li>
          ))}
        </ul>
        <div className="flex justify-end border-t border-slate-200 p-2 dark:border-slate-800">
          <button type="button" className="btn-ghost" onClick={() => onOpenChange(false)}>
            {t("close")}
          </button>
        </div>
      </dialog>
    </>
  );
}
