// Turns what a staff member typed into a safe prefix tsquery: every word (letters and digits only, so
// no tsquery operator can be smuggled in) becomes `word:*`, all words required. The SQL side applies
// bellhop_unaccent() to it, matching the unaccented search_vector columns.

const MAX_TERMS = 8;

export function toPrefixTsquery(input: string): string | null {
  const words = input
    .normalize("NFC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, MAX_TERMS)
    .map((word) => word.toLowerCase().slice(0, 64));
  if (words.length === 0) return null;
  return words.map((word) => `${word}:*`).join(" & ");
}
