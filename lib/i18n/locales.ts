// The languages Bellhop's screens speak, and how one is chosen for a request.
//
// A staff member's own choice (users.locale, set from the header) wins; before sign-in, the choice
// last made in this browser (a cookie); else the browser's Accept-Language; else English. Guest
// messages are never translated here: they are shown as the guest wrote them.
//
// zod-free on purpose: the browser imports this module (the language picker), and zod stays on the
// server (ARCHITECTURE.md); the request body's schema is lib/auth/staff-locale.ts's.

export const LOCALES = ["en", "de", "fr", "es", "it", "nl", "pt"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

/** Each language by its own name, as a language picker lists them. */
export const LOCALE_NAMES: Record<Locale, string> = {
  en: "English",
  de: "Deutsch",
  fr: "Français",
  es: "Español",
  it: "Italiano",
  nl: "Nederlands",
  pt: "Português",
};

/**
 * The region whose conventions dates and numbers follow. English is British English: the front desks
 * Bellhop serves are mostly European, and "3 Mar, 14:05" reads right to them (and was Bellhop's only
 * format before it spoke other languages).
 */
export const FORMAT_REGION: Record<Locale, string> = {
  en: "en-GB",
  de: "de-DE",
  fr: "fr-FR",
  es: "es-ES",
  it: "it-IT",
  nl: "nl-NL",
  pt: "pt-PT",
};

/** The cookie that remembers a browser's language before anyone signs in. */
export const LOCALE_COOKIE = "bellhop-locale";

export function isLocale(value: unknown): value is Locale {
  return typeof value === "string" && (LOCALES as readonly string[]).includes(value);
}

/** The language of a request: the signed-in staff member's choice, else the browser's (its cookie, then Accept-Language). */
export function localeOfRequest(headers: Headers, chosen: Locale | null = null): Locale {
  if (chosen) return chosen;
  const remembered = new RegExp(`(?:^|;\\s*)${LOCALE_COOKIE}=([^;]*)`).exec(headers.get("cookie") ?? "")?.[1];
  return isLocale(remembered) ? remembered : negotiateLocale(headers.get("accept-language"));
}

/**
 * The best of our languages for an Accept-Language header ("de-CH,de;q=0.9,en;q=0.8"), by quality and
 * then by order; only the primary subtag counts, so "pt-BR" gets Portuguese. Malformed entries are
 * skipped rather than refused: the header is the browser's, not the user's, and English is a fine
 * answer to nonsense.
 */
export function negotiateLocale(acceptLanguage: string | null | undefined): Locale {
  if (!acceptLanguage) return DEFAULT_LOCALE;
  const ranked = acceptLanguage
    .slice(0, 1_000)
    .split(",")
    .map((entry, index) => {
      const [tag = "", ...parameters] = entry.trim().split(";");
      const qualityParameter = parameters.map((parameter) => parameter.trim()).find((parameter) => parameter.startsWith("q="));
      const quality = qualityParameter === undefined ? 1 : Number(qualityParameter.slice(2));
      return { language: tag.trim().toLowerCase().split("-")[0] ?? "", quality: Number.isFinite(quality) ? quality : 0, index };
    })
    .filter((entry) => entry.quality > 0 && isLocale(entry.language))
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  const best = ranked[0]?.language;
  return isLocale(best) ? best : DEFAULT_LOCALE;
}
