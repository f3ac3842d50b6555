"use client";

// The bar over the list while conversations are chosen for a bulk action (the rows' checkboxes, or x):
// mark read or unread (for this staff member), "no reply needed", a label, an assignee or a snooze. Each conversation gets the
// very change its own button would make (lib/inbox/bulk-actions.ts); those refused are named with why.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { BULK_MAX } from "@/lib/inbox/bulk-limit";
import type { BulkAction, ConversationListItem } from "@/lib/inbox/schemas";
import { guestLabel } from "./conversation-row";
import { fetchAssigneesForProperties, postBulkAction } from "./inbox-api";
import { LabelOptions } from "./label-chips";
import { inboxKeys } from "./query-keys";
import { SnoozeDialog } from "./snooze-dialog";
import { useLabels } from "./use-labels";
import { useErrorText } from "./use-error-text";

/** The assign picker's "Nobody" (a user id is a uuid, so this cannot be one). */
const UNASSIGN = "unassign";

export function BulkBar({
  chosen,
  viewerId,
  shown,
  more,
  onChooseAll,
  onClear,
  onDone,
}: {
  chosen: ConversationListItem[];
  /** The signed-in staff member ("Assign to me"). */
  viewerId: string;
  /** How many the list has loaded. */
  shown: number;
  /** The view has more than it has loaded: "Choose all" loads them, up to BULK_MAX. */
  more: boolean;
  onChooseAll: () => Promise<void>;
  onClear: () => void;
  onDone: () => void;
}) {
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const t = useTranslations("inbox");
  const { labels } = useLabels();
  // Who may have every chosen conversation: those who see all their properties (the server checks
  // each one again). Yourself is "Assign to me".
  const propertyIds = [...new Set(chosen.map((item) => item.propertyId))].sort();
  const candidates = useQuery({
    queryKey: inboxKeys.assigneesForProperties(propertyIds),
    queryFn: ({ signal }) => fetchAssigneesForProperties(propertyIds, signal),
    enabled: propertyIds.length > 0 && propertyIds.length <= BULK_MAX,
    staleTime: 60_000,
  });
  const colleagues = (candidates.data?.assignees ?? []).filter((candidate) => candidate.id !== viewerId);
  const [outcome, setOutcome] = useState<{ done: number; refused: string[] } | null>(null);
  const [snoozing, setSnoozing] = useState(false);
  const [choosingAll, setChoosingAll] = useState(false);
  const mutation = useMutation({
    mutationFn: (action: BulkAction) => postBulkAction(chosen.map((item) => item.id), action),
    onSuccess: ({ results }) => {
      setSnoozing(false);
      const names = new Map(chosen.map((item) => [item.id, `${guestLabel(item, t("guest"))} (#${item.reference})`]));
      const refused = results.flatMap((result) =>
        result.ok ? [] : [t("bulk.refused", { conversation: names.get(result.conversationId) ?? t("bulk.unknownConversation"), reason: result.error.message })],
      );
      setOutcome({ done: results.length - refused.length, refused });
      // The ones done leave the selection; the refused stay chosen, to look at.
      if (refused.length === 0) onDone();
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: inboxKeys.lists() });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.conversations() });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.counts() });
    },
  });
  // What the list showed of each guest: a snooze or "no reply needed" is refused where they wrote since.
  const seenGuestMessageAt = () => Object.fromEntries(chosen.map((item) => [item.id, item.lastGuestMessageAt]));
  const run = (action: BulkAction) => {
    setOutcome(null);
    mutation.mutate(action);
  };
  // Chosen one by one past the limit: say so rather than send a request the server must refuse.
  const tooMany = chosen.length > BULK_MAX;
  const busy = mutation.isPending || tooMany;

  return (
    <div role="region" aria-label={t("bulk.region")} className="space-y-1 border-b border-slate-200 bg-sky-50 px-3 py-2 text-xs dark:border-slate-800 dark:bg-sky-950/40">
      <div className="flex items-center gap-1.5">
        <span className="mr-1 font-medium" data-testid="bulk-count">
          {t("bulk.count", { count: chosen.length })}
        </span>
        {chosen.length < (more ? BULK_MAX : Math.min(shown, BULK_MAX)) ? (
          <button
            type="button"
            className="btn-ghost py-0.5 text-xs"
            disabled={choosingAll}
            onClick={() => {
              setChoosingAll(true);
              void onChooseAll().finally(() => setChoosingAll(false));
            }}
          >
            {choosingAll ? t("bulk.loading") : shown >= BULK_MAX ? t("bulk.chooseFirst", { max: BULK_MAX }) : more ? t("bulk.chooseUpTo", { max: BULK_MAX }) : t("bulk.chooseAll", { count: shown })}
          </button>
        ) : null}
        <button type="button" className="btn-ghost ml-auto py-0.5 text-xs" onClick={onClear}>
          {t("bulk.clear")}
        </button>
      </div>
      <div className="flex flex-wrap items-center gap-1.5">
        <button type="button" className="btn-secondary py-0.5 text-xs" disabled={busy} onClick={() => run({ type: "read" })} title={t("bulk.markReadTitle")}>
          {t("bulk.markRead")}
        </button>
        <button type="button" className="btn-secondary py-0.5 text-xs" disabled={busy} onClick={() => run({ type: "unread" })}>
          {t("bulk.markUnread")}
        </button>
        <button
          type="button"
          className="btn-secondary py-0.5 text-xs"
          disabled={busy}
          onClick={() => run({ type: "no_reply_needed", value: true, seenGuestMessageAt: seenGuestMessageAt() })}
        >
          {t("bulk.noReplyNeeded")}
        </button>
        <button type="button" className="btn-secondary py-0.5 text-xs" disabled={busy} onClick={() => run({ type: "assign", userId: viewerId })}>
          {t("bulk.assignToMe")}
        </button>
        <ActionSelect id="bulk-assign" label={t("bulk.assignLabel")} placeholder={t("bulk.assignPlaceholder")} disabled={busy} onChoose={(choice) => run({ type: "assign", userId: choice === UNASSIGN ? null : choice })}>
          {colleagues.map((candidate) => (
            <option key={candidate.id} value={candidate.id}>
              {candidate.name}
            </option>
          ))}
          <option value={UNASSIGN}>{t("bulk.unassign")}</option>
        </ActionSelect>
        <button type="button" className="btn-secondary py-0.5 text-xs" disabled={busy} onClick={() => setSnoozing(true)} aria-haspopup="dialog">
          {t("bulk.snooze")}
        </button>
        {labels.length > 0 ? (
          <ActionSelect id="bulk-label" label={t("bulk.labelLabel")} placeholder={t("bulk.labelPlaceholder")} disabled={busy} onChoose={(labelId) => run({ type: "label", labelId, applied: true })}>
            <LabelOptions labels={labels} />
          </ActionSelect>
        ) : null}
      </div>
      {mutation.isPending ? <p role="status">{t("bulk.working")}</p> : null}
      {tooMany ? <p role="alert">{t("bulk.tooMany", { max: BULK_MAX })}</p> : null}
      {mutation.isError ? <p role="alert" className="text-red-700 dark:text-red-400">{errorText(mutation.error)}</p> : null}
      {snoozing ? (
        <SnoozeDialog
          onSnooze={(until) => run({ type: "snooze", until: until?.toISOString() ?? null, seenGuestMessageAt: seenGuestMessageAt() })}
          onClose={() => setSnoozing(false)}
          pending={mutation.isPending}
          error={null}
        />
      ) : null}
      {outcome ? (
        <div role={outcome.refused.length > 0 ? "alert" : "status"} data-testid="bulk-outcome">
          <p>
            {t("bulk.done", { count: outcome.done })}
            {outcome.refused.length > 0 ? ` ${t("bulk.notDone", { count: outcome.refused.length })}` : ""}
          </p>
          {outcome.refused.length > 0 ? (
            <ul className="list-disc pl-4 text-red-700 dark:text-red-400">
              {outcome.refused.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** A menu of one action's choices (an assignee, a label): choosing runs it, and it shows its placeholder again. */
function ActionSelect({ id, label, placeholder, disabled, onChoose, children }: { id: string; label: string; placeholder: string; disabled: boolean; onChoose: (value: string) => void; children: React.ReactNode }) {
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <select
        id={id}
        className="input py-0.5 text-xs"
        disabled={disabled}
        value=""
        onChange={(event) => {
          if (event.target.value) onChoose(event.target.value);
        }}
      >
        <option value="">{placeholder}</option>
        {children}
      </select>
    </>
  );
}
