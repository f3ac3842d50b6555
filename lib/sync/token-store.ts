// The Booking.com token store in Postgres (the TokenStore of lib/booking/auth.ts): every client of a
// machine account, in the web process, the worker and any other instance, counts its token exchanges
// here and reuses the newest token, so that together they stay within Booking's 30 tokens per hour
// (a client alone only knows its own count) and normally share one token an hour.
//
// Rows (booking_tokens) are keyed by a digest of the token URL and the client id: Booking's limit is per
// machine account. The hourly count is taken under a transaction-scoped advisory lock, so two processes
// can never both take the 30th slot. Tokens are encrypted like every other secret (lib/secrets.ts).
import { createHash } from "node:crypto";
import { MAX_TOKENS_PER_HOUR, TOKEN_LIFETIME_MS, type CachedToken, type TokenStore } from "../booking/auth";
import { Prisma } from "../generated/prisma/client";
import { decryptSecret, encryptSecret } from "../secrets";
import { inSqlTransaction, queryRows } from "../sql-pool";

function digest(value: string): string {
  return createHash("sha256").update(value).digest("hex");
}

export class PostgresTokenStore implements TokenStore {
  private readonly accountKey: string;

  /**
   * `shareTokens: false`: count against the shared budget but neither take nor leave a token (the admin's
   * connection test must prove that the credentials themselves work, not that someone's token does).
   */
  constructor(account: { tokenUrl: string; clientId: string }, private readonly options: { shareTokens: boolean } = { shareTokens: true }) {
    this.accountKey = digest(`${account.tokenUrl}\u0000${account.clientId}`);
  }

  async load(): Promise<CachedToken | undefined> {
    if (!this.options.shareTokens) return undefined;
    const [row] = await queryRows<{ token_encrypted: string; expires_at: Date }>(Prisma.sql`
      select token_encrypted, expires_at from booking_tokens
       where account_key = ${this.accountKey} and token_encrypted is not null and not rejected and expires_at > now()
       order by expires_at desc limit 1`);
    if (!row) return undefined;
    try {
      return { jwt: decryptSecret(row.token_encrypted), expiresAtMs: row.expires_at.getTime() };
    } catch {
      // Encrypted under another SECRETS_KEY (rotated): not usable, exchange a new one.
      return undefined;
    }
  }

  async reserve(): Promise<{ granted: true; reservation: string } | { granted: false; retryAfterMs: number }> {
    return inSqlTransaction(async (client) => {
      await client.query("SELECT pg_advisory_xact_lock(hashtext($1))", [`bellhop-booking-token:${this.accountKey}`]);
      await client.query(`DELETE FROM booking_tokens WHERE account_key = $1 AND issued_at < now() - interval '2 hours'`, [this.accountKey]);
      const { rows } = await client.query<{ count: number; wait_ms: number | null }>(
        `SELECT count(*)::int AS count, (extract(epoch FROM min(issued_at) + $2 * interval '1 millisecond' - now()) * 1000)::float8 AS wait_ms
           FROM booking_tokens WHERE account_key = $1 AND issued_at > now() - $2 * interval '1 millisecond'`,
        [this.accountKey, TOKEN_LIFETIME_MS],
      );
      const counted = rows[0]!;
      if (counted.count >= MAX_TOKENS_PER_HOUR) return { granted: false, retryAfterMs: Math.max(0, Math.ceil(counted.wait_ms ?? 0)) };
      const inserted = await client.query<{ id: string }>(`INSERT INTO booking_tokens (id, account_key) VALUES (gen_random_uuid(), $1) RETURNING id`, [this.accountKey]);
      return { granted: true, reservation: inserted.rows[0]!.id };
    });
  }

  async save(reservation: string, token: CachedToken): Promise<void> {
    if (!this.options.shareTokens) return;
    await queryRows({
      text: `UPDATE booking_tokens SET token_encrypted = $2, token_digest = $3, expires_at = $4 WHERE id = $1`,
      values: [reservation, encryptSecret(token.jwt), digest(token.jwt), new Date(token.expiresAtMs)],
    });
  }

  async discard(jwt: string): Promise<void> {
    await queryRows({ text: `UPDATE booking_tokens SET rejected = true WHERE account_key = $1 AND token_digest = $2`, values: [this.accountKey, digest(jwt)] });
  }
}
