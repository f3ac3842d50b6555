"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { ConnectionHealth, FailedOutbound, SyncHealth } from "@/lib/admin/get-sync-health";
import type { SyncNowResult } from "@/lib/admin/run-sync-now";
import { adminFetch, adminKeys, errorMessage } from "./admin-api";
import { formatTime, Notice, secondaryButtonClass, SectionCard } from "./form-controls";
import { HourlyChart } from "./hourly-chart";

export function SyncHealthSection() {
  const health = useQuery({ queryKey: adminKeys.syncHealth(), queryFn: () => adminFetch<SyncHealth>("/api/admin/sync-health"), refetchInterval: 15_000 });
  return (
    <SectionCard id="sync-health" title="Sync health" description="How the Booking.com queue is being read, and anything that failed to reach Booking.com.">
      {health.isError && <Notice tone="error">{errorMessage(health.error)}</Notice>}
      {health.data?.connections.map((connection) => (
        <ConnectionHealthCard key={connection.id} connection={connection} />
      ))}
      {health.data && <FailedList failed={health.data.failed} />}
    </SectionCard>
  );
}

function ConnectionHealthCard({ connection }: { connection: ConnectionHealth }) {
  const queryClient = useQueryClient();
  const syncNow = useMutation({
    mutationFn: () => adminFetch<SyncNowResult>(`/api/admin/connections/${connection.id}/sync`, { method: "POST" }),
    onSettled: () => void queryClient.invalidateQueries({ queryKey: adminKeys.all }),
  });
  const stats: [string, React.ReactNode][] = [
    ["Last successful queue read", formatTime(connection.lastPollAt)],
    ["Stored in the last hour", connection.storedLastHour],
    ["Stored in the last day", connection.storedLastDay],
    ["Queue backlog last seen", connection.queueBacklogSeen ?? "—"],
    [
      "Poller",
      connection.pollerHeldHere ? "This instance holds the poller lock" : connection.pollerRunning ? "Running in the sync worker (another process holds the lock)" : "Not running",
    ],
    ["Last reconciliation", formatTime(connection.lastReconcileAt)],
  ];
  return (
    <article aria-labelledby={`health-${connection.id}`} className="space-y-3 rounded-md border border-slate-200 p-4 dark:border-slate-800" data-testid="connection-health">
      <div className="flex items-center justify-between gap-3">
        <h3 id={`health-${connection.id}`} className="font-medium">
          {connection.name} {!connection.enabled && <span className="text-xs text-slate-600 dark:text-slate-400">(disabled)</span>}
        </h3>
        <button type="button" className={secondaryButtonClass} disabled={syncNow.isPending || !connection.enabled} onClick={() => syncNow.mutate()}>
          {syncNow.isPending ? "Syncing…" : "Sync now"}
        </button>
      </div>
      <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-3">
        {stats.map(([term, value]) => (
          <div key={term}>
            <dt className="text-xs text-slate-600 dark:text-slate-400">{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {connection.lastError && (
        <Notice tone={connection.lastPollAt && connection.lastErrorAt && connection.lastPollAt > connection.lastErrorAt ? "info" : "warn"}>
          Last error {formatTime(connection.lastErrorAt)}: {connection.lastError}
          {connection.lastErrorRuid && (
            <>
              {" "}
              (request id <code>{connection.lastErrorRuid}</code>)
            </>
          )}
        </Notice>
      )}
      {syncNow.isSuccess && <Notice tone="ok">{syncNow.data.message}</Notice>}
      {syncNow.isError && <Notice tone="error">{errorMessage(syncNow.error)}</Notice>}
      <HourlyChart buckets={connection.perHour} label={`Messages stored per hour over the last 24 hours for ${connection.name}`} />
    </article>
  );
}

function FailedList({ failed }: { failed: FailedOutbound[] }) {
  return (
    <div>
      <h3 className="mb-2 font-medium">Failed sends</h3>
      {failed.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="no-failed-sends">
          Nothing failed: every reply and action reached Booking.com.
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800">
          {failed.map((item) => (
            <FailedItem key={item.actionId ?? item.messageId} item={item} />
          ))}
        </ul>
      )}
    </div>
  );
}

function FailedItem({ item }: { item: FailedOutbound }) {
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: () => adminFetch<{ actionId: string }>("/api/admin/sync-health/retry", { method: "POST", body: item.actionId ? { actionId: item.actionId } : { messageId: item.messageId } }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: adminKeys.all }),
  });
  return (
    <li className="flex flex-wrap items-start justify-between gap-3 px-3 py-2 text-sm">
      <div>
        <div className="font-medium">
          {item.kind.replaceAll("_", " ")} · {item.guestName ?? "Guest"} · {item.propertyName} (reservation {item.reference})
        </div>
        {item.preview && <div className="text-slate-600 dark:text-slate-400">“{item.preview}”</div>}
        <div className="text-red-700 wrap-anywhere dark:text-red-400">
          {item.reason}
          {item.ruid && <> · request id <code>{item.ruid}</code></>}
        </div>
        <div className="text-xs text-slate-600 dark:text-slate-400">
          Failed {formatTime(item.failedAt)}
          {item.attempts !== null && <> after {item.attempts} attempt{item.attempts === 1 ? "" : "s"}</>}
        </div>
        {retry.isError && <p className="text-red-700 dark:text-red-400">{errorMessage(retry.error)}</p>}
      </div>
      <button type="button" className={secondaryButtonClass} disabled={retry.isPending} onClick={() => retry.mutate()}>
        {retry.isPending ? "Retrying…" : "Retry"}
      </button>
    </li>
  );
}
