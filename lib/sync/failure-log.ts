// The worker's loops (housekeeping, each poller, reconciliation, backfill) retry on their own, so a
// failure is only worth a log line. While the database is down, though, every attempt of every loop
// fails the same way: that is one event, logged once when it starts and once when it is over, instead
// of a multi-line Prisma error every few seconds per loop. Any other failure is logged each time.
import { DatabaseUnavailableError, isDatabaseUnavailable } from "../api/database-unavailable";

export class FailureLog {
  private databaseDown = false;

  constructor(private readonly log: (line: string) => void) {}

  /** `what` failed: logged, except that a database outage is logged once, when it is first seen. */
  failed(what: string, error: unknown): void {
    if (isDatabaseUnavailable(error)) {
      if (this.databaseDown) return;
      this.databaseDown = true;
      this.log(`the database cannot be reached (${what}: ${reasonOf(error)}); retrying until it is back`);
      return;
    }
    this.log(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
  }

  /** Something that needed the database worked: an outage seen before is over. */
  succeeded(): void {
    if (!this.databaseDown) return;
    this.databaseDown = false;
    this.log("the database is reachable again");
  }
}

/**
 * The reason in one line: pg's own message inside our marker ("connect ECONNREFUSED …"), or the last
 * line of Prisma's (they start with the call and a blank line).
 */
function reasonOf(error: unknown): string {
  const source = error instanceof DatabaseUnavailableError && error.cause instanceof Error ? error.cause : error;
  const text = source instanceof Error ? source.message : String(source);
  const lines = text.split("\n").map((line) => line.trim()).filter(Boolean);
  return lines.at(-1) ?? text;
}
