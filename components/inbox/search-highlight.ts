// The words of a search found in a message, for the list row's line "why this matched": the text from
// a little before the first match, each matching word marked. Matching mirrors the server's search
// (lib/inbox/search-query.ts): the query's words are letters and digits, each a prefix of a word in the
// text, accents and case ignored ("cafe" finds "Café"). Pure, so it is tested without a browser.

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
  const words = searchWords(query);
  const ranges: [number, number][] = [];
  for (const token of line.matchAll(/[\p{L}\p{N}]+/gu)) {
    const folded = fold(token[0]);
    if (words.some((word) => folded.startsWith(word))) ranges.push([token.index, token.index + token[0].length]);
  }
  if (ranges.length === 0) return [{ text: line, match: false }];
  // Start at a word boundary a little before the first match.
  let start = Math.max(0, ranges[0]![0] - CONTEXT_BEFORE);
  if (start > 0) {
    const space = line.indexOf(" ", start);
    start = space >= 0 && space < ranges[0]![0] ? space + 1 : ranges[0]![0];
  }
  const segments: HighlightSegment[] = start > 0 ? [{ text: "…", match: false }] : [];
  let at = start;
  for (const [from, to] of ranges) {
    if (from > at) segments.push({ text: line.slice(at, from), match: false });
    segments.push({ text: line.slice(from, to), match: true });
    at = to;
  }
  if (at < line.length) segments.push({ text: line.slice(at), match: false });
  return segments;
}
