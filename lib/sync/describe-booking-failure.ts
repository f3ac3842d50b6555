// A failed Booking.com call in the words an admin needs: what went wrong and what to check. Shared by
// the connection test and "add a property" (a read of one property) and the poller's last error on
// the sync health (a read of the connection's queue). The words are the `server` catalogue's
// (`message` is their English), so each admin reads them in their language.
import { englishWords, type ErrorWords } from "../api/errors";
import type { BookingApiError } from "../booking/errors";

export type FailureOutcome = "credentials_refused" | "property_forbidden" | "property_not_found" | "unreachable" | "rate_limited" | "server_error" | "unexpected_answer";

export type DescribedFailure = { outcome: FailureOutcome; message: string; words: ErrorWords };

/**
 * `propertyId`: the property the call was about (a 403 or 404 then names it); none for a call about
 * the connection. `withRequestId`: put Booking.com's request id in the sentence (false where the page
 * shows it apart).
 */
export function describeBookingFailure(error: BookingApiError, { baseUrl, propertyId, withRequestId = true }: { baseUrl: string; propertyId?: string; withRequestId?: boolean }): DescribedFailure {
  const described = (outcome: FailureOutcome, words: ErrorWords) => ({ outcome, message: englishWords(words), words });
  // "none" selects the words without a request id (or without an HTTP status) in every language.
  const ruid = (withRequestId && error.ruid) || "none";
  switch (error.kind) {
    case "authentication":
      return described("credentials_refused", { key: "booking.credentialsRefused", values: { ruid } });
    case "forbidden":
      if (propertyId === undefined) return described("unexpected_answer", answeredWords(error, error.status ?? 403));
      return described("property_forbidden", { key: "booking.propertyForbidden", values: { propertyId, ruid } });
    case "not_found":
      if (propertyId === undefined) return described("unexpected_answer", answeredWords(error, error.status ?? 404));
      return described("property_not_found", { key: "booking.propertyNotFound", values: { propertyId, ruid } });
    case "rate_limited":
      // Strings, not numbers: a count of seconds or a status is not to be grouped ("3,600 s").
      if (error.retryAfterMs === undefined) return described("rate_limited", { key: "booking.rateLimitedNoWait", values: { ruid } });
      return described("rate_limited", { key: "booking.rateLimited", values: { ruid, seconds: String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))) } });
    case "unavailable":
      if (error.status !== undefined) return described("server_error", { key: "booking.serverError", values: { status: String(error.status), ruid } });
      return described("unreachable", { key: "booking.unreachable", values: { baseUrl, reason: reasonOf(error) } });
    case "bad_request":
    case "invalid_response":
      return described("unexpected_answer", { key: "booking.unexpectedAnswer", values: { baseUrl, status: error.status ? String(error.status) : "none", ruid } });
  }
}

/** Booking.com's refusal: its HTTP status in our words, its own text as it came. */
export function answeredWords(error: BookingApiError, status: number): ErrorWords {
  // A string, not a number: a status is not to be grouped.
  return { key: "booking.answered", values: { status: String(status), detail: bookingDetail(error) } };
}

/** What Booking.com said (its `errors[]`), else the client's own account of the failure. */
export function bookingDetail(error: BookingApiError): string {
  return error.apiMessages.length > 0 ? error.apiMessages.join("; ") : error.message;
}

function reasonOf(error: BookingApiError): string {
  // The client's message ends with "…failed while <phase>: <reason>"; the reason is what matters here.
  const match = /: ([^:]+)$/.exec(error.message);
  return match?.[1] ?? "no answer";
}
