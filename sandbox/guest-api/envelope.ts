import { HttpError, badRequest, type ErrorKind } from "../http/http-error";
import type { Reply, RequestContext } from "../http/router";
import { requestId } from "../world/ids";
import type { AffiliateRecord } from "../world/types";

// The Demand API envelope: `{request_id, data}` on success and `{request_id, errors: [{id, message}]}`
// on failure. Authentication is `Authorization: Bearer <API key>` plus `X-Affiliate-Id` on every call.

export function dataReply(data: unknown): Reply {
  return { status: 200, body: { request_id: requestId(), data } };
}

export function bareReply(body: Record<string, unknown>): Reply {
  return { status: 200, body: { request_id: requestId(), ...body } };
}

const ERROR_IDS: Record<ErrorKind, string> = {
  invalid_request: "invalid_parameter",
  unauthorized: "unauthorized",
  forbidden: "forbidden",
  not_found: "not_found",
  method_not_allowed: "method_not_allowed",
  payload_too_large: "payload_too_large",
  rate_limited: "too_many_requests",
  window_closed: "messaging_window_closed",
  server_error: "internal_error",
};

export function guestErrorBody(error: HttpError): unknown {
  return { request_id: requestId(), errors: [{ id: ERROR_IDS[error.kind], message: error.message }] };
}

export function authenticateAffiliate(ctx: RequestContext): AffiliateRecord {
  const header = ctx.req.headers.authorization ?? "";
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  if (!match) throw new HttpError(401, "unauthorized", "Missing or malformed Authorization header; send 'Authorization: Bearer <token>'.");
  const rawAffiliate = ctx.req.headers["x-affiliate-id"];
  const affiliateHeader = Array.isArray(rawAffiliate) ? rawAffiliate[0] : rawAffiliate;
  if (affiliateHeader === undefined || affiliateHeader === "") throw badRequest("Header 'X-Affiliate-Id' is missing.");
  if (!/^\d+$/.test(affiliateHeader)) throw badRequest(`Header 'X-Affiliate-Id' must be an integer, got "${affiliateHeader}".`);
  const token = match[1];
  const byToken = [...ctx.world.affiliates.values()].find((affiliate) => affiliate.token === token);
  if (!byToken) throw new HttpError(401, "unauthorized", "The API key token is not valid.");
  if (byToken.id !== Number(affiliateHeader)) throw new HttpError(403, "forbidden", `This token does not belong to affiliate ${affiliateHeader}.`);
  return byToken;
}

/** The guest page asks for a few sandbox-only fields (read status, stay details) with this header. */
export function wantsSandboxExtensions(ctx: RequestContext): boolean {
  return ctx.req.headers["x-sandbox-extensions"] !== undefined;
}
