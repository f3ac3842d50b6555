"use client";

import { useMemo } from "react";
import { useLocale, useTranslations } from "use-intl";
import type { HourBucket } from "@/lib/admin/get-sync-health";
import { FORMAT_REGION } from "@/lib/i18n/locales";

/** Messages stored per hour over the last day: inline SVG bars, with the same numbers as a hidden table. */
export function HourlyChart({ buckets, label }: { buckets: HourBucket[]; label: string }) {
  const max = Math.max(1, ...buckets.map((bucket) => bucket.count));
  const width = 24 * 12;
  const height = 60;
  const t = useTranslations("settings.hourlyChart");
  const locale = useLocale();
  // The hour on the reader's own clock, in the page's language.
  const hourFormat = useMemo(() => new Intl.DateTimeFormat(FORMAT_REGION[locale], { hour: "2-digit", minute: "2-digit" }), [locale]);
  const hourLabel = (iso: string) => hourFormat.format(new Date(iso));
  return (
    <figure className="space-y-1">
      <svg role="img" aria-label={label} viewBox={`0 0 ${width} ${height}`} className="h-16 w-full max-w-md text-indigo-600 dark:text-indigo-400" preserveAspectRatio="none">
        <title>{label}</title>
        <line x1={0} y1={height - 0.5} x2={width} y2={height - 0.5} className="stroke-slate-300 dark:stroke-slate-700" strokeWidth={1} />
        {buckets.map((bucket, index) => {
          const barHeight = bucket.count === 0 ? 0 : Math.max(2, (bucket.count / max) * (height - 4));
          return (
            <rect key={bucket.hour} x={index * 12 + 1} y={height - barHeight} width={10} height={barHeight} rx={1} fill="currentColor">
              <title>{t("bar", { hour: hourLabel(bucket.hour), count: bucket.count })}</title>
            </rect>
          );
        })}
      </svg>
      <figcaption className="text-xs text-slate-600 dark:text-slate-400">
        {t("caption", { peak: max === 1 && buckets.every((b) => b.count === 0) ? 0 : max })}
      </figcaption>
      {/* sr-only on a wrapper, not the table: a table is never narrower than its content, so an
          sr-only table still laid out 544 px wide and made a phone zoom the whole page out. */}
      <div className="sr-only">
        <table>
          <caption>{label}</caption>
          <thead>
            <tr>
              <th scope="col">{t("hourStarting")}</th>
              <th scope="col">{t("messagesStored")}</th>
            </tr>
          </thead>
          <tbody>
            {buckets.map((bucket) => (
              <tr key={bucket.hour}>
                <td>{hourLabel(bucket.hour)}</td>
                <td>{bucket.count}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
