"use client";

import { AuditLogSection } from "./audit-log-section";
import { ConnectionSection } from "./connection-section";
import { LabelsSection } from "./labels-section";
import { PropertiesSection } from "./properties-section";
import { SavedRepliesSection } from "./saved-replies-section";
import { SettingsQueryProvider } from "./settings-query-provider";
import { StaffSection } from "./staff-section";
import { SyncHealthSection } from "./sync-health-section";

const SECTIONS = [
  ["connection", "Connection"],
  ["properties", "Properties"],
  ["sync-health", "Sync health"],
  ["staff", "Staff"],
  ["saved-replies", "Saved replies"],
  ["labels", "Labels"],
  ["audit-log", "Audit log"],
] as const;

export function SettingsPage({ viewerId, sandboxBaseUrl, timeZones }: { viewerId: string; sandboxBaseUrl: string | null; timeZones: string[] }) {
  return (
    <SettingsQueryProvider>
      <div className="mx-auto flex max-w-6xl gap-8 px-4 py-6">
        <nav aria-label="Settings sections" className="sticky top-4 hidden h-fit w-44 shrink-0 md:block">
          <ul className="space-y-1 text-sm">
            {SECTIONS.map(([id, label]) => (
              <li key={id}>
                <a href={`#${id}`} className="block rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-900">
                  {label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <main className="min-w-0 flex-1 space-y-6">
          <h1 className="text-xl font-semibold">Settings</h1>
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
