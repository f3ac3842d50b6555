import { z } from "zod";
import { HttpError } from "../http/http-error";
import { parseJsonBody, type Reply, type RequestContext } from "../http/router";
import { ruid } from "../world/ids";
import { issueToken } from "./auth";
import { ACCESS_DENIED } from "./envelope";

// POST /token-based-authentication/exchange (at Booking: connectivity-authentication.booking.com).
// Body {client_id, client_secret} -> {jwt, ruid}; the response shape is what two third-party
// clients parse (ATI, POC). At most `tokensPerHour` (30) tokens per account per rolling hour of the
// virtual clock; beyond that 429 with Retry-After.

const HOUR_MS = 3_600_000;

const exchangeBody = z.object({ client_id: z.string().min(1), client_secret: z.string().min(1) });

export function exchangeToken(ctx: RequestContext): Reply {
  const body = parseJsonBody(ctx, exchangeBody);
  const account = ctx.world.accounts.find((candidate) => candidate.clientId === body.client_id);
  if (!account || account.clientSecret !== body.client_secret) throw new HttpError(401, "unauthorized", ACCESS_DENIED);
  const now = ctx.world.clock.now();
  account.tokenIssuedAtMs = account.tokenIssuedAtMs.filter((issuedAt) => issuedAt > now - HOUR_MS);
  if (account.tokenIssuedAtMs.length >= ctx.options.tokensPerHour) {
    const oldest = account.tokenIssuedAtMs[0] ?? now;
    const retryAfter = Math.max(1, Math.ceil((oldest + HOUR_MS - now) / 1000));
    throw new HttpError(429, "rate_limited", `Token limit reached: at most ${ctx.options.tokensPerHour} tokens per hour.`, {
      "Retry-After": String(retryAfter),
    });
  }
  account.tokenIssuedAtMs.push(now);
  ctx.world.onChange();
  return { status: 200, body: { jwt: issueToken(ctx.world, account, ctx.options.tokenTtlMs), ruid: ruid() } };
}
