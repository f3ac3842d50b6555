"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "use-intl";
import type { Assignee } from "@/lib/inbox/schemas";
import { fetchAssignees } from "./inbox-api";
import { inboxKeys } from "./query-keys";

export const ASSIGNEE_SELECT_ID = "assignee-select";

/**
 * The thread header's assignee picker: a native select (keyboard, screen readers and type-ahead for
 * free, no menu code in the bundle). Choosing an entry assigns at once. The candidates are fetched
 * with the thread; the current assignee stays listed even before they arrive, or once they are no
 * longer a candidate (the server refuses such a choice with a message, shown by the thread header).
 */
export function AssignSelect({ conversationId, assignee, viewerId, onAssign }: { conversationId: string; assignee: Assignee | null; viewerId: string; onAssign: (assignee: Assignee | null) => void }) {
  const t = useTranslations("inbox.assign");
  const candidates = useQuery({
    queryKey: inboxKeys.assignees(conversationId),
    queryFn: ({ signal }) => fetchAssignees(conversationId, signal),
    // The team changes rarely; a staff change made since is caught by the server's check.
    staleTime: 60_000,
  });
  const listed = candidates.data?.assignees ?? [];
  const options = assignee && !listed.some((candidate) => candidate.id === assignee.id) ? [assignee, ...listed] : listed;
  return (
    <>
      <label htmlFor={ASSIGNEE_SELECT_ID} className="sr-only">
        {t("label")}
      </label>
      <select
        id={ASSIGNEE_SELECT_ID}
        value={assignee?.id ?? ""}
        onChange={(event) => onAssign(options.find((candidate) => candidate.id === event.target.value) ?? null)}
        title={t("title")}
        className="input max-w-44 py-1 text-xs"
        data-testid="assignee-select"
      >
        <option value="">{t("unassigned")}</option>
        {options.map((candidate) => (
          <option key={candidate.id} value={candidate.id}>
            {candidate.id === viewerId ? t("you", { name: candidate.name }) : candidate.name}
          </option>
        ))}
        {candidates.isPending ? <option disabled>{t("loading")}</option> : null}
        {candidates.isError ? <option disabled>{t("failed")}</option> : null}
      </select>
    </>
  );
}
