// A Booking.com client for an admin action (the connection test, checking a new property), built by
// the sync engine's bookingClientFor (the one place that decrypts secrets) with retries off: an
// admin waiting on a button wants the first answer, not a minute of backoff.
import { AppError } from "../api/errors";
import type { BookingClient } from "../booking/client";
import type { BookingConnection } from "../generated/prisma/client";
import { SecretDecryptionError } from "../secrets";
import { bookingClientFor, ConnectionConfigError } from "../sync/connection-client";

export const ADMIN_CALL_TIMEOUT_MS = 10_000;

/** `shareTokens: false` for the connection test, which must show that the saved credentials themselves work. */
export function createConnectionClient(connection: BookingConnection, options: { timeoutMs?: number; shareTokens?: boolean } = {}): BookingClient {
  try {
    return bookingClientFor(connection, { timeoutMs: options.timeoutMs ?? ADMIN_CALL_TIMEOUT_MS, retry: { maxAttempts: 1 } }, { shareTokens: options.shareTokens ?? true });
  } catch (error) {
    // lib/secrets.ts's own English (the worker logs the same text): it tells the operator what to check.
    if (error instanceof SecretDecryptionError) throw new AppError("unprocessable", error.message);
    if (error instanceof ConnectionConfigError) throw AppError.worded("unprocessable", "connections.missingCredentials");
    throw error;
  }
}
