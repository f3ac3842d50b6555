import type { Metadata } from "next";
import { AppHeader } from "@/components/app-header";
import { requirePageViewer } from "@/lib/auth/guard";
import { listVisibleProperties } from "@/lib/inbox/properties";

export const metadata: Metadata = { title: "Inbox · Bellhop" };

export default async function InboxPage() {
  const viewer = await requirePageViewer("/inbox");
  const properties = await listVisibleProperties(viewer);
  return (
    <>
      <AppHeader viewer={viewer} />
      <main className="mx-auto max-w-3xl px-4 py-6">
        <h1 className="mb-4 text-xl font-semibold">Inbox</h1>
        <section aria-labelledby="properties-heading">
          <h2 id="properties-heading" className="mb-2 text-sm font-medium text-slate-600 dark:text-slate-400">
            Your properties
          </h2>
          {properties.length === 0 ? (
            <p>No property has been assigned to you yet. Ask an admin for access.</p>
          ) : (
            <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800" data-testid="property-list">
              {properties.map((property) => (
                <li key={property.id} className="flex justify-between px-3 py-2">
                  <span>{property.name}</span>
                  <span className="text-sm text-slate-500">#{property.id}</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </main>
    </>
  );
}
