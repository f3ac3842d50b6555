"use client";

import { useTranslations } from "use-intl";
import type { AdminPropertyView } from "@/lib/admin/list-admin-properties";
import { useFormatTime } from "./form-controls";

/** The import of a property's history: a real progressbar (aria-valuenow) once the total is known. */
export function BackfillProgress({ property }: { property: AdminPropertyView }) {
  const { backfillState: state, backfillDone: done, backfillTotal: total } = property;
  const t = useTranslations("settings.backfill");
  const formatTime = useFormatTime();
  const percent = state === "done" ? 100 : total ? Math.min(100, Math.round((done / Math.max(total, 1)) * 100)) : 0;
  const label = t("label", { name: property.name });
  const known = state === "done" || total !== null;
  return (
    <div className="min-w-44" data-testid={`backfill-${property.id}`}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={known ? percent : undefined}
        aria-valuetext={
          state === "failed" ? t("valueFailed", { done }) : known ? t("valueProgress", { percent, done, total: total ?? done }) : t("valueWaiting")
        }
        className="h-2 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div
          className={`h-full rounded-full transition-[width] duration-500 ${state === "failed" ? "bg-red-600" : state === "done" ? "bg-emerald-600" : "bg-indigo-600"} ${known ? "" : "w-1/4 animate-pulse"}`}
          style={known ? { width: `${percent}%` } : undefined}
        />
      </div>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        {state === "pending" && t("pending")}
        {state === "running" && (total === null ? t("counting") : t("running", { percent, done, total }))}
        {state === "done" && t("done", { done, time: formatTime(property.backfillFinishedAt) })}
        {state === "failed" && t("failed", { error: property.backfillError ?? t("unknownError") })}
      </p>
    </div>
  );
}
