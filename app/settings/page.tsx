import type { Metadata } from "next";
import Link from "next/link";
import { AppHeader } from "@/components/app-header";
import { SettingsPage } from "@/components/settings/settings-page";
import { requirePageViewer } from "@/lib/auth/guard";
import { serverEnv } from "@/lib/env";

export const metadata: Metadata = { title: "Settings · Bellhop" };

// Admins only. Staff get a plain "403" page here rather than the guard's redirect to the inbox, so
// they learn why instead of landing somewhere unexpected; every /api/admin route answers 403 anyway.
export default async function Settings() {
  const viewer = await requirePageViewer("/settings");
  if (viewer.role !== "admin") {
    return (
      <>
        <AppHeader viewer={viewer} current="settings" />
        <main className="mx-auto mt-16 max-w-md px-4" data-testid="settings-forbidden">
          <p className="text-sm font-medium text-slate-500">403 · Not allowed</p>
          <h1 className="mt-1 text-xl font-semibold">Only admins can open the settings</h1>
          <p className="mt-2 text-sm text-slate-600 dark:text-slate-400">Ask an admin if you need a connection, property, account or saved reply changed.</p>
          <Link href="/inbox" className="mt-4 inline-block text-sm font-medium text-indigo-700 underline dark:text-indigo-400">
            Back to the inbox
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
