// Authentication for the Messaging API: HTTP Basic with machine-account credentials (sunset by Booking on
// 2025-12-31 but still what many accounts use), or token-based auth where client credentials are exchanged
// for a one-hour JWT. Booking allows at most 30 tokens per hour, so tokens are cached and issuance is
// counted locally: we refuse with rate_limited rather than get the machine account blocked.

import { BookingApiError } from "./errors";
import { parseBare, tokenExchangeSchema } from "./schemas";
import { sendHttpAttempt, type TransportDependencies } from "./transport";

export const REAL_TOKEN_EXCHANGE_URL =
  "https://connectivity-authentication.booking.com/token-based-authentication/exchange";

export interface BasicAuthConfig {
  type: "basic";
  username: string;
  password: string;
}

export interface TokenAuthConfig {
  type: "token";
  clientId: string;
  clientSecret: string;
  /** Defaults to Booking's exchange URL; the sandbox serves `http://127.0.0.1:PORT/token-based-authentication/exchange`. */
  tokenUrl?: string;
}

export type BookingAuthConfig = BasicAuthConfig | TokenAuthConfig;

export interface AuthProvider {
  /** The Authorization header value for the next request. May perform a token exchange. */
  authorization(): Promise<string>;
  /**
   * Called after a 401. Returns true when a fresh credential can be obtained (a cached token was dropped),
   * i.e. when retrying once is worthwhile; false for Basic, where the same credentials would fail again.
   */
  invalidate(rejectedAuthorization: string): boolean;
}

export function createAuthProvider(
  config: BookingAuthConfig,
  deps: TransportDependencies & { timeoutMs: number; tokenStore?: TokenStore },
): AuthProvider {
  return config.type === "basic" ? new BasicAuthProvider(config) : new TokenAuthProvider(config, deps);
}

class BasicAuthProvider implements AuthProvider {
  private readonly header: string;

  constructor(config: BasicAuthConfig) {
    this.header = `Basic ${Buffer.from(`${config.username}:${config.password}`, "utf8").toString("base64")}`;
  }

  async authorization(): Promise<string> {
    return this.header;
  }

  invalidate(): boolean {
    return false;
  }
}

/** Booking documents a one-hour token lifetime and a limit of 30 tokens per hour per machine account. */
export const TOKEN_LIFETIME_MS = 60 * 60 * 1000;
export const MAX_TOKENS_PER_HOUR = 30;
/** Renew this long before expiry so a token never expires between our check and Booking's. */
export const TOKEN_REFRESH_MARGIN_MS = 2 * 60 * 1000;

export interface CachedToken {
  jwt: string;
  expiresAtMs: number;
}

/**
 * Shares one machine account's tokens and its hourly budget between clients, including clients in other
 * processes (Bellhop keeps them in Postgres: lib/sync/token-store.ts), so that the web process, the
 * worker and every instance together stay within MAX_TOKENS_PER_HOUR and reuse one token. Without a
 * store a client keeps both to itself.
 */
export interface TokenStore {
  /** The newest unexpired token a client saved, if any. */
  load(): Promise<CachedToken | undefined>;
  /**
   * Counts one exchange against the hourly budget, atomically across every client of the account, or
   * refuses with how long to wait when MAX_TOKENS_PER_HOUR were counted in the last hour.
   */
  reserve(): Promise<{ granted: true; reservation: string } | { granted: false; retryAfterMs: number }>;
  /** Keeps the token that a granted reservation obtained, for the other clients. */
  save(reservation: string, token: CachedToken): Promise<void>;
  /** Booking.com rejected this token (401): no client may use it again. */
  discard(jwt: string): Promise<void>;
}

export class TokenAuthProvider implements AuthProvider {
  private cached: CachedToken | undefined;
  private pending: Promise<CachedToken> | undefined;
  /** Times (our clock) at which tokens were, or may have been, issued during the last hour. */
  private readonly issuedAtMs: number[] = [];
  /** Tokens Booking.com rejected, so a shared copy still in the store is not taken again. */
  private readonly rejected = new Set<string>();

  constructor(
    private readonly config: TokenAuthConfig,
    private readonly deps: TransportDependencies & { timeoutMs: number; tokenStore?: TokenStore },
  ) {}

  async authorization(): Promise<string> {
    const token = await this.currentToken();
    return `Bearer ${token.jwt}`;
  }

  invalidate(rejectedAuthorization: string): boolean {
    // Only drop the token that was rejected; a concurrent call may already have fetched a newer one.
    if (this.cached && `Bearer ${this.cached.jwt}` === rejectedAuthorization) this.cached = undefined;
    const jwt = rejectedAuthorization.replace(/^Bearer /, "");
    if (this.rejected.size >= 100) this.rejected.clear();
    this.rejected.add(jwt);
    // Best effort: the other clients stop using it; this one already ignores it (above).
    this.deps.tokenStore?.discard(jwt).catch(() => undefined);
    return true;
  }

  /** Number of tokens counted against the hourly limit right now (for diagnostics and tests). */
  tokensIssuedInLastHour(): number {
    this.forgetOldIssuances();
    return this.issuedAtMs.length;
  }

