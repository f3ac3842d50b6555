import type { Metadata } from "next";
import { Suspense } from "react";
import { AppHeader } from "@/components/app-header";
import { InboxApp } from "@/components/inbox/inbox-app";
import { requirePageViewer } from "@/lib/auth/guard";
import { getServerTranslator } from "@/lib/i18n/request-locale";
import { listVisibleProperties } from "@/lib/inbox/properties";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getServerTranslator("inbox");
  return { title: t("metaTitle") };
}

// The URL holds the whole screen (view, filter, search, open conversation) in search params, read on
// the client, so a link or a reload shows the same thing.
export default async function InboxPage() {
  const viewer = await requirePageViewer("/inbox");
  const properties = await listVisibleProperties(viewer);
  return (
    <div className="flex h-dvh flex-col">
      <AppHeader viewer={viewer} current="inbox" />
      <Suspense fallback={<main className="flex-1" />}>
        <InboxApp properties={properties.map(({ id, name, timeZone }) => ({ id, name, timeZone }))} viewerId={viewer.id} />
      </Suspense>
    </div>
  );
}
