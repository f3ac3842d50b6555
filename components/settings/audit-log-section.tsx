"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslations } from "use-intl";
import type { AuditEntryView } from "@/lib/admin/list-audit-log";
import type { AuditTargetType } from "@/lib/admin/record-audit";
import type { Messages } from "@/lib/i18n/english";
import { adminFetch, adminKeys, useErrorMessage } from "./admin-api";
import { Notice, secondaryButtonClass, SectionCard, useFormatTime } from "./form-controls";

type AuditPage = { entries: AuditEntryView[]; page: number; pageCount: number; total: number };

type ActionKey = keyof Messages["team"]["auditLog"]["actions"];

// The ids lib/admin writes with recordAudit, each with its message. English shows the id itself (the
// settings' tests and support look for it); other languages a description, with the id as a tooltip.
// An id missing here (a newer server) is shown as it is.
const ACTIONS = new Map<string, ActionKey>(
  Object.entries({
    "connection.create": "connectionCreate",
    "connection.update": "connectionUpdate",
    "connection.sync_now": "connectionSyncNow",
    "property.create": "propertyCreate",
    "property.update": "propertyUpdate",
    "property.welcome": "propertyWelcome",
    "property.backfill_restart": "propertyBackfillRestart",
    "user.create": "userCreate",
    "user.update": "userUpdate",
    "user.role": "userRole",
    "user.access": "userAccess",
    "user.deactivate": "userDeactivate",
    "user.reactivate": "userReactivate",
    "user.password_link": "userPasswordLink",
    "user.password_set": "userPasswordSet",
    "saved_reply.create": "savedReplyCreate",
    "saved_reply.update": "savedReplyUpdate",
    "saved_reply.delete": "savedReplyDelete",
    "label.create": "labelCreate",
    "label.update": "labelUpdate",
    "label.delete": "labelDelete",
    "outbound.retry": "outboundRetry",
  } as const),
);

// AuditTargetType (lib/admin/record-audit.ts), translated the same way; shown as it is when unknown.
const TARGETS = { connection: true, property: true, user: true, saved_reply: true, outbound_action: true, label: true } satisfies Record<AuditTargetType, true>;

function isTarget(type: string): type is keyof typeof TARGETS {
  return Object.hasOwn(TARGETS, type);
}

export function AuditLogSection() {
  const errorMessage = useErrorMessage();
  const t = useTranslations("team.auditLog");
  const [page, setPage] = useState(1);
  const log = useQuery({ queryKey: adminKeys.auditLog(page), queryFn: () => adminFetch<AuditPage>(`/api/admin/audit-log?page=${page}`), placeholderData: keepPreviousData });
  return (
    <SectionCard id="audit-log" title={t("title")} description={t("description")}>
      {log.isError && <Notice tone="error">{errorMessage(log.error)}</Notice>}
      {log.data && (
        <>
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="audit-log">
              <caption className="sr-only">{t("caption")}</caption>
              <thead className="text-xs uppercase text-slate-600 dark:text-slate-400">
                <tr>
                  <th scope="col" className="py-2 pr-3 font-medium">{t("when")}</th>
                  <th scope="col" className="py-2 pr-3 font-medium">{t("who")}</th>
                  <th scope="col" className="py-2 pr-3 font-medium">{t("what")}</th>
                  <th scope="col" className="py-2 font-medium">{t("change")}</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
                {log.data.entries.map((entry) => (
                  <AuditRow key={entry.id} entry={entry} />
                ))}
              </tbody>
            </table>
          </div>
          <nav aria-label={t("pages")} className="flex items-center gap-3 text-sm">
            <button type="button" className={secondaryButtonClass} disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
              {t("newer")}
            </button>
            <span>{t("pageOf", { page: log.data.page, pageCount: log.data.pageCount, total: log.data.total })}</span>
            <button type="button" className={secondaryButtonClass} disabled={page >= log.data.pageCount} onClick={() => setPage((p) => p + 1)}>
              {t("older")}
            </button>
          </nav>
        </>
      )}
    </SectionCard>
  );
}

function AuditRow({ entry }: { entry: AuditEntryView }) {
  const t = useTranslations("team.auditLog");
  const formatTime = useFormatTime();
  const actionKey = ACTIONS.get(entry.action);
  const action = actionKey ? t(`actions.${actionKey}`) : entry.action;
  return (
    <tr className="align-top">
      <td className="whitespace-nowrap py-2 pr-3">{formatTime(entry.at)}</td>
      <td className="py-2 pr-3">{entry.actorEmail ?? t("system")}</td>
      <td className="py-2 pr-3">
        <code className="text-xs" title={action === entry.action ? undefined : entry.action}>
          {action}
        </code>
        <div className="text-xs text-slate-600 dark:text-slate-400">
          {isTarget(entry.targetType) ? t(`targets.${entry.targetType}`) : entry.targetType} {entry.targetId}
        </div>
      </td>
      <td className="py-2">
        <details>
          <summary className="cursor-pointer text-xs text-indigo-700 dark:text-indigo-400">{t("beforeAfter")}</summary>
          <div className="mt-1 grid gap-2 sm:grid-cols-2">
            <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs dark:bg-slate-900">{JSON.stringify(entry.before, null, 2) ?? "—"}</pre>
            <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs dark:bg-slate-900">{JSON.stringify(entry.after, null, 2) ?? "—"}</pre>
          </div>
        </details>
      </td>
    </tr>
  );
}
