// Backoff policy for calls that are safe to repeat. Which calls those are is decided per endpoint in
// client.ts; this file only answers "how long to wait before attempt n" and "what did Retry-After say".

export interface RetryPolicy {
  /** Total attempts including the first. 1 disables retries. */
  maxAttempts: number;
  /** The backoff ceiling for the first retry; doubles each attempt. */
  baseDelayMs: number;
  /** No single wait is longer than this. */
  maxDelayMs: number;
  /**
   * A 429 whose Retry-After asks for longer than this is not retried in-process: the error goes to the
   * caller (with retryAfterMs) so a scheduler can come back later instead of holding a request open.
   */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 4,
  baseDelayMs: 500,
  maxDelayMs: 15_000,
  maxRetryAfterMs: 60_000,
};

/**
 * "Full jitter" exponential backoff: a uniformly random wait in [0, min(max, base·2^retryIndex)).
 * Spreading retries over the whole window avoids synchronised clients hammering a recovering server.
 * `retryIndex` is 0 before the first retry.
 */
export function backoffDelayMs(policy: RetryPolicy, retryIndex: number, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retryIndex);
  return Math.floor(random() * ceiling);
}

/**
 * Reads a Retry-After header: delta-seconds or an HTTP date. Returns milliseconds from `nowMs`, or
 * undefined when the header is missing or unreadable. A date in the past gives 0.
 */
export function parseRetryAfterMs(header: string | null | undefined, nowMs: number): number | undefined {
  if (header === null || header === undefined) return undefined;
  const trimmed = header.trim();
  if (trimmed === "") return undefined;
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const dateMs = Date.parse(trimmed);
  if (Number.isNaN(dateMs)) return undefined;
  return Math.max(0, dateMs - nowMs);
}
