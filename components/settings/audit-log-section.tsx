"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { AuditEntryView } from "@/lib/admin/list-audit-log";
import { adminFetch, adminKeys, errorMessage } from "./admin-api";
import { formatTime, Notice, secondaryButtonClass, SectionCard } from "./form-controls";

type AuditPage = { entries: AuditEntryView[]; page: number; pageCount: number; total: number };

export function AuditLogSection() {
  const [page, setPage] = useState(1);
  const log = useQuery({ queryKey: adminKeys.auditLog(page), queryFn: () => adminFetch<AuditPage>(`/api/admin/audit-log?page=${page}`), placeholderData: keepPreviousData });
  return (
    <SectionCard id="audit-log" title="Audit log" description="Every change made in these settings: who, what, when, and the values before and after (secrets are never recorded).">
      {log.isError && <Notice tone="error">{errorMessage(log.error)}</Notice>}
      {log.data && (
        <>
          <div className="relative overflow-x-auto">
            <table className="w-full text-left text-sm" data-testid="audit-log">
              <caption className="sr-only">Audit log, newest first</caption>
              <thead className="text-xs uppercase text-slate-600 dark:text-slate-400">
                <tr>
                  <th scope="col" className="py-2 pr-3 font-medium">When</th>
                  <th scope="col" className="py-2 pr-3 font-medium">Who</th>
                  <th scope="col" className="py-2 pr-3 font-medium">What</th>
                  <th scope="col" className="py-2 font-medium">Change</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
                {log.data.entries.map((entry) => (
                  <tr key={entry.id} className="align-top">
                    <td className="whitespace-nowrap py-2 pr-3">{formatTime(entry.at)}</td>
                    <td className="py-2 pr-3">{entry.actorEmail ?? "system"}</td>
                    <td className="py-2 pr-3">
                      <code className="text-xs">{entry.action}</code>
                      <div className="text-xs text-slate-600 dark:text-slate-400">
                        {entry.targetType} {entry.targetId}
                      </div>
                    </td>
                    <td className="py-2">
                      <details>
                        <summary className="cursor-pointer text-xs text-indigo-700 dark:text-indigo-400">Before / after</summary>
                        <div className="mt-1 grid gap-2 sm:grid-cols-2">
                          <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs dark:bg-slate-900">{JSON.stringify(entry.before, null, 2) ?? "—"}</pre>
                          <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs dark:bg-slate-900">{JSON.stringify(entry.after, null, 2) ?? "—"}</pre>
                        </div>
                      </details>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <nav aria-label="Audit log pages" className="flex items-center gap-3 text-sm">
            <button type="button" className={secondaryButtonClass} disabled={page <= 1} onClick={() => setPage((p) => p - 1)}>
              Newer
            </button>
            <span>
              Page {log.data.page} of {log.data.pageCount} · {log.data.total} entries
            </span>
            <button type="button" className={secondaryButtonClass} disabled={page >= log.data.pageCount} onClick={() => setPage((p) => p + 1)}>
              Older
            </button>
          </nav>
        </>
      )}
    </SectionCard>
  );
}
