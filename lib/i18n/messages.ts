// One language's catalogue: messages/<namespace>/<locale>.json, one file per area of the app so each
// can be translated and reviewed on its own.
//
// Messages are compiled here, on the server, once per language (icu-minify, the compiler next-intl
// uses for the same purpose): the browser then formats them with use-intl's format-only formatter
// (next.config.mjs aliases it), and never downloads an ICU parser. That parser and intl-messageformat
// were 11 kB of the inbox's first-load JavaScript (gzipped, `npm run bench:inbox`).
import compile from "icu-minify/compile";
import { englishMessages, NAMESPACES, type Messages, type PageMessages } from "./english";
import type { Locale } from "./locales";

type Catalogue = { [key: string]: string | Catalogue };
type Compiled = { [key: string]: ReturnType<typeof compile> | Compiled };

const compiled = new Map<Locale, Promise<Messages>>();

/**
 * The messages for `locale`, compiled, with English under them: a key a translation lacks (which
 * catalog.test.ts refuses, but a hand-edited file on a server could still miss) reads in English
 * rather than as its key. Typed as the English catalogue, whose keys they have.
 */
export function loadMessages(locale: Locale): Promise<Messages> {
  if (locale === "en") return Promise.resolve(compiledEnglish());
  let messages = compiled.get(locale);
  if (!messages) {
    messages = readCatalogue(locale).then((catalogue) => compileAll(catalogue) as unknown as Messages);
    compiled.set(locale, messages);
  }
  return messages;
}

/** `loadMessages(locale)` without the `server` area (about a tenth of the catalogue), for the layout to hand the browser. */
export async function loadPageMessages(locale: Locale): Promise<PageMessages> {
  const { server: _server, ...page } = await loadMessages(locale);
  return page;
}

let english: Messages | undefined;

function compiledEnglish(): Messages {
  english ??= compileAll(englishMessages) as unknown as Messages;
  return english;
}

async function readCatalogue(locale: Exclude<Locale, "en">): Promise<Catalogue> {
  const parts = await Promise.all(
    NAMESPACES.map(async (namespace) => {
      const translated = ((await import(`../../messages/${namespace}/${locale}.json`)) as { default: Catalogue }).default;
      return [namespace, underlay(englishMessages[namespace] as Catalogue, translated)] as const;
    }),
  );
  return Object.fromEntries(parts);
}

function underlay(english: Catalogue, translated: Catalogue): Catalogue {
  const merged: Catalogue = {};
  for (const [key, value] of Object.entries(english)) {
    const own = translated[key];
    merged[key] = typeof value === "string" ? (typeof own === "string" ? own : value) : underlay(value, typeof own === "object" ? own : {});
  }
  return merged;
}

function compileAll(catalogue: Catalogue): Compiled {
  return Object.fromEntries(Object.entries(catalogue).map(([key, value]) => [key, typeof value === "string" ? plain(compile(value)) : compileAll(value)]));
}

/** icu-minify writes plural and select options into null-prototype objects, which React refuses to pass to client components. */
function plain(message: ReturnType<typeof compile>): ReturnType<typeof compile> {
  return JSON.parse(JSON.stringify(message)) as ReturnType<typeof compile>;
}
