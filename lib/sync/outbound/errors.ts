// How an outbound executor reports a failure: worth another attempt, or not.
import type { BookingApiError } from "../../booking/errors";

export const READ_ONLY_MESSAGE = "Booking.com closed this conversation for replies: the sending window ended.";

/** Rate limits, outages, ambiguous sends: pg-boss retries with backoff. */
export class RetryableOutboundError extends Error {
  constructor(
    message: string,
    readonly ruid?: string,
  ) {
    super(message);
    this.name = "RetryableOutboundError";
  }
}

/** Failures that will not get better by themselves (4xx, closed conversation). */
export class PermanentOutboundError extends Error {
  constructor(
    message: string,
    readonly ruid?: string,
  ) {
    super(message);
    this.name = "PermanentOutboundError";
  }
}

export function apiMessage(error: BookingApiError): string {
  const detail = error.apiMessages.length > 0 ? error.apiMessages.join("; ") : error.message;
  return error.status ? `Booking.com answered ${error.status}: ${detail}` : detail;
}
