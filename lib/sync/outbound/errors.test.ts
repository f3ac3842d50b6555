import { describe, expect, it } from "vitest";
import { Prisma } from "../../generated/prisma/client";
import { BookingApiError } from "../../booking/errors";
import { apiReason, lastErrorColumns, PermanentOutboundError, sendErrorColumns } from "./errors";

describe("why an outbound action failed, as stored", () => {
  it("words Booking.com's answer by its status, keeping Booking.com's own text as it came", () => {
    const refusal = new BookingApiError({ kind: "bad_request", endpoint: "conversations.postMessage", message: "HTTP 400", status: 400, apiMessages: ["content too long", "bad attachment"] });
    const reason = apiReason(refusal);
    expect(reason).toEqual({ key: "booking.answered", values: { status: "400", detail: "content too long; bad attachment" } });
    expect(sendErrorColumns(reason)).toEqual({ sendError: "Booking.com answered 400: content too long; bad attachment", sendErrorWords: reason });
  });

  it("keeps a failure without an answer (no status) as the client's text, with no words", () => {
    const dropped = new BookingApiError({ kind: "unavailable", endpoint: "conversations.postMessage", message: "POST /messages failed while reading the response: socket hang up", ambiguous: true });
    expect(apiReason(dropped)).toBe("POST /messages failed while reading the response: socket hang up");
    expect(lastErrorColumns(apiReason(dropped), "ruid-1")).toEqual({ lastError: "POST /messages failed while reading the response: socket hang up", lastErrorWords: Prisma.DbNull, lastErrorRuid: "ruid-1" });
  });

  it("clears the English and the words together", () => {
    expect(sendErrorColumns(null)).toEqual({ sendError: null, sendErrorWords: Prisma.DbNull });
    expect(lastErrorColumns(null)).toEqual({ lastError: null, lastErrorWords: Prisma.DbNull, lastErrorRuid: null });
  });

  it("gives an executor's error its English message and keeps the words for the columns", () => {
    const error = new PermanentOutboundError({ key: "sending.imageMissing" }, "ruid-2");
    expect(error.message).toBe("An image of this reply is missing its content; remove it and send again.");
    expect(error.reason).toEqual({ key: "sending.imageMissing" });
    expect(new PermanentOutboundError("disk full").reason).toBe("disk full");
  });
});
