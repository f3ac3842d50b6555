import { describe, expect, it } from "vitest";
import { linkify } from "./linkify";

describe("linkify", () => {
  it("keeps plain text as one text segment", () => {
    expect(linkify("Hello <b>there</b>")).toEqual([{ kind: "text", text: "Hello <b>there</b>" }]);
  });

  it("turns http(s) URLs into links and leaves sentence punctuation outside", () => {
    expect(linkify("See https://example.com/a?b=1. Thanks")).toEqual([
      { kind: "text", text: "See " },
      { kind: "link", text: "https://example.com/a?b=1", href: "https://example.com/a?b=1" },
      { kind: "text", text: ". Thanks" },
    ]);
  });

  it("never links other schemes", () => {
    expect(linkify("javascript:alert(1) and ftp://x.org").every((segment) => segment.kind === "text")).toBe(true);
  });

  it("does not break out of the URL with quotes or angle brackets", () => {
    const segments = linkify('http://a.com/"onmouseover="x');
    expect(segments[0]).toEqual({ kind: "link", text: "http://a.com/", href: "http://a.com/" });
  });
});
