"use client";

// The thread's "Labels" menu: the team's labels as checkboxes, each a change of its own (put on or taken
// off), so two staff labelling the same conversation at once never undo each other's choice.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { LABELS_PER_CONVERSATION_MAX } from "@/lib/inbox/label-colors";
import type { ConversationDetail } from "@/lib/inbox/schemas";
import { putConversationLabel } from "./inbox-api";
import { LabelDot } from "./label-chips";
import { removeFromLists, setListItem } from "./list-cache";
import { inboxKeys } from "./query-keys";
import { useLabels } from "./use-labels";
import { useErrorText } from "./use-error-text";

export const LABEL_MENU_BUTTON_ID = "label-menu-button";

export function LabelMenu({ conversation }: { conversation: ConversationDetail }) {
  const errorText = useErrorText();
  const conversationId = conversation.id;
  const queryClient = useQueryClient();
  const t = useTranslations("inbox.labels");
  const { labels } = useLabels();
  const [open, setOpen] = useState(false);
  // The menu opens toward the side with room: the header's buttons wrap, so on a phone the Labels
  // button may sit at the screen's left edge, where a menu aligned to its right would leave the screen.
  const [alignLeft, setAlignLeft] = useState(false);
  // What was just clicked, until the server has answered. The cache is patched too (onMutate), but only
  // after the click's event has ended, and by then React has put a controlled checkbox back as it was.
  const [clicked, setClicked] = useState<ReadonlyMap<string, boolean>>(new Map());
  const container = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  const setLabelIds = (update: (ids: string[]) => string[]) => {
    queryClient.setQueryData<ConversationDetail>(inboxKeys.conversation(conversationId), (old) => (old ? { ...old, labelIds: update(old.labelIds) } : old));
    setListItem(queryClient, conversationId, (item) => ({ labelIds: update(item.labelIds) }));
  };
  // One scope: quick clicks reach the server in the order made.
  const mutation = useMutation({
    scope: { id: `labels:${conversationId}` },
    mutationFn: ({ labelId, applied }: { labelId: string; applied: boolean }) => putConversationLabel(conversationId, labelId, applied),
    onMutate: ({ labelId, applied }) => {
      setLabelIds((ids) => (applied ? (ids.includes(labelId) ? ids : [...ids, labelId]) : ids.filter((id) => id !== labelId)));
      if (!applied) removeFromLists(queryClient, conversationId, (filters) => filters.label === labelId);
    },
    onSuccess: ({ labelIds }) => setLabelIds(() => labelIds),
    onError: () => void queryClient.invalidateQueries({ queryKey: inboxKeys.labels() }),
    onSettled: (_result, _error, { labelId }) => {
      setClicked((old) => {
        const next = new Map(old);
        next.delete(labelId);
        return next;
      });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.conversation(conversationId) });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.lists() });
    },
  });

  // Open: focus the first box; a click outside or Escape closes it (Escape gives focus back to the button).
  useEffect(() => {
    if (!open) return;
    container.current?.querySelector<HTMLInputElement>("input[type=checkbox]")?.focus();
    const onPointer = (event: PointerEvent) => {
      if (!container.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", onPointer);
    return () => document.removeEventListener("pointerdown", onPointer);
  }, [open]);

  const isOn = (labelId: string) => clicked.get(labelId) ?? conversation.labelIds.includes(labelId);
  const onCount = new Set([...conversation.labelIds, ...clicked.keys()].filter(isOn)).size;
  const full = onCount >= LABELS_PER_CONVERSATION_MAX;
  return (
    <div
      ref={container}
      className="relative"
      onKeyDown={(event) => {
        if (event.key !== "Escape" || !open) return;
        // Handled here: the thread's own Escape (close the conversation) must not fire as well.
        event.preventDefault();
        setOpen(false);
        button.current?.focus();
      }}
    >
      <button
        ref={button}
        id={LABEL_MENU_BUTTON_ID}
        type="button"
        className="btn-secondary"
        aria-expanded={open}
        aria-controls="label-menu"
        title={t("menuButtonTitle")}
        onClick={() => {
          mutation.reset();
          const box = button.current?.getBoundingClientRect();
          setAlignLeft(box !== undefined && box.right < window.innerWidth / 2);
          setOpen(!open);
        }}
      >
        {t("menuButton")}
      </button>
      {open ? (
        <div
          id="label-menu"
          className={`absolute ${alignLeft ? "left-0" : "right-0"} z-30 mt-1 w-64 max-w-[calc(100vw-1rem)] rounded-md border border-slate-200 bg-white p-2 text-sm shadow-lg dark:border-slate-700 dark:bg-slate-900`}
        >
          {labels.length === 0 ? (
            <p className="p-1 text-slate-600 dark:text-slate-400">{t("none")}</p>
          ) : (
            <fieldset>
              <legend className="px-1 pb-1 text-xs text-slate-600 dark:text-slate-400">{t("legend")}</legend>
              <ul className="max-h-64 overflow-y-auto">
                {labels.map((label) => {
                  const checked = isOn(label.id);
                  return (
                    <li key={label.id}>
                      <label className="flex cursor-pointer items-center gap-2 rounded px-1 py-1 hover:bg-slate-100 has-disabled:cursor-not-allowed has-disabled:opacity-60 dark:hover:bg-slate-800">
                        <input type="checkbox" checked={checked} disabled={!checked && full} onChange={() => {
                            setClicked((old) => new Map(old).set(label.id, !checked));
                            mutation.mutate({ labelId: label.id, applied: !checked });
                          }}
                        />
                        <LabelDot color={label.color} />
                        <span className="truncate">{label.name}</span>
                      </label>
                    </li>
                  );
                })}
              </ul>
              {full ? <p className="px-1 pt-1 text-xs text-slate-600 dark:text-slate-400">{t("full", { max: LABELS_PER_CONVERSATION_MAX })}</p> : null}
            </fieldset>
          )}
          {mutation.isError ? (
            <p role="alert" className="px-1 pt-1 text-xs text-red-700 dark:text-red-400">
              {errorText(mutation.error)}
            </p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
