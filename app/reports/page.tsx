import type { Metadata } from "next";
import { AppHeader } from "@/components/app-header";
import { ResponseTimesReport } from "@/components/reports/response-times-report";
import { assertPagePropertyAccess, requirePageViewer } from "@/lib/auth/guard";
import { getResponseTimes } from "@/lib/inbox/response-times";
import { reportQuery } from "@/lib/inbox/schemas";
import { getServerTranslator } from "@/lib/i18n/request-locale";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getServerTranslator("reports"))("metaTitle") };
}

// Rendered on the server from the URL (?days=7|30|90&property=…): no client code, and a link shows the
// same figures. Staff see their own properties only, like everywhere else.
export default async function ReportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const viewer = await requirePageViewer(`/reports?${new URLSearchParams(params as Record<string, string>)}`);
  const query = reportQuery.safeParse({ days: typeof params.days === "string" ? params.days : undefined, property: typeof params.property === "string" ? params.property : undefined });
  const input = query.success ? query.data : reportQuery.parse({});
  if (input.property) assertPagePropertyAccess(viewer, input.property);
  const report = await getResponseTimes(viewer, input);
  return (
    <>
      <AppHeader viewer={viewer} current="reports" />
      <ResponseTimesReport report={report} property={input.property ?? null} invalidQuery={!query.success} />
    </>
  );
}
