"use client";

import { useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { LOCALE_COOKIE, LOCALE_NAMES, LOCALES, isLocale, type Locale } from "@/lib/i18n/locales";

/**
 * The language of Bellhop's screens. Signed in, the choice is kept on the account (it follows the staff
 * member to every device); on the sign-in page, in this browser only. `chosen`: the account's choice,
 * null while it follows the browser. The page reloads in the new language: every screen, the server's
 * included, then speaks it at once (a draft being typed is kept, see use-draft-sync.ts).
 *
 * A native select: on a phone it opens the system's own picker. It lies, transparent, over the short
 * code the header has room for; the options name each language in itself, so someone who cannot read
 * the current one still finds theirs.
 */
export function LanguagePicker({ signedIn, chosen }: { signedIn: boolean; chosen: Locale | null }) {
  const t = useTranslations("common.language");
  const locale = useLocale();
  const [failed, setFailed] = useState(false);
  const [pending, setPending] = useState(false);

  async function choose(value: string) {
    const next = isLocale(value) ? value : null;
    setFailed(false);
    setPending(true);
    if (signedIn) {
      const response = await fetch("/api/me/locale", { method: "PUT", headers: { "content-type": "application/json" }, body: JSON.stringify({ locale: next }) }).catch(() => null);
      if (!response?.ok) {
        setPending(false);
        setFailed(true);
        return;
      }
    } else {
      document.cookie = next ? `${LOCALE_COOKIE}=${next}; Path=/; Max-Age=31536000; SameSite=Lax` : `${LOCALE_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax`;
    }
    window.location.reload();
  }

  return (
    <span className="relative inline-flex items-center rounded-md hover:bg-slate-100 has-[select:focus-visible]:ring-2 has-[select:focus-visible]:ring-indigo-500 dark:hover:bg-slate-800">
      <span aria-hidden className={`pointer-events-none flex items-center gap-1 px-1.5 py-1 text-sm ${failed ? "text-red-700 dark:text-red-300" : "text-slate-600 dark:text-slate-300"}`}>
        <GlobeIcon />
        {/* On a phone the globe alone: the header keeps to one line at 390 px with every link in it. */}
        <span className="max-sm:hidden">{locale.toUpperCase()}</span>
      </span>
      <select
        aria-label={t("label")}
        title={failed ? t("failed") : t("label")}
        data-testid="language-picker"
        value={signedIn ? (chosen ?? "") : locale}
        disabled={pending}
        onChange={(event) => void choose(event.target.value)}
        className="absolute inset-0 cursor-pointer appearance-none opacity-0"
      >
        {signedIn && <option value="">{t("followBrowser")}</option>}
        {LOCALES.map((code) => (
          <option key={code} value={code} lang={code}>
            {LOCALE_NAMES[code]}
          </option>
        ))}
      </select>
      {failed && (
        <span role="alert" className="sr-only">
          {t("failed")}
        </span>
      )}
    </span>
  );
}

function GlobeIcon() {
  return (
    <svg viewBox="0 0 20 20" fill="none" stroke="currentColor" strokeWidth="1.5" className="size-4">
      <circle cx="10" cy="10" r="7.25" />
      <path d="M2.75 10h14.5M10 2.75c2 2.1 3 4.5 3 7.25s-1 5.15-3 7.25c-2-2.1-3-4.5-3-7.25s1-5.15 3-7.25Z" />
    </svg>
  );
}
