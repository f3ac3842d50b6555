// The words of a search found in a message: for the list row's line "why this matched", the text from
// a little before the first match, each matching word marked; in the thread, every message whole.
// Matching mirrors the server's search (lib/inbox/search-query.ts): the query's words are letters and
// digits, each a prefix of a word in the text, accents and case ignored ("cafe" finds "Café"). Pure, so
// it is tested without a browser.

export type HighlightSegment = { text: string; match: boolean };

const MAX_WORDS = 8; // as lib/inbox/search-query.ts
/** How much of the text before the first match stays, so the match shows on a one-line row. */
const CONTEXT_BEFORE = 24;

const fold = (text: string) => text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();

export function searchWords(query: string): string[] {
  return fold(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, MAX_WORDS);
}

/**
 * The text as one line, from shortly before the first word that matches (with "…" when cut here, or
 * when `cutBefore` says the server already left the start out), in segments; the text unmarked when
 * nothing matches (the server matched a word this cannot see, e.g. past the characters it sent).
 */
export function highlightMatches(text: string, query: string, cutBefore = false): HighlightSegment[] {
  const segments = highlightLine(text.replace(/\s+/g, " ").trim(), query);
  return cutBefore && segments[0]?.text !== "…" ? [{ text: "…", match: false }, ...segments] : segments;
}

function highlightLine(line: string, query: string): HighlightSegment[] {
  const ranges = matchRanges(line, searchWords(query));
  if (ranges.length === 0) return [{ text: line, match: false }];
  // Start at a word boundary a little before the first match.
  let start = Math.max(0, ranges[0]![0] - CONTEXT_BEFORE);
  if (start > 0) {
    const space = line.indexOf(" ", start);
    start = space >= 0 && space < ranges[0]![0] ? space + 1 : ranges[0]![0];
  }
  return [...(start > 0 ? [{ text: "…", match: false }] : []), ...segmentsOf(line, start, ranges)];
}

/**
 * A whole message as it is (line breaks and all), in segments with the search's `words` (searchWords)
 * marked: the thread opened from a search shows where each message matched.
 */
export function markWords(text: string, words: readonly string[]): HighlightSegment[] {
  const ranges = words.length > 0 ? matchRanges(text, words) : [];
  return ranges.length === 0 ? [{ text, match: false }] : segmentsOf(text, 0, ranges);
}

/** Where in `text` a word begins with one of `words`, as [from, to) offsets in order. */
function matchRanges(text: string, words: readonly string[]): [number, number][] {
  const ranges: [number, number][] = [];
  for (const token of text.matchAll(/[\p{L}\p{N}]+/gu)) {
    const folded = fold(token[0]);
    if (words.some((word) => folded.startsWith(word))) ranges.push([token.index, token.index + token[0].length]);
  }
  return ranges;
}

function segmentsOf(text: string, start: number, ranges: [number, number][]): HighlightSegment[] {
  const segments: HighlightSegment[] = [];
  let at = start;
  for (const [from, to] of ranges) {
    if (from > at) segments.push({ text: text.slice(at, from), match: false });
    segments.push({ text: text.slice(from, to), match: true });
    at = to;
  }
  if (at < text.length) segments.push({ text: text.slice(at), match: false });
  return segments;
}
