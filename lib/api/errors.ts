// The one error type of Bellhop's HTTP layer and the one JSON shape it becomes:
//   { "error": { "code": "not_found", "message": "…", "fields"?: { "email": "…" } } }
import { z } from "zod";
import { isDatabaseUnavailable } from "./database-unavailable";

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
  return new AppError("database_unavailable", "Bellhop cannot reach its database right now. Try again in a moment.", undefined, { "Retry-After": "5" });
}

/**
 * Any thrown value as a JSON response: an AppError as itself, the database being unreachable as a 503
 * (lib/api/database-unavailable.ts), anything else logged and hidden behind a 500.
 */
export function errorResponse(error: unknown): Response {
  if (error instanceof AppError) {
    return Response.json(error.toBody(), { status: error.status, headers: error.headers });
  }
  if (isDatabaseUnavailable(error)) {
    // One line, not a stack: the cause is known, and an outage would otherwise flood the log.
    console.warn("[bellhop] database unavailable:", error instanceof Error ? `${error.name}: ${error.message.trim().split("\n")[0]}` : String(error));
    return errorResponse(databaseUnavailable());
  }
  console.error("[bellhop] unhandled error", error);
  const body: ErrorBody = { error: { code: "internal", message: "Something went wrong on our side. It has been logged." } };
  return Response.json(body, { status: 500 });
}
