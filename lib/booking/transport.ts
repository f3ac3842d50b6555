// One HTTP attempt against Booking.com: timeout, body reading, and turning every failure into a
// BookingApiError with the right kind and `ambiguous` flag. Retries, auth and parsing live in client.ts.

import { BookingApiError, kindForStatus, type BookingEndpoint } from "./errors";
import { parseRetryAfterMs } from "./retry";
import { readErrorMessages, readRuid } from "./schemas";

export type HttpMethod = "GET" | "POST" | "PUT" | "DELETE";

/** What the onRequest hook receives after every attempt (including failed ones and token exchanges). */
export interface BookingRequestEvent {
  endpoint: BookingEndpoint;
  method: HttpMethod;
  /** URL without the query string (query values may carry ids but never secrets; kept short for logs). */
  path: string;
  /** 1 for the first try; higher for retries. */
  attempt: number;
  /** HTTP status, when a response arrived. */
  status?: number;
  durationMs: number;
  ruid?: string;
  /** Set when the attempt failed. */
  error?: BookingApiError;
}

export interface TransportDependencies {
  fetch: typeof fetch;
  now: () => number;
  onRequest?: (event: BookingRequestEvent) => void;
}

export interface HttpAttempt {
  endpoint: BookingEndpoint;
  method: HttpMethod;
  url: string;
  headers: Record<string, string>;
  body?: string;
  timeoutMs: number;
  /** Whether the call changes state at Booking; decides whether unknown outcomes are `ambiguous`. */
  mutating: boolean;
  attempt: number;
  signal?: AbortSignal;
}

export interface HttpResult {
  status: number;
  headers: Headers;
  /** Parsed JSON, or undefined for an empty body. */
  body: unknown;
  ruid?: string;
}

/**
 * Performs one request. Resolves only for a 2xx whose body is empty or valid JSON; everything else
 * rejects with a BookingApiError (401s included, so the caller can refresh a token and try again).
 */
export async function sendHttpAttempt(deps: TransportDependencies, attempt: HttpAttempt): Promise<HttpResult> {
  const startedAt = deps.now();
  const path = attempt.url.split("?")[0] ?? attempt.url;
  const report = (fields: { status?: number; ruid?: string; error?: BookingApiError }) => {
    if (!deps.onRequest) return;
    try {
      deps.onRequest({
        endpoint: attempt.endpoint,
        method: attempt.method,
        path,
        attempt: attempt.attempt,
        durationMs: Math.max(0, deps.now() - startedAt),
        ...dropUndefinedFields(fields),
      });
    } catch {
      // A logging hook must never change the outcome of an API call.
    }
  };

  // The timeout covers the whole exchange, body included: a server that sends headers and then stalls
  // would otherwise hang the sync loop.
  const timeoutSignal = AbortSignal.timeout(attempt.timeoutMs);
  const signal = attempt.signal ? AbortSignal.any([attempt.signal, timeoutSignal]) : timeoutSignal;

  let response: Response;
  try {
    response = await deps.fetch(attempt.url, {
      method: attempt.method,
      headers: attempt.headers,
      body: attempt.body,
      signal,
    });
  } catch (cause) {
    const error = networkError(attempt, cause, timeoutSignal.aborted, "sending the request");
    report({ error });
    throw error;
  }

  let text: string;
  try {
    text = await response.text();
  } catch (cause) {
    // Headers arrived, so Booking processed the request; if it was a success we just can't read it.
    const error = networkError(attempt, cause, timeoutSignal.aborted, "reading the response", response.status);
    report({ status: response.status, error });
    throw error;
  }

  const parsed = parseJsonBody(text);
  const ruid = readRuid(parsed.ok ? parsed.value : undefined);

  if (response.status < 200 || response.status >= 300) {
    const error = httpStatusError(attempt, response, parsed.ok ? parsed.value : text, ruid, deps.now());
    report({ status: response.status, ruid, error });
    throw error;
  }

  if (!parsed.ok) {
    const error = new BookingApiError({
      kind: "invalid_response",
      endpoint: attempt.endpoint,
      status: response.status,
      // A 2xx on a state-changing call means it (most likely) took effect, but we cannot read what happened.
      ambiguous: attempt.mutating,
      fieldPath: "(body)",
      message: `Invalid response from ${attempt.endpoint}: (body): not valid JSON (${describeSnippet(text)})`,
    });
    report({ status: response.status, error });
    throw error;
  }

  report({ status: response.status, ruid });
  return { status: response.status, headers: response.headers, body: parsed.value, ruid };
}

function httpStatusError(
  attempt: HttpAttempt,
  response: Response,
  body: unknown,
  ruid: string | undefined,
  nowMs: number,
): BookingApiError {
  const status = response.status;
  const kind = kindForStatus(status);
  const apiMessages = readErrorMessages(body);
  const retryAfterMs =
    status === 429 || status === 503 ? parseRetryAfterMs(response.headers.get("retry-after"), nowMs) : undefined;
  const detail = apiMessages.length > 0 ? `: ${apiMessages.join("; ")}` : "";
  return new BookingApiError({
    kind,
    endpoint: attempt.endpoint,
    status,
    ruid,
    apiMessages,
    retryAfterMs,
    // A 4xx was refused before it changed anything. A 5xx may have failed before or after the change.
    ambiguous: attempt.mutating && status >= 500,
    message: `${attempt.endpoint} failed with HTTP ${status}${detail}`,
  });
}

// Failures where the request provably never reached the server (no connection was made).
const NOT_SENT_CODES = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "EADDRNOTAVAIL",
  "UND_ERR_CONNECT_TIMEOUT",
  "CERT_HAS_EXPIRED",
  "DEPTH_ZERO_SELF_SIGNED_CERT",
  "SELF_SIGNED_CERT_IN_CHAIN",
  "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
  "ERR_TLS_CERT_ALTNAME_INVALID",
]);

function networkError(
  attempt: HttpAttempt,
  cause: unknown,
  timedOut: boolean,
  phase: string,
  status?: number,
): BookingApiError {
  const code = errorCode(cause);
  const callerAborted = !timedOut && attempt.signal?.aborted === true;
  const provablyNotSent = status === undefined && code !== undefined && NOT_SENT_CODES.has(code);
  const reason = timedOut
    ? `timed out after ${attempt.timeoutMs} ms`
    : callerAborted
      ? "aborted by the caller"
      : `network error${code ? ` (${code})` : ""}`;
  return new BookingApiError({
    kind: "unavailable",
    endpoint: attempt.endpoint,
    status,
    // Once bytes may have left, a timeout or a dropped connection tells us nothing about the outcome.
    ambiguous: attempt.mutating && !provablyNotSent,
    message: `${attempt.endpoint} failed while ${phase}: ${reason}`,
    cause,
  });
}

/** Node's fetch wraps socket errors: TypeError("fetch failed", { cause: { code } }). Walk the chain. */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === "object" && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === "string") return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

function parseJsonBody(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

function describeSnippet(text: string): string {
  const snippet = text.slice(0, 80).replace(/\s+/g, " ");
  return text.length > 80 ? `starts ${JSON.stringify(snippet)}` : JSON.stringify(snippet);
}

function dropUndefinedFields<T extends Record<string, unknown>>(fields: T): Partial<T> {
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as Partial<T>;
}
