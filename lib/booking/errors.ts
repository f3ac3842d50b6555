// One error type for every failure of a Booking.com call, so the sync engine can branch on `kind` and
// `ambiguous` without knowing HTTP details.

export type BookingErrorKind =
  | "authentication" // 401 (bad credentials, expired token after one refresh)
  | "forbidden" // 403 (machine account has no access to the property)
  | "not_found" // 404
  | "rate_limited" // 429 from Booking, or our own refusal to exceed 30 tokens per hour
  | "unavailable" // 5xx, network failure, timeout
  | "bad_request" // 400 and other 4xx, or a request we refused to send because it is invalid
  | "invalid_response"; // a 2xx whose body does not match the documented shapes

/** Names of the client's operations; they appear in errors and in the onRequest hook. */
export type BookingEndpoint =
  | "auth.tokenExchange"
  | "messages.latest"
  | "messages.confirm"
  | "messages.search"
  | "messages.searchResult"
  | "conversations.list"
  | "conversations.get"
  | "conversations.getByReference"
  | "conversations.postMessage"
  | "tags.list"
  | "tags.setNoReplyNeeded"
  | "tags.clearNoReplyNeeded"
  | "tags.markRead"
  | "tags.unmarkRead"
  | "attachments.upload"
  | "attachments.uploadChunk"
  | "attachments.download"
  | "attachments.fileInfo";

export interface BookingApiErrorOptions {
  kind: BookingErrorKind;
  endpoint: BookingEndpoint;
  message: string;
  status?: number;
  ruid?: string;
  ambiguous?: boolean;
  retryAfterMs?: number;
  /** Messages from the response's `errors[]`, when there were any. */
  apiMessages?: string[];
  /** For invalid_response: where in the body the first problem is, e.g. `data.messages[0].timestamp`. */
  fieldPath?: string;
  cause?: unknown;
}

export class BookingApiError extends Error {
  readonly kind: BookingErrorKind;
  readonly endpoint: BookingEndpoint;
  /** HTTP status, when a response arrived. */
  readonly status?: number;
  /** Booking.com's request id (`meta.ruid`), when the response had one. Booking support asks for it. */
  readonly ruid?: string;
  /**
   * True when the request may have taken effect and we cannot tell (a timeout or dropped connection after
   * the request was sent, a 5xx, or an unreadable 2xx on a call that changes state). The sync engine must
   * then reconcile (e.g. read the conversation back) instead of blindly repeating the call.
   * False when it definitely did not take effect, or when the call changes nothing (reads).
   */
  readonly ambiguous: boolean;
  /** For rate_limited: how long to wait before trying again, when known. */
  readonly retryAfterMs?: number;
  readonly apiMessages: string[];
  readonly fieldPath?: string;

  constructor(options: BookingApiErrorOptions) {
    super(options.message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "BookingApiError";
    this.kind = options.kind;
    this.endpoint = options.endpoint;
    this.status = options.status;
    this.ruid = options.ruid;
    this.ambiguous = options.ambiguous ?? false;
    this.retryAfterMs = options.retryAfterMs;
    this.apiMessages = options.apiMessages ?? [];
    this.fieldPath = options.fieldPath;
  }

  /** Only rate limits and outages are worth repeating; everything else fails the same way again. */
  get isTransient(): boolean {
    return this.kind === "rate_limited" || this.kind === "unavailable";
  }
}

export function isBookingApiError(error: unknown): error is BookingApiError {
  return error instanceof BookingApiError;
}

/** Maps an HTTP error status to our kind. Unknown 4xx are treated as bad requests (repeating won't help). */
export function kindForStatus(status: number): BookingErrorKind {
  if (status === 401) return "authentication";
  if (status === 403) return "forbidden";
  if (status === 404) return "not_found";
  if (status === 429) return "rate_limited";
  if (status >= 500) return "unavailable";
  // 408 Request Timeout is the server giving up on us: an outage from our point of view.
  if (status === 408) return "unavailable";
  return "bad_request";
}
