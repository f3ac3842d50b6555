// The one error type of Bellhop's HTTP layer and the one JSON shape it becomes:
//   { "error": { "code": "not_found", "message": "…", "fields"?: { "email": "…" } } }
import { z } from "zod";
import { IntlMessageFormat } from "intl-messageformat";
import { englishMessages, type Messages } from "../i18n/english";
import { isDatabaseUnavailable } from "./database-unavailable";

type Leaves<T, Prefix extends string = ""> = { [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`> }[keyof T & string];
export type ServerMessageKey = Leaves<Messages["server"]>;

export type ErrorCode =
  | "bad_request"
  | "validation_failed"
  | "unauthenticated"
  | "forbidden"
  | "not_found"
  | "conflict"
  | "replied_since"
  | "rate_limited"
  | "unprocessable"
  | "upstream_unavailable"
  | "database_unavailable"
  | "internal";

const STATUS: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  // Someone else answered the guest since the page loaded (lib/inbox/unseen-reply.ts).
  replied_since: 409,
  rate_limited: 429,
  unprocessable: 422,
  upstream_unavailable: 503,
  database_unavailable: 503,
  internal: 500,
};

export type ErrorBody = { error: { code: ErrorCode; message: string; fields?: Record<string, string> } };

/**
 * The words of an error staff meet in ordinary work, by key in the `server` catalogue
 * (messages/server), for lib/i18n/localized-error.ts to say in the requester's language.
 * The English message is the catalogue's English (AppError.worded).
 */
export type ErrorWords = { key: ServerMessageKey; values?: Record<string, WordValue> };

/**
 * A value put into words: a name, count or id as it is, or other words, said in the same language
 * ("Cannot assign: {problem}", where the problem is a sentence of its own). Text that comes from
 * elsewhere (Booking.com's own error text) is a string, and stays as it came.
 */
export type WordValue = string | number | ErrorWords;

/** A field's message: words from the catalogue, or a text from elsewhere that stays as it is. */
export type FieldWords = ErrorWords | string;

export type WordedOptions = {
  values?: Record<string, WordValue>;
  headers?: Record<string, string>;
  /** Per-form-field messages, worded like the message (the settings forms show them under inputs). */
  fields?: Record<string, FieldWords>;
};

/**
 * Words in English, the catalogue's English formatted with their values. intl-messageformat, not
 * use-intl: this module also runs in the worker and scripts (plain Node), where use-intl is not given
 * compiled messages (next.config.mjs's alias).
 */
export function englishWords(words: ErrorWords): string {
  const english = words.key.split(".").reduce<unknown>((branch, part) => (branch as Record<string, unknown>)[part], englishMessages.server) as string;
  return String(new IntlMessageFormat(english, "en").format(sayValues(words.values, englishWords)));
}

/** Whether `key` names a message of the `server` catalogue (words read back from the database). */
export function isServerMessageKey(key: string): key is ServerMessageKey {
  return typeof key.split(".").reduce<unknown>((branch, part) => (typeof branch === "object" && branch !== null ? (branch as Record<string, unknown>)[part] : undefined), englishMessages.server) === "string";
}

/** Says words in one language: `englishWords`, or lib/i18n/localized-error.ts's `wordsIn(locale)`. */
export type SayWords = (words: ErrorWords) => string;

/** The values of words with any nested words said by `say` (in one language, English or another). */
export function sayValues(values: Record<string, WordValue> | undefined, say: (words: ErrorWords) => string): Record<string, string | number> | undefined {
  if (!values) return undefined;
  return Object.fromEntries(Object.entries(values).map(([name, value]) => [name, typeof value === "object" ? say(value) : value]));
}

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
    this.status = STATUS[code];
  }

  words?: ErrorWords;
  /** The words of `fields`, set with `words` (AppError.worded): what another language says under each input. */
  fieldWords?: Record<string, FieldWords>;

  /** An error worded by the `server` catalogue: its message and fields are the English, and other languages have them too. */
  static worded(code: ErrorCode, key: ServerMessageKey, { values, headers, fields }: WordedOptions = {}): AppError {
    const words: ErrorWords = { key, values };
    const englishFields = fields && Object.fromEntries(Object.entries(fields).map(([name, field]) => [name, typeof field === "string" ? field : englishWords(field)]));
    const error = new AppError(code, englishWords(words), englishFields, headers);
    error.words = words;
    error.fieldWords = fields;
    return error;
  }

  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } };
  }
}

/** A zod failure as a 400 with one message per field (the first issue of each path). */
export function validationError(error: z.ZodError, what = "request"): AppError {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "_";
    fields[key] ??= issue.message;
  }
  const summary = Object.entries(fields)
    .map(([key, message]) => (key === "_" ? message : `${key}: ${message}`))
    .join("; ");
  return new AppError("validation_failed", `Invalid ${what}: ${summary}`, fields);
}

/** A 503 for a request made while the database is down or restarting: nothing to fix but to wait. */
export function databaseUnavailable(): AppError {
  return AppError.worded("database_unavailable", "databaseUnavailable", { headers: { "Retry-After": "5" } });
}

/**
 * Any thrown value as the AppError it answers as: an AppError as itself, the database being
 * unreachable as a 503 (lib/api/database-unavailable.ts), anything else logged and hidden behind a 500.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isDatabaseUnavailable(error)) {
    // One line, not a stack: the cause is known, and an outage would otherwise flood the log.
    console.warn("[bellhop] database unavailable:", error instanceof Error ? `${error.name}: ${error.message.trim().split("\n")[0]}` : String(error));
    return databaseUnavailable();
  }
  console.error("[bellhop] unhandled error", error);
  return AppError.worded("internal", "unexpected");
}

/** Any thrown value as a JSON response, in English (lib/i18n/localized-error.ts says it in the requester's language). */
export function errorResponse(error: unknown): Response {
  const answer = toAppError(error);
  return Response.json(answer.toBody(), { status: answer.status, headers: answer.headers });
}
