// Every language says everything English says, with the same placeholders, in valid ICU syntax, and
// is actually translated. A key a translation lacks would read in English (messages.ts), a missing
// or renamed placeholder would show "{guest}" to staff, and a syntax error would show the key.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { englishMessages, NAMESPACES } from "./english";
import { LOCALES } from "./locales";
import { loadPageMessages } from "./messages";

type Catalogue = { [key: string]: string | Catalogue };

function flatten(catalogue: Catalogue, prefix = ""): Map<string, string> {
  const flat = new Map<string, string>();
  for (const [key, value] of Object.entries(catalogue)) {
    if (typeof value === "string") flat.set(prefix + key, value);
    else for (const [nested, text] of flatten(value, `${prefix}${key}.`)) flat.set(nested, text);
  }
  return flat;
}

/** The names of a message's arguments and rich-text tags, e.g. ["count", "<strong>", "guest"]. */
function placeholders(message: string): string[] {
  const found = new Set<string>();
  const walk = (elements: MessageFormatElement[]) => {
    for (const element of elements) {
      if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
      if (element.type === TYPE.tag) {
        found.add(`<${element.value}>`);
        walk(element.children);
        continue;
      }
      found.add(element.value);
      if (element.type === TYPE.plural || element.type === TYPE.select) for (const option of Object.values(element.options)) walk(option.value);
    }
  };
  walk(parse(message));
  return [...found].sort();
}

/** Two words of four letters or more, outside the placeholders: a phrase to translate, not a unit. */
function isProse(message: string): boolean {
  return (message.replace(/\{[^{}]*\}/g, " ").match(/\p{L}{4,}/gu) ?? []).length >= 2;
}

function readCatalogue(namespace: string, locale: string): Catalogue {
  return JSON.parse(readFileSync(path.join(import.meta.dirname, "../../messages", namespace, `${locale}.json`), "utf8")) as Catalogue;
}

describe.each(NAMESPACES)("the %s catalogue", (namespace) => {
  const english = flatten(englishMessages[namespace] as Catalogue);

  it("is valid ICU in English, with no empty message", () => {
    for (const [key, text] of english) {
      expect(text.trim(), key).not.toBe("");
      expect(() => placeholders(text), key).not.toThrow();
    }
  });

  it.each(LOCALES.filter((locale) => locale !== "en"))("in %s has English's keys, each with its placeholders, and is translated", (locale) => {
    const translated = flatten(readCatalogue(namespace, locale));
    expect([...translated.keys()].sort()).toEqual([...english.keys()].sort());
    let sameAsEnglish = 0;
    for (const [key, text] of english) {
      const own = translated.get(key)!;
      expect(own.trim(), `${locale} ${key}`).not.toBe("");
      expect(placeholders(own), `${locale} ${key}: ${own}`).toEqual(placeholders(text));
      if (own === text && isProse(text)) sameAsEnglish += 1;
    }
    // Units ("{count} min") and names are often the same in both; prose the same as English is a
    // message nobody translated. A few may be (a loanword, "Bellhop"), not many.
    const prose = [...english.values()].filter(isProse).length;
    expect(sameAsEnglish, `${locale}: ${sameAsEnglish} of ${prose} sentences are English`).toBeLessThanOrEqual(Math.max(3, prose * 0.1));
  });
});

describe("the compiled catalogues the layout hands to the browser", () => {
  it.each(LOCALES)("in %s are plain data, as React requires of a server component's props, without the server's own words", async (locale) => {
    const messages = await loadPageMessages(locale);
    expect(Object.keys(messages).sort()).toEqual(NAMESPACES.filter((namespace) => namespace !== "server").sort());
    const prototypes = new Set<unknown>();
    const walk = (value: unknown) => {
      if (value === null || typeof value !== "object") return;
      prototypes.add(Object.getPrototypeOf(value));
      for (const nested of Object.values(value)) walk(nested);
    };
    walk(messages);
    expect([...prototypes].every((prototype) => prototype === Object.prototype || prototype === Array.prototype)).toBe(true);
    expect(JSON.parse(JSON.stringify(messages))).toEqual(messages);
  });
});
