import { describe, expect, it } from "vitest";
import { toPrefixTsqueries, toPrefixTsquery } from "./search-query";

describe("toPrefixTsquery", () => {
  it("makes every word a required prefix", () => {
    expect(toPrefixTsquery("Ana Sou")).toBe("ana:* & sou:*");
  });

  it("drops tsquery operators and punctuation instead of passing them through", () => {
    expect(toPrefixTsquery("a & b | !c <-> 'd':*")).toBe("a:* & b:* & c:* & d:*");
    expect(toPrefixTsquery("4338-2848")).toBe("4338:* & 2848:*");
  });

  it("keeps accented letters (the database unaccents both sides)", () => {
    expect(toPrefixTsquery("José")).toBe("josé:*");
  });

  it("returns null when nothing searchable is left", () => {
    expect(toPrefixTsquery("  &|!() ")).toBeNull();
    expect(toPrefixTsquery("")).toBeNull();
  });
});

describe("toPrefixTsqueries", () => {
  it("gives the all-words and any-word forms of the same words", () => {
    expect(toPrefixTsqueries("Ana  parking!")).toEqual({ all: "ana:* & parking:*", any: "ana:* | parking:*", words: ["ana", "parking"] });
    expect(toPrefixTsqueries("4338")).toEqual({ all: "4338:*", any: "4338:*", words: ["4338"] });
    expect(toPrefixTsqueries(" |&! ")).toBeNull();
  });
});
