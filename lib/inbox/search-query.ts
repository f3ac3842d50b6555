// Turns what a staff member typed into a safe prefix tsquery: every word (letters and digits only, so
// no tsquery operator can be smuggled in) becomes `word:*`, all words required. The SQL side applies
// bellhop_unaccent() to it, matching the unaccented search_vector columns.

const MAX_TERMS = 8;

export function toPrefixTsquery(input: string): string | null {
  const words = searchWords(input);
  if (words.length === 0) return null;
  return words.map((word) => `${word}:*`).join(" & ");
}

/**
 * Both forms the inbox search needs: `all` (every word, what a conversation must match) and `any` (at
 * least one word: finds the rows of a conversation whose words are stored in several rows, see
 * lib/inbox/list-conversations.ts), and how many words there are.
 */
export function toPrefixTsqueries(input: string): { all: string; any: string; words: string[] } | null {
  const words = searchWords(input);
  if (words.length === 0) return null;
  const prefixes = words.map((word) => `${word}:*`);
  return { all: prefixes.join(" & "), any: prefixes.join(" | "), words };
}

function searchWords(input: string): string[] {
  return input
    .normalize("NFC")
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 0)
    .slice(0, MAX_TERMS)
    .map((word) => word.toLowerCase().slice(0, 64));
}
