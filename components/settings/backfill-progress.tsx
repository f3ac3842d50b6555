"use client";

import type { AdminPropertyView } from "@/lib/admin/list-admin-properties";
import { formatTime } from "./form-controls";

/** The import of a property's history: a real progressbar (aria-valuenow) once the total is known. */
export function BackfillProgress({ property }: { property: AdminPropertyView }) {
  const { backfillState: state, backfillDone: done, backfillTotal: total } = property;
  const percent = state === "done" ? 100 : total ? Math.min(100, Math.round((done / Math.max(total, 1)) * 100)) : 0;
  const label = `History import of ${property.name}`;
  const known = state === "done" || total !== null;
  return (
    <div className="min-w-44" data-testid={`backfill-${property.id}`}>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={known ? percent : undefined}
        aria-valuetext={state === "failed" ? `import failed at ${done} conversations` : known ? `${percent}% (${done} of ${total ?? done} conversations)` : "waiting to start"}
        className="h-2 w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-800"
      >
        <div
          className={`h-full rounded-full transition-[width] duration-500 ${state === "failed" ? "bg-red-600" : state === "done" ? "bg-emerald-600" : "bg-indigo-600"} ${known ? "" : "w-1/4 animate-pulse"}`}
          style={known ? { width: `${percent}%` } : undefined}
        />
      </div>
      <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">
        {state === "pending" && "Waiting for the sync worker…"}
        {state === "running" && (total === null ? "Counting conversations…" : `${percent}% · ${done} of ${total} conversations`)}
        {state === "done" && `100% · ${done} conversations · finished ${formatTime(property.backfillFinishedAt)}`}
        {state === "failed" && `Import failed: ${property.backfillError ?? "unknown error"} (it resumes where it stopped)`}
      </p>
    </div>
  );
}
