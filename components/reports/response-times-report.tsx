// The response-time report (lib/inbox/response-times.ts), a server component: plain tables, links for
// the period and the property, so it works without any client code.
import Link from "next/link";
import type { ResponseTimeReport, WaitFigures } from "@/lib/inbox/response-times";
import { REPORT_PERIODS } from "@/lib/inbox/report-periods";
import type { TimeFormat } from "../inbox/format-time";
import { getServerTranslator } from "@/lib/i18n/request-locale";
import { getServerTimeFormat } from "../server-time-format";

export async function ResponseTimesReport({ report, property, invalidQuery }: { report: ResponseTimeReport; property: string | null; invalidQuery: boolean }) {
  const href = (days: number, propertyId: string | null) => `/reports?days=${days}${propertyId ? `&property=${propertyId}` : ""}`;
  const shown = property ? report.properties.find((row) => row.propertyId === property) : null;
  const time = await getServerTimeFormat();
  const t = await getServerTranslator("reports");
  return (
    <main className="mx-auto max-w-5xl px-4 py-6">
      <h1 className="text-xl font-semibold">{shown ? t("titleForProperty", { property: shown.propertyName }) : t("title")}</h1>
      <p className="mt-1 max-w-3xl text-sm text-slate-600 dark:text-slate-400">
        {t("explanation", { days: report.days })}
      </p>
      {invalidQuery ? (
        <p role="alert" className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950/50 dark:text-amber-200">
          {t("invalidQuery")}
        </p>
      ) : null}
      <nav aria-label={t("period")} className="mt-4 flex flex-wrap items-center gap-2 text-sm">
        {REPORT_PERIODS.map((days) => (
          <Link key={days} href={href(days, property)} aria-current={days === report.days ? "page" : undefined} className="rounded-full border border-slate-300 px-3 py-1 aria-[current=page]:border-slate-900 aria-[current=page]:bg-slate-900 aria-[current=page]:text-white dark:border-slate-700 dark:aria-[current=page]:border-slate-100 dark:aria-[current=page]:bg-slate-100 dark:aria-[current=page]:text-slate-900">
            {t("lastDays", { days })}
          </Link>
        ))}
        {property ? (
          <Link href={href(report.days, null)} className="ml-2 text-indigo-700 underline dark:text-indigo-300">
            {t("allProperties")}
          </Link>
        ) : null}
      </nav>

      <section aria-labelledby="by-property" className="mt-6">
        <h2 id="by-property" className="text-base font-semibold">
          {t("byProperty")}
        </h2>
        <div className="relative mt-2 overflow-x-auto">
          <table className="w-full min-w-[44rem] text-left text-sm" data-testid="response-times-by-property">
            <thead className="border-b border-slate-200 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">
                  {t("property")}
                </th>
                <FigureHeadings t={t} />
                <th scope="col" className="py-2 pr-3 text-right font-medium">
                  {t("waitingNow")}
                </th>
                <th scope="col" className="py-2 text-right font-medium">
                  {t("longestWaitNow")}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.properties.map((row) => (
                <tr key={row.propertyId} className="border-b border-slate-100 dark:border-slate-900" data-testid="response-times-row">
                  <th scope="row" className="py-2 pr-3 font-medium">
                    {property ? row.propertyName : <Link href={href(report.days, row.propertyId)} className="text-indigo-700 underline dark:text-indigo-300">{row.propertyName}</Link>}
                  </th>
                  <FigureCells time={time} figures={row} />
                  <td className="py-2 pr-3 text-right tabular-nums">{row.waitingNow}</td>
                  <td className="py-2 text-right tabular-nums">{time.duration(row.longestWaitMinutes)}</td>
                </tr>
              ))}
            </tbody>
            {report.properties.length > 1 ? (
              <tfoot className="font-semibold">
                <tr data-testid="response-times-total">
                  <th scope="row" className="py-2 pr-3">
                    {t("allProperties")}
                  </th>
                  <FigureCells time={time} figures={report.total} />
                  <td className="py-2 pr-3 text-right tabular-nums">{report.total.waitingNow}</td>
                  <td className="py-2 text-right tabular-nums">{time.duration(report.total.longestWaitMinutes)}</td>
                </tr>
              </tfoot>
            ) : null}
          </table>
        </div>
        {report.properties.length === 0 ? <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{t("noProperties")}</p> : null}
      </section>

      <section aria-labelledby="by-staff" className="mt-8">
        <h2 id="by-staff" className="text-base font-semibold">
          {t("byStaff")}
        </h2>
        {report.staff.length === 0 ? (
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{t("noReplies")}</p>
        ) : (
          <table className="mt-2 w-full max-w-xl text-left text-sm" data-testid="response-times-by-staff">
            <thead className="border-b border-slate-200 text-xs text-slate-600 dark:border-slate-800 dark:text-slate-400">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">
                  {t("staffMember")}
                </th>
                <th scope="col" className="py-2 pr-3 text-right font-medium">
                  {t("replies")}
                </th>
                <th scope="col" className="py-2 text-right font-medium">
                  {t("medianFirstReply")}
                </th>
              </tr>
            </thead>
            <tbody>
              {report.staff.map((row) => (
                <tr key={row.userId} className="border-b border-slate-100 dark:border-slate-900">
                  <th scope="row" className="py-2 pr-3 font-medium">
                    {row.name}
                  </th>
                  <td className="py-2 pr-3 text-right tabular-nums">{row.replies}</td>
                  <td className="py-2 text-right tabular-nums">{time.duration(row.medianMinutes)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </main>
  );
}

type ReportsTranslator = Awaited<ReturnType<typeof getServerTranslator<"reports">>>;

function FigureHeadings({ t }: { t: ReportsTranslator }) {
  return (
    <>
      {[t("guestWaits"), t("answered"), t("medianFirstReply"), t("p90"), t("withinHour"), t("withinDay")].map((label) => (
        <th key={label} scope="col" className="py-2 pr-3 text-right font-medium">
          {label}
        </th>
      ))}
    </>
  );
}

function FigureCells({ figures, time }: { figures: WaitFigures; time: TimeFormat }) {
  return (
    <>
      <td className="py-2 pr-3 text-right tabular-nums">{figures.waits}</td>
      <td className="py-2 pr-3 text-right tabular-nums">{figures.answered}</td>
      <td className="py-2 pr-3 text-right tabular-nums">{time.duration(figures.medianMinutes)}</td>
      <td className="py-2 pr-3 text-right tabular-nums">{time.duration(figures.p90Minutes)}</td>
      <td className="py-2 pr-3 text-right tabular-nums">{formatShare(figures.withinHour)}</td>
      <td className="py-2 pr-3 text-right tabular-nums">{formatShare(figures.withinDay)}</td>
    </>
  );
}

function formatShare(share: number | null): string {
  return share === null ? "–" : `${Math.round(share * 100)} %`;
}
