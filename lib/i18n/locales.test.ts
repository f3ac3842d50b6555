import { describe, expect, it } from "vitest";
import { localeSchema } from "../auth/staff-locale";
import { localeOfRequest, negotiateLocale } from "./locales";

describe("negotiateLocale", () => {
  it("takes the best-rated language Bellhop speaks, by its primary subtag", () => {
    expect(negotiateLocale("de-CH,de;q=0.9,en;q=0.8")).toBe("de");
    expect(negotiateLocale("ja,pt-BR;q=0.8,en;q=0.5")).toBe("pt");
    expect(negotiateLocale("en;q=0.4, fr;q=0.7")).toBe("fr");
  });

  it("keeps the browser's order between languages of equal rating", () => {
    expect(negotiateLocale("nl, it")).toBe("nl");
    expect(negotiateLocale("it, nl")).toBe("it");
  });

  it("falls back to English for no header, nothing it speaks, refusals and nonsense", () => {
    expect(negotiateLocale(undefined)).toBe("en");
    expect(negotiateLocale("")).toBe("en");
    expect(negotiateLocale("ja,zh-CN;q=0.9")).toBe("en");
    expect(negotiateLocale("de;q=0")).toBe("en");
    expect(negotiateLocale(";;;,q=,de;q=abc")).toBe("en");
  });
});

describe("localeSchema", () => {
  it("accepts the languages Bellhop speaks and names them when refusing another", () => {
    expect(localeSchema.parse("es")).toBe("es");
    const refused = localeSchema.safeParse("klingon");
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toContain("en, de, fr, es, it, nl, pt");
  });
});

describe("localeOfRequest", () => {
  it("reads the request's language from the staff member, the cookie, then Accept-Language", () => {
    const headers = new Headers({ cookie: "a=1; bellhop-locale=es", "accept-language": "fr" });
    expect(localeOfRequest(headers, "it")).toBe("it");
    expect(localeOfRequest(headers)).toBe("es");
    expect(localeOfRequest(new Headers({ cookie: "bellhop-locale=xx", "accept-language": "fr-CA" }))).toBe("fr");
    expect(localeOfRequest(new Headers())).toBe("en");
  });
});
