// Tells "the database cannot be reached right now" apart from every other failure, so a request made
// during a database restart or outage gets a 503 that says so (and the sign-in form does not claim the
// password was wrong), not a 500.
// Prisma's errors carry it themselves (codes, and the pg adapter's error kinds). The plain pg pool's
// errors do not say which server failed (a fetch to Booking.com refused has the same ECONNREFUSED), so
// lib/sql-pool.ts, which only ever talks to the database, marks them with DatabaseUnavailableError.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1017", "P2024"]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// Node's socket errors, and Postgres's admin_shutdown, crash_shutdown, cannot_connect_now,
// connection_failure, sqlclient_unable_to_establish_sqlconnection and too_many_connections.
const PG_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND", "57P01", "57P02", "57P03", "08006", "08001", "53300"]);
// What pg says, without a code, when the server goes away mid-connection, when a client whose
// connection broke is used again, or when no connection comes in time.
const PG_MESSAGES = [/^Connection terminated/, /is not queryable$/, /^timeout exceeded when trying to connect/];

export class DatabaseUnavailableError extends Error {
  constructor(cause: unknown) {
    super(`The database cannot be reached (${cause instanceof Error ? cause.message : String(cause)}).`, { cause });
    this.name = "DatabaseUnavailableError";
  }
}

/** For the pg pool's callers: a failure to reach or keep the connection becomes DatabaseUnavailableError. */
export function markPgConnectionFailure(error: unknown): unknown {
  return isPgConnectionFailure(error) ? new DatabaseUnavailableError(error) : error;
}

/** Any line of the message (Prisma puts the driver's message last) in pg's words for a lost connection. */
function hasPgConnectionWording(message: string): boolean {
  return message.split("\n").some((line) => PG_MESSAGES.some((pattern) => pattern.test(line.trim())));
}

function isPgConnectionFailure(error: unknown): boolean {
  if (!error || typeof error !== "object") return false;
  const { code, message, errors } = error as { code?: unknown; message?: unknown; errors?: unknown };
  if (typeof code === "string" && PG_CODES.has(code)) return true;
  if (typeof message === "string" && hasPgConnectionWording(message)) return true;
  // A connection to "localhost" tries each address and fails with all of them together.
  return Array.isArray(errors) && errors.some(isPgConnectionFailure);
}

/** Walks the `cause` chain (and Auth.js's `cause.err`, which wraps what authorize() threw). */
export function isDatabaseUnavailable(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 6; depth++) {
    if (current instanceof DatabaseUnavailableError) return true;
    const candidate = current as { name?: unknown; code?: unknown; message?: unknown; meta?: { driverAdapterError?: { cause?: AdapterCause } }; cause?: unknown; err?: unknown };
    // pg's own wording for a connection that broke or never came, which no other client uses, so it
    // needs no marking: Prisma's pg adapter passes such an error (it has no SQLSTATE) through as it is,
    // and a database restart under the worker was logged as an ordinary failure
    // (e2e/database-restart.spec.ts). A code such as ECONNREFUSED alone still says nothing of which server.
    if (typeof candidate.message === "string" && hasPgConnectionWording(candidate.message)) return true;
    if (typeof candidate.name === "string" && candidate.name.startsWith("PrismaClient")) {
      if (candidate.name === "PrismaClientInitializationError") return true;
      if (typeof candidate.code === "string" && PRISMA_CODES.has(candidate.code)) return true;
      if (isUnavailableAdapterCause(candidate.meta?.driverAdapterError?.cause)) return true;
    }
    // A failure to connect reaches the caller as the adapter's own error, unwrapped.
    if (candidate.name === "DriverAdapterError" && isUnavailableAdapterCause(candidate.cause as AdapterCause | undefined)) return true;
    current = candidate.cause ?? candidate.err;
  }
  return false;
}

/** What @prisma/adapter-pg makes of a pg error: a kind, and pg's SQLSTATE when it has no kind for it. */
type AdapterCause = { kind?: unknown; originalCode?: unknown };

function isUnavailableAdapterCause(cause: AdapterCause | undefined): boolean {
  if (typeof cause?.kind === "string" && ADAPTER_KINDS.has(cause.kind)) return true;
  // E.g. 57P03 "the database system is starting up", while Postgres replays its log after a restart.
  return typeof cause?.originalCode === "string" && PG_CODES.has(cause.originalCode);
}
