import { describe, expect, it } from "vitest";
import { DatabaseUnavailableError } from "../api/database-unavailable";
import { FailureLog } from "./failure-log";

function recorder() {
  const lines: string[] = [];
  return { lines, log: new FailureLog((line) => lines.push(line)) };
}

// What Prisma throws when it cannot connect: a multi-line message, recognised by its error class.
function prismaUnreachable(): Error {
  const error = new Error("\nInvalid `prisma.bookingConnection.findMany()` invocation:\n\n\nCan't reach database server at 127.0.0.1:54329");
  error.name = "PrismaClientInitializationError";
  return error;
}

describe("FailureLog", () => {
  it("logs a database outage once, with its reason on one line, however many loops fail during it, and once when it is over", () => {
    const { lines, log } = recorder();
    log.failed("housekeeping", prismaUnreachable());
    log.failed("poll of c1", new DatabaseUnavailableError(new Error("connect ECONNREFUSED 127.0.0.1:54329")));
    log.failed("housekeeping", prismaUnreachable());
    log.succeeded();
    // pg's message, marked by lib/sql-pool.ts: said once, not "cannot be reached (… cannot be reached (…))".
    log.failed("poll of c1", new DatabaseUnavailableError(new Error("connect ECONNREFUSED 127.0.0.1:54329")));
    log.succeeded();
    log.succeeded();
    expect(lines).toEqual([
      "the database cannot be reached (housekeeping: Can't reach database server at 127.0.0.1:54329); retrying until it is back",
      "the database is reachable again",
      "the database cannot be reached (poll of c1: connect ECONNREFUSED 127.0.0.1:54329); retrying until it is back",
      "the database is reachable again",
    ]);
  });

  it("logs every other failure each time, and says nothing of recovery when there was no outage", () => {
    const { lines, log } = recorder();
    log.failed("poll of c1", new Error("Booking.com answered 503"));
    log.failed("poll of c1", new Error("Booking.com answered 503"));
    log.succeeded();
    expect(lines).toEqual(["poll of c1 failed: Booking.com answered 503", "poll of c1 failed: Booking.com answered 503"]);
  });
});
