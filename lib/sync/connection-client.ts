// The one place that turns a BookingConnection row into a Booking.com client: secrets are decrypted
// here and nowhere else, and Accept-Version comes from the connection's apiVersion.
import { createBookingClient, type BookingClient, type BookingClientConfig } from "../booking/client";
import type { BookingConnection } from "../generated/prisma/client";
import { decryptSecret } from "../secrets";
import { syncConfig } from "./config";

export type ConnectionCredentials = Pick<
  BookingConnection,
  "id" | "baseUrl" | "tokenUrl" | "authType" | "username" | "passwordEncrypted" | "clientId" | "clientSecretEncrypted" | "apiVersion"
>;

export class ConnectionConfigError extends Error {}

export function bookingClientFor(connection: ConnectionCredentials, overrides: Partial<BookingClientConfig> = {}): BookingClient {
  const config = syncConfig();
  return createBookingClient({
    baseUrl: connection.baseUrl,
    auth: authOf(connection),
    acceptVersion: connection.apiVersion,
    timeoutMs: config.SYNC_REQUEST_TIMEOUT_MS,
    retry: { baseDelayMs: config.SYNC_RETRY_BASE_DELAY_MS },
    ...overrides,
  });
}

function authOf(connection: ConnectionCredentials): BookingClientConfig["auth"] {
  if (connection.authType === "basic") {
    if (!connection.username || !connection.passwordEncrypted) {
      throw new ConnectionConfigError(`Connection ${connection.id} uses Basic auth but has no username or password`);
    }
    return { type: "basic", username: connection.username, password: decryptSecret(connection.passwordEncrypted) };
  }
  if (!connection.clientId || !connection.clientSecretEncrypted) {
    throw new ConnectionConfigError(`Connection ${connection.id} uses token auth but has no client id or secret`);
  }
  return {
    type: "token",
    clientId: connection.clientId,
    clientSecret: decryptSecret(connection.clientSecretEncrypted),
    ...(connection.tokenUrl ? { tokenUrl: connection.tokenUrl } : {}),
  };
}
