import Link from "next/link";
import type { Viewer } from "@/lib/auth/guard";
import { SignOutButton } from "./sign-out-button";

export function AppHeader({ viewer }: { viewer: Viewer }) {
  return (
    <header className="flex items-center justify-between border-b border-slate-200 px-4 py-2 dark:border-slate-800">
      <nav aria-label="Main" className="flex items-center gap-3 whitespace-nowrap sm:gap-4">
        <Link href="/inbox" className="font-semibold">
          Bellhop
        </Link>
        <Link href="/reports" className="text-sm text-slate-700 hover:underline dark:text-slate-300">
          Response times
        </Link>
        {viewer.role === "admin" && (
          <Link href="/settings" className="text-sm text-slate-700 hover:underline dark:text-slate-300">
            Settings
          </Link>
        )}
      </nav>
      <div className="flex items-center gap-3 text-sm whitespace-nowrap">
        {/* On a phone the header keeps one line: the name waits in Sign out's tooltip. */}
        <span data-testid="signed-in-as" className="hidden sm:inline">
          {viewer.name} <span className="text-slate-500 dark:text-slate-400">({viewer.role})</span>
        </span>
        <SignOutButton signedInAs={viewer.name} />
      </div>
    </header>
  );
}
