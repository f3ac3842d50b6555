import { describe, expect, it } from "vitest";
import { highlightMatches, markWords, searchWords } from "./search-highlight";

const marked = (text: string, query: string) =>
  highlightMatches(text, query)
    .map((segment) => (segment.match ? `[${segment.text}]` : segment.text))
    .join("");

describe("highlightMatches", () => {
  it("marks every word the search's words begin, ignoring accents and case", () => {
    expect(marked("Is there PARKING at the hotel? Parked cars pay 10 EUR.", "park")).toBe("Is there [PARKING] at the hotel? [Parked] cars pay 10 EUR.");
    expect(marked("Où est le café le plus proche ?", "CAFE ou")).toBe("[Où] est le [café] le plus proche ?");
    expect(marked("Frühstück um acht?", "fruh")).toBe("[Frühstück] um acht?");
  });

  it("starts a little before the first match, at a word, so a one-line row shows it", () => {
    const text = "Hello! We are travelling with two small children and a dog, and we would like to know whether the garage is open at night.";
    expect(marked(text, "garage")).toBe("…to know whether the [garage] is open at night.");
    expect(marked("Line one\n\nLine   two with garage", "garage")).toBe("Line one Line two with [garage]");
    // The server sent the text from a little before the match already: one "…", however it was cut.
    expect(highlightMatches("ge is open at night", "open", true).map((segment) => segment.text)).toEqual(["…", "ge is ", "open", " at night"]);
    expect(highlightMatches(text, "garage", true).filter((segment) => segment.text === "…")).toHaveLength(1);
  });

  it("shows the text unmarked when no word matches, and is not fooled by a query of punctuation", () => {
    expect(highlightMatches("See you tomorrow", "garage")).toEqual([{ text: "See you tomorrow", match: false }]);
    expect(highlightMatches("See you tomorrow", "&|!:*")).toEqual([{ text: "See you tomorrow", match: false }]);
  });
});

describe("markWords", () => {
  const markedWhole = (text: string, query: string) =>
    markWords(text, searchWords(query))
      .map((segment) => (segment.match ? `[${segment.text}]` : segment.text))
      .join("");

  it("keeps the whole message as it is, line breaks included, and marks every word that matches", () => {
    const text = "Hello!\n\nWe are travelling with two small children and a dog, and we would like to know whether the garage is open.\nGarages nearby?";
    expect(markedWhole(text, "garage")).toBe("Hello!\n\nWe are travelling with two small children and a dog, and we would like to know whether the [garage] is open.\n[Garages] nearby?");
    expect(markedWhole("Où est le café ?", "cafe")).toBe("Où est le [café] ?");
  });

  it("leaves a message without the words, or a search without words, as one unmarked segment", () => {
    expect(markWords("See you tomorrow", searchWords("garage"))).toEqual([{ text: "See you tomorrow", match: false }]);
    expect(markWords("See you tomorrow", searchWords("&|!"))).toEqual([{ text: "See you tomorrow", match: false }]);
  });
});
