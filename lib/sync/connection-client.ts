// The one place that turns a BookingConnection row into a Booking.com client: secrets are decrypted
// here and nowhere else, and Accept-Version comes from the connection's apiVersion.
import { REAL_TOKEN_EXCHANGE_URL } from "../booking/auth";
import { createBookingClient, type BookingClient, type BookingClientConfig } from "../booking/client";
import type { BookingConnection } from "../generated/prisma/client";
import { decryptSecret } from "../secrets";
import { syncConfig } from "./config";
import { PostgresTokenStore } from "./token-store";

export type ConnectionCredentials = Pick<
  BookingConnection,
  "id" | "baseUrl" | "tokenUrl" | "authType" | "username" | "passwordEncrypted" | "clientId" | "clientSecretEncrypted" | "apiVersion"
>;

export class ConnectionConfigError extends Error {}

/**
 * `shareTokens: false` (the admin's connection test): the client still counts its token exchanges in the
 * budget every process shares, but uses and leaves no shared token (lib/sync/token-store.ts).
 */
export function bookingClientFor(
  connection: ConnectionCredentials,
  overrides: Partial<BookingClientConfig> = {},
  options: { shareTokens?: boolean } = {},
): BookingClient {
  const config = syncConfig();
  const auth = authOf(connection);
  return createBookingClient({
    baseUrl: connection.baseUrl,
    auth,
    acceptVersion: connection.apiVersion,
    timeoutMs: config.SYNC_REQUEST_TIMEOUT_MS,
    retry: { baseDelayMs: config.SYNC_RETRY_BASE_DELAY_MS },
    ...(auth.type === "token"
      ? { tokenStore: new PostgresTokenStore({ tokenUrl: auth.tokenUrl ?? REAL_TOKEN_EXCHANGE_URL, clientId: auth.clientId }, { shareTokens: options.shareTokens ?? true }) }
      : {}),
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
