import Link from "next/link";
import type { Viewer } from "@/lib/auth/guard";
import { getServerTranslator } from "@/lib/i18n/request-locale";
import { LanguagePicker } from "./language-picker";
import { SignOutButton } from "./sign-out-button";

type Section = "inbox" | "reports" | "settings";

/** The page's header; `current`: the section the page belongs to, marked for the eye and for screen readers. */
export async function AppHeader({ viewer, current }: { viewer: Viewer; current: Section }) {
  const t = await getServerTranslator("common.header");
  return (
    <header className="flex items-center justify-between border-b border-slate-200 px-4 py-2 dark:border-slate-800">
      <nav aria-label={t("mainNav")} className="flex items-center gap-3 whitespace-nowrap sm:gap-4">
        <Link href="/inbox" className="flex items-center gap-1.5 font-semibold" aria-current={current === "inbox" ? "page" : undefined}>
          {/* A plain img: next/image added 5.6 kB (gzipped, measured by bench:inbox) to every page's first load, for a fixed 192 px PNG it would not resize anyway. */}
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src="/icons/icon-192.png" alt="" width={20} height={20} />
          {/* Under 360 px (the smallest phones) the icon alone is the home link: the header keeps to one line. */}
          <span className="max-[359px]:sr-only">Bellhop</span>
        </Link>
        <SectionLink href="/reports" current={current === "reports"} icon={<ChartIcon />}>
          {t("responseTimes")}
        </SectionLink>
        {viewer.role === "admin" && (
          <SectionLink href="/settings" current={current === "settings"} icon={<GearIcon />}>
            {t("settings")}
          </SectionLink>
        )}
      </nav>
      <div className="flex items-center gap-3 text-sm whitespace-nowrap">
        {/* On a phone the header keeps one line: the name waits in Sign out's tooltip. */}
        <span data-testid="signed-in-as" className="hidden sm:inline">
          {viewer.name} <span className="text-slate-500 dark:text-slate-400">({t(`role.${viewer.role}`)})</span>
        </span>
        <LanguagePicker signedIn chosen={viewer.locale} />
        <SignOutButton signedInAs={viewer.name} viewerId={viewer.id} />
      </div>
    </header>
  );
}

/**
 * On a phone a section is its icon, named by its (hidden) text: in some languages the words alone
 * are wider than a 390 px screen ("Antwortzeiten", "Einstellungen", e2e/languages.spec.ts).
 */
function SectionLink({ href, current, icon, children }: { href: string; current: boolean; icon: React.ReactNode; children: React.ReactNode }) {
  return (
    <Link
      href={href}
      aria-current={current ? "page" : undefined}
      className="flex items-center text-sm text-slate-700 underline-offset-4 hover:underline aria-[current=page]:font-medium aria-[current=page]:text-slate-950 aria-[current=page]:underline max-sm:rounded-md max-sm:p-1 max-sm:aria-[current=page]:bg-slate-100 dark:text-slate-300 dark:aria-[current=page]:text-white max-sm:dark:aria-[current=page]:bg-slate-800"
    >
      <span className="sm:hidden">{icon}</span>
      <span className="max-sm:sr-only">{children}</span>
    </Link>
  );
}

function ChartIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden className="size-5">
      <path d="M3.5 16.5h13M6 13.5V9.5M10 13.5v-7M14 13.5v-4.5" strokeLinecap="round" />
    </svg>
  );
}

function GearIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden className="size-5">
      <circle cx="10" cy="10" r="2.5" />
      <path d="M10 2.75v2M10 15.25v2M2.75 10h2M15.25 10h2M4.87 4.87l1.42 1.42M13.71 13.71l1.42 1.42M4.87 15.13l1.42-1.42M13.71 6.29l1.42-1.42" strokeLinecap="round" />
    </svg>
  );
}
