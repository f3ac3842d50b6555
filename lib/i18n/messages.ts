// One language's catalogue: messages/<namespace>/<locale>.json, one file per area of the app so each
// can be translated and reviewed on its own.
import { englishMessages, NAMESPACES, type Messages } from "./english";
import type { Locale } from "./locales";

type Catalogue = { [key: string]: string | Catalogue };

/**
 * The messages for `locale`, with English under them: a key a translation lacks (which
 * catalog.test.ts refuses, but a hand-edited file on a server could still miss) reads in English
 * rather than as its key.
 */
export async function loadMessages(locale: Locale): Promise<Messages> {
  if (locale === "en") return englishMessages;
  const parts = await Promise.all(
    NAMESPACES.map(async (namespace) => {
      const translated = ((await import(`../../messages/${namespace}/${locale}.json`)) as { default: Catalogue }).default;
      return [namespace, underlay(englishMessages[namespace] as Catalogue, translated)] as const;
    }),
  );
  return Object.fromEntries(parts) as Messages;
}

function underlay(english: Catalogue, translated: Catalogue): Catalogue {
  const merged: Catalogue = {};
  for (const [key, value] of Object.entries(english)) {
    const own = translated[key];
    merged[key] = typeof value === "string" ? (typeof own === "string" ? own : value) : underlay(value, typeof own === "object" ? own : {});
  }
  return merged;
}
