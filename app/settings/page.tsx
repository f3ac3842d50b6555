import type { Metadata } from "next";
import Link from "next/link";
import { AppHeader } from "@/components/app-header";
import { SettingsPage } from "@/components/settings/settings-page";
import { requirePageViewer } from "@/lib/auth/guard";
import { serverEnv } from "@/lib/env";
import { getServerTranslator } from "@/lib/i18n/request-locale";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getServerTranslator("settings.page");
  return { title: t("metaTitle") };
}

// Admins only. Staff get a plain "403" page here rather than the guard's redirect to the inbox, so
// they learn why instead of landing somewhere unexpected; every /api/admin route answers 403 anyway.
export default async function Settings() {
  const viewer = await requirePageViewer("/settings");
  if (viewer.role !== "admin") {
    const t = await getServerTranslator("settings.page.forbidden");
    return (
      <>
        <AppHeader viewer={viewer} current="settings" />
        <main className="mx-auto mt-16 max-w-md px-4" data-testid="settings-forbidden">
          <p className="text-sm font-medium text-slate-500">{t("status")}</p>
          <h1 className="mt-1 text-xl font-semibold">{t("title")}</h1>
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">{t("explanation")}</p>
          <Link href="/inbox" className="mt-4 inline-block text-sm font-medium text-indigo-700 underline dark:text-indigo-400">
            {t("backToInbox")}
          </Link>
        </main>
      </>
    );
  }
  const env = serverEnv();
  // When `npm start` runs the sandbox, new connections default to it (the issue: "the sandbox's by default").
  const sandboxBaseUrl = env.SANDBOX_URL ? (env.BOOKING_API_BASE_URL ?? `${env.SANDBOX_URL}/messaging`) : null;
  const timeZones = ["UTC", ...Intl.supportedValuesOf("timeZone")];
  return (
    <>
      <AppHeader viewer={viewer} current="settings" />
      <SettingsPage viewerId={viewer.id} sandboxBaseUrl={sandboxBaseUrl} timeZones={timeZones} />
    </>
  );
}
