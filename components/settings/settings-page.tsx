"use client";

import { useTranslations } from "use-intl";
import { AuditLogSection } from "./audit-log-section";
import { ConnectionSection } from "./connection-section";
import { LabelsSection } from "./labels-section";
import { PropertiesSection } from "./properties-section";
import { SavedRepliesSection } from "./saved-replies-section";
import { SettingsQueryProvider } from "./settings-query-provider";
import { StaffSection } from "./staff-section";
import { SyncHealthSection } from "./sync-health-section";

// Each section's anchor and its name in the catalogue (settings.sections).
const SECTIONS = [
  ["connection", "connection"],
  ["properties", "properties"],
  ["sync-health", "syncHealth"],
  ["staff", "staff"],
  ["saved-replies", "savedReplies"],
  ["labels", "labels"],
  ["audit-log", "auditLog"],
] as const;

export function SettingsPage({ viewerId, sandboxBaseUrl, timeZones }: { viewerId: string; sandboxBaseUrl: string | null; timeZones: string[] }) {
  const t = useTranslations("settings");
  return (
    <SettingsQueryProvider>
      <div className="mx-auto flex max-w-6xl gap-8 px-4 py-6">
        <nav aria-label={t("page.sectionsNav")} className="sticky top-4 hidden h-fit w-44 shrink-0 md:block">
          <ul className="space-y-1 text-sm">
            {SECTIONS.map(([id, key]) => (
              <li key={id}>
                <a href={`#${id}`} className="block rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-900">
                  {t(`sections.${key}`)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main className="min-w-0 flex-1 space-y-6">
          <h1 className="text-xl font-semibold">{t("page.title")}</h1>
          <ConnectionSection sandboxBaseUrl={sandboxBaseUrl} />
          <PropertiesSection timeZones={timeZones} />
          <SyncHealthSection />
          <StaffSection viewerId={viewerId} />
          <SavedRepliesSection />
          <LabelsSection />
          <AuditLogSection />
        </main>
      </div>
    </SettingsQueryProvider>
  );
}