  private async currentToken(): Promise<CachedToken> {
    if (this.cached && this.deps.now() < this.cached.expiresAtMs - TOKEN_REFRESH_MARGIN_MS) return this.cached;
    // Concurrent callers share one exchange instead of each spending a token. It runs without any one
    // caller's abort signal (it has its own timeout) so that one caller giving up doesn't fail the others.
    this.pending ??= this.sharedOrExchanged().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  private async sharedOrExchanged(): Promise<CachedToken> {
    const shared = await this.deps.tokenStore?.load();
    if (shared && !this.rejected.has(shared.jwt) && this.deps.now() < shared.expiresAtMs - TOKEN_REFRESH_MARGIN_MS) {
      this.cached = shared;
      return shared;
    }
    return this.exchange();
  }

  private async exchange(): Promise<CachedToken> {
    this.forgetOldIssuances();
    const oldest = this.issuedAtMs[0];
    let retryAfterMs: number | undefined;
    let reservation: string | undefined;
    if (this.deps.tokenStore) {
      const reserved = await this.deps.tokenStore.reserve();
      if (reserved.granted) reservation = reserved.reservation;
      else retryAfterMs = reserved.retryAfterMs;
    } else if (this.issuedAtMs.length >= MAX_TOKENS_PER_HOUR && oldest !== undefined) {
      retryAfterMs = Math.max(0, oldest + TOKEN_LIFETIME_MS - this.deps.now());
    }
    if (retryAfterMs !== undefined) {
      throw new BookingApiError({
        kind: "rate_limited",
        endpoint: "auth.tokenExchange",
        retryAfterMs,
        message: `Refusing to request more than ${MAX_TOKENS_PER_HOUR} tokens per hour; next one allowed in ${Math.ceil(retryAfterMs / 1000)} s`,
      });
    }

    const tokenUrl = this.config.tokenUrl ?? REAL_TOKEN_EXCHANGE_URL;
    let result;
    try {
      result = await sendHttpAttempt(this.deps, {
        endpoint: "auth.tokenExchange",
        method: "POST",
        url: tokenUrl,
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ client_id: this.config.clientId, client_secret: this.config.clientSecret }),
        timeoutMs: this.deps.timeoutMs,
        // Not state-changing for our purposes, but an unknown outcome may still have cost a token.
        mutating: true,
        attempt: 1,
      });
    } catch (error) {
      // If Booking may have issued a token we never received, count it: better to stop early than be blocked.
      if (error instanceof BookingApiError && error.ambiguous) this.issuedAtMs.push(this.deps.now());
      throw withoutAmbiguity(error);
    }
    this.issuedAtMs.push(this.deps.now());

    const token = parseBare(tokenExchangeSchema, result.body, "auth.tokenExchange", { status: result.status });
    const expiresAtMs = this.expiryOf(token.jwt, token.expiresIn);
    this.cached = { jwt: token.jwt, expiresAtMs };
    // Best effort: if it cannot be shared, the other clients exchange their own (within the budget).
    if (reservation !== undefined) await this.deps.tokenStore?.save(reservation, this.cached).catch(() => undefined);
    return this.cached;
  }

  /**
   * Uses the JWT's `exp` when it is plausible, else the documented one-hour lifetime. An `exp` that is
   * already past, or more than two hours away, means our clock and Booking's disagree; trusting it would
   * either re-exchange on every call (burning the 30/hour budget) or keep a dead token. The 401-refresh
   * path covers whatever the estimate gets wrong.
   */
  private expiryOf(jwt: string, expiresInSeconds: number | undefined): number {
    const now = this.deps.now();
    const fallback = now + (expiresInSeconds !== undefined ? expiresInSeconds * 1000 : TOKEN_LIFETIME_MS);
    const expMs = readJwtExpiryMs(jwt);
    if (expMs === undefined) return fallback;
    const lifetime = expMs - now;
    return lifetime > TOKEN_REFRESH_MARGIN_MS && lifetime <= 2 * TOKEN_LIFETIME_MS ? expMs : fallback;
  }

  private forgetOldIssuances(): void {
    const cutoff = this.deps.now() - TOKEN_LIFETIME_MS;
    while (this.issuedAtMs.length > 0 && (this.issuedAtMs[0] ?? 0) <= cutoff) this.issuedAtMs.shift();
  }
}

/** The `exp` claim (seconds since epoch) of a JWT, in milliseconds; undefined if unreadable. */
export function readJwtExpiryMs(jwt: string): number | undefined {
  const payload = jwt.split(".")[1];
  if (payload === undefined) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
    if (typeof claims === "object" && claims !== null && "exp" in claims && typeof claims.exp === "number") {
      return claims.exp * 1000;
    }
  } catch {
    // Not a JWT we can read; fall back to the documented lifetime.
  }
  return undefined;
}

/**
 * A failed token exchange means the API call itself was never sent, so from the caller's point of view it
 * definitely did not take effect, whatever the exchange's own outcome.
 */
function withoutAmbiguity(error: unknown): unknown {
  if (!(error instanceof BookingApiError) || !error.ambiguous) return error;
  return new BookingApiError({
    kind: error.kind,
    endpoint: error.endpoint,
    message: error.message,
    status: error.status,
    ruid: error.ruid,
    retryAfterMs: error.retryAfterMs,
    apiMessages: error.apiMessages,
    fieldPath: error.fieldPath,
    ambiguous: false,
    cause: error.cause,
  });
}
