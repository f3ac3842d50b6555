// How an outbound executor reports a failure (worth another attempt, or not), and why, as stored for
// the people who read it later: the English in send_error / last_error, and, when the reason has words
// in the server catalogue, those words beside it, so the thread and the sync health say it in each
// reader's language (lib/i18n/stored-words.ts).
import { englishWords, type ErrorWords } from "../../api/errors";
import type { BookingApiError } from "../../booking/errors";
import { wordsColumn } from "../../i18n/stored-words";
import { answeredWords, bookingDetail } from "../describe-booking-failure";

/** Why something failed: words of the server catalogue, or a text from elsewhere (our own process's error), kept as it is. */
export type FailureReason = ErrorWords | string;

/** Booking.com closed the conversation: the same words the enqueue refusal answers with. */
export const READ_ONLY_REASON: ErrorWords = { key: "replies.readOnly" };

abstract class OutboundError extends Error {
  readonly words: ErrorWords | null;
  constructor(
    reason: FailureReason,
    readonly ruid?: string,
  ) {
    super(typeof reason === "string" ? reason : englishWords(reason));
    this.words = typeof reason === "string" ? null : reason;
  }

  get reason(): FailureReason {
    return this.words ?? this.message;
  }
}

/** Rate limits, outages, ambiguous sends: pg-boss retries with backoff. */
export class RetryableOutboundError extends OutboundError {
  override name = "RetryableOutboundError";
}

/** Failures that will not get better by themselves (4xx, closed conversation). */
export class PermanentOutboundError extends OutboundError {
  override name = "PermanentOutboundError";
}

/** Booking.com's refusal: its status in our words, its own text as it came. Without a status (no answer at all), the client's text. */
export function apiReason(error: BookingApiError): FailureReason {
  return error.status ? answeredWords(error, error.status) : bookingDetail(error);
}

/** The columns of a message's send error (null clears both). */
export function sendErrorColumns(reason: FailureReason | null) {
  return { sendError: reason === null ? null : englishOf(reason), sendErrorWords: wordsColumn(typeof reason === "object" ? reason : null) };
}

/** The columns of an outbound action's last error (null clears all three). */
export function lastErrorColumns(reason: FailureReason | null, ruid?: string | null) {
  return { lastError: reason === null ? null : englishOf(reason), lastErrorWords: wordsColumn(typeof reason === "object" ? reason : null), lastErrorRuid: ruid ?? null };
}

function englishOf(reason: FailureReason): string {
  return typeof reason === "string" ? reason : englishWords(reason);
}
