"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "use-intl";
import type { ConnectionHealth, FailedOutbound, SyncHealth } from "@/lib/admin/get-sync-health";
import type { SyncNowResult } from "@/lib/admin/run-sync-now";
import { adminFetch, adminKeys, useErrorMessage } from "./admin-api";
import { Notice, secondaryButtonClass, SectionCard, useFormatTime } from "./form-controls";
import { HourlyChart } from "./hourly-chart";

export function SyncHealthSection() {
  const health = useQuery({ queryKey: adminKeys.syncHealth(), queryFn: () => adminFetch<SyncHealth>("/api/admin/sync-health"), refetchInterval: 15_000 });
  const t = useTranslations("settings.syncHealth");
  const errorMessage = useErrorMessage();
  return (
    <SectionCard id="sync-health" title={t("title")} description={t("description")}>
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
  const t = useTranslations("settings.syncHealth");
  const errorMessage = useErrorMessage();
  const formatTime = useFormatTime();
  const stats: [string, React.ReactNode][] = [
    [t("lastQueueRead"), formatTime(connection.lastPollAt)],
    [t("storedLastHour"), connection.storedLastHour],
    [t("storedLastDay"), connection.storedLastDay],
    [t("queueBacklog"), connection.queueBacklogSeen ?? "—"],
    [t("poller"), connection.pollerHeldHere ? t("pollerHere") : connection.pollerRunning ? t("pollerWorker") : t("pollerStopped")],
    [t("lastReconciliation"), formatTime(connection.lastReconcileAt)],
  ];
  return (
    <article aria-labelledby={`health-${connection.id}`} className="space-y-3 rounded-md border border-slate-200 p-4 dark:border-slate-800" data-testid="connection-health">
      <div className="flex items-center justify-between gap-3">
        <h3 id={`health-${connection.id}`} className="font-medium">
          {connection.name} {!connection.enabled && <span className="text-xs text-slate-600 dark:text-slate-400">{t("disabled")}</span>}
        </h3>
        <button type="button" className={secondaryButtonClass} disabled={syncNow.isPending || !connection.enabled} onClick={() => syncNow.mutate()}>
          {syncNow.isPending ? t("syncing") : t("syncNow")}
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
          {t("lastError", { time: formatTime(connection.lastErrorAt), error: connection.lastError })}
          {connection.lastErrorRuid && (
            <>
              {" "}
              {t.rich("lastErrorRequestId", { ruid: connection.lastErrorRuid, code: (chunks) => <code>{chunks}</code> })}
            </>
          )}
        </Notice>
      )}
      {syncNow.isSuccess && <Notice tone="ok">{syncNow.data.message}</Notice>}
      {syncNow.isError && <Notice tone="error">{errorMessage(syncNow.error)}</Notice>}
      <HourlyChart buckets={connection.perHour} label={t("chartLabel", { name: connection.name })} />
    </article>
  );
}

function FailedList({ failed }: { failed: FailedOutbound[] }) {
  const t = useTranslations("settings.syncHealth");
  return (
    <div>
      <h3 className="mb-2 font-medium">{t("failedSends")}</h3>
      {failed.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="no-failed-sends">
          {t("noFailedSends")}
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
  const t = useTranslations("settings.syncHealth");
  const errorMessage = useErrorMessage();
  const formatTime = useFormatTime();
  return (
    <li className="flex flex-wrap items-start justify-between gap-3 px-3 py-2 text-sm">
      <div>
        <div className="font-medium">
          {t("failedItem", {
            kind: t("kind", { kind: item.kind, label: item.kind.replaceAll("_", " ") }),
            guest: item.guestName ?? t("guestFallback"),
            property: item.propertyName,
            reference: item.reference,
          })}
        </div>
        {item.preview && <div className="text-slate-600 dark:text-slate-400">{t("preview", { preview: item.preview })}</div>}
        <div className="text-red-700 wrap-anywhere dark:text-red-400">
          {item.reason}
          {item.ruid && (
            <>
              {" "}
              {t.rich("requestId", { ruid: item.ruid, code: (chunks) => <code>{chunks}</code> })}
            </>
          )}
        </div>
        <div className="text-xs text-slate-600 dark:text-slate-400">
          {item.attempts === null
            ? t("failedAt", { time: formatTime(item.failedAt) })
            : t("failedAtAfterAttempts", { time: formatTime(item.failedAt), count: item.attempts })}
        </div>
        {retry.isError && <p className="text-red-700 dark:text-red-400">{errorMessage(retry.error)}</p>}
      </div>
      <button type="button" className={secondaryButtonClass} disabled={retry.isPending} onClick={() => retry.mutate()}>
        {retry.isPending ? t("retrying") : t("retry")}
      </button>
    </li>
  );
}
