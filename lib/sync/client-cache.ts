// One Booking.com client per connection per process (a token client caches its JWT and counts the
// 30-tokens-per-hour budget, so it must be reused). Rebuilt when the connection row changes.
import type { BookingClient, BookingClientConfig } from "../booking/client";
import { db } from "../db";
import { bookingClientFor } from "./connection-client";

const cache = new Map<string, { stamp: string; client: BookingClient }>();
let overrides: Partial<BookingClientConfig> = {};

/** Test and soak hook: e.g. a shorter timeout or sleep for every client built from now on. */
export function setClientOverrides(next: Partial<BookingClientConfig>): void {
  overrides = next;
  cache.clear();
  checkedAt.clear();
}

/** How long a client is used without checking the row for changes (the poll loop asks many times a second). */
const RECHECK_MS = 3_000;
const checkedAt = new Map<string, number>();

/**
 * `fresh`: check the row now instead of trusting a client checked up to RECHECK_MS ago — for work that
 * starts rarely and right after an admin may have changed the credentials (a backfill of a property
 * just added), where a stale client would fail with 401.
 */
export async function clientForConnection(connectionId: string, options: { fresh?: boolean } = {}): Promise<BookingClient> {
  const recent = cache.get(connectionId);
  if (recent && !options.fresh && Date.now() - (checkedAt.get(connectionId) ?? 0) < RECHECK_MS) return recent.client;
  const connection = await db().bookingConnection.findUnique({ where: { id: connectionId } });
  if (!connection) throw new Error(`Booking.com connection ${connectionId} no longer exists`);
  checkedAt.set(connectionId, Date.now());
  // Only what the client is built from: the health columns the poller writes must not rebuild it (a token
  // client would then exchange a new token each time and exhaust Booking's 30 tokens per hour).
  const stamp = [connection.baseUrl, connection.tokenUrl, connection.authType, connection.username, connection.passwordEncrypted, connection.clientId, connection.clientSecretEncrypted, connection.apiVersion].join("\u0000");
  const cached = cache.get(connectionId);
  if (cached && cached.stamp === stamp) return cached.client;
  const client = bookingClientFor(connection, overrides);
  cache.set(connectionId, { stamp, client });
  return client;
}
