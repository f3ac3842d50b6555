"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { showUnreadOnAppIcon } from "./app-icon-badge";
import { clearAllDrafts } from "./inbox/reply-drafts";
import { sendUnsentDrafts } from "./inbox/use-draft-sync";

export function SignOutButton({ signedInAs, viewerId }: { signedInAs: string; viewerId: string }) {
  const router = useRouter();
  const [pending, setPending] = useState(false);
  const t = useTranslations("common.header");
  return (
    <button
      type="button"
      disabled={pending}
      onClick={async () => {
        setPending(true);
        // A front desk's computer is shared: the next person to sign in must not find these. Their
        // writer keeps them on the server: what was typed a moment ago goes there first.
        await sendUnsentDrafts(viewerId);
        clearAllDrafts();
        // Nor a count on the icon that is no longer anyone's.
        showUnreadOnAppIcon(0);
        await fetch("/api/session", { method: "DELETE" }).catch(() => undefined);
        router.replace("/sign-in");
        router.refresh();
      }}
      title={t("signedInAs", { name: signedInAs })}
      className="rounded-md px-2 py-1 text-sm text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
    >
      {/* On a phone the door icon, named by the hidden words (see app-header.tsx's SectionLink). */}
      <span className="sm:hidden">
        <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden className="size-5">
          <path d="M8 3.5H4.5v13H8M12.5 6.5 16 10l-3.5 3.5M16 10H8" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </span>
      <span className="max-sm:sr-only">{t("signOut")}</span>
    </button>
  );
}
