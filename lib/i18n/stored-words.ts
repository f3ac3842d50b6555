// Words stored beside their English in a jsonb column (a connection test's result, why a reply or an
// outbound action failed), read back for a reader in their language. What the database holds is
// outside input like any other: it is parsed, and words whose key the catalogue no longer has (a
// message renamed since they were stored) fall back to the English stored with them.
import { z } from "zod";
import { isServerMessageKey, type ErrorWords, type SayWords } from "../api/errors";
import { Prisma } from "../generated/prisma/client";

type StoredWords = { key: string; values?: Record<string, string | number | StoredWords> };
// Words as AppError.worded takes them, every key (nested ones too) still a message of the catalogue.
const storedWordsSchema: z.ZodType<StoredWords> = z.lazy(() =>
  z.object({ key: z.string().refine(isServerMessageKey), values: z.record(z.string(), z.union([z.string(), z.number(), storedWordsSchema])).optional() }),
);

/** The stored words, or null: none stored (a text from elsewhere, or stored before words were), or a message renamed since. */
export function readStoredWords(json: unknown): ErrorWords | null {
  const parsed = storedWordsSchema.safeParse(json);
  // The refine above checked every key.
  return parsed.success ? (parsed.data as ErrorWords) : null;
}

/** A stored text in the reader's language: its words said by `say`, else the English stored with them. */
export function sayStored(english: string, json: unknown, say: SayWords): string {
  const words = readStoredWords(json);
  return words ? say(words) : english;
}

/** What to write into a words column: the words, or SQL NULL when the text has none. */
export function wordsColumn(words: ErrorWords | null): Prisma.InputJsonValue | typeof Prisma.DbNull {
  return words ?? Prisma.DbNull;
}
