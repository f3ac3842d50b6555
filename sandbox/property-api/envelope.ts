import type { HttpError, ErrorKind } from "../http/http-error";
import { badRequest } from "../http/http-error";
import type { Reply, RequestContext } from "../http/router";
import { ruid } from "../world/ids";

// The Connectivity envelope: `{meta: {ruid}, data, errors, warnings}` on every response.
//
// The shape of one `errors[]` entry is not documented for Messaging (open question 1). We borrow the
// form of Booking's other JSON connectivity APIs: a numeric OTA-style `code` plus `message`
// (320 invalid value, 497 authorization error, 635 data not found, 450 unable to process,
// 448 system error). The messages for 401/403/429/500 are the documented texts, "To many requests"
// typo included.

export function okReply(data: unknown, status = 200): Reply {
  return { status, body: { meta: { ruid: ruid() }, data, errors: [], warnings: [] } };
}

const CODES: Record<ErrorKind, number> = {
  invalid_request: 320,
  unauthorized: 497,
  forbidden: 497,
  not_found: 635,
  method_not_allowed: 320,
  payload_too_large: 320,
  rate_limited: 450,
  window_closed: 450,
  server_error: 448,
};

export function propertyErrorBody(error: HttpError): unknown {
  return { meta: { ruid: ruid() }, errors: [{ code: CODES[error.kind], message: error.message }], warnings: [] };
}

export const ACCESS_DENIED = "Access denied";
export const NO_PROPERTY_ACCESS = "This account doesn't have access to this property";
export const TOO_MANY_REQUESTS = "To many requests";
export const INTERNAL_SERVER_ERROR = "Internal server error";

/**
 * `Accept-Version`: 1.0 is the default and 1.1 is reserved and changes nothing. 1.2 adds
 * `message_type`, `attributes` and the guest's name. Values above 1.2 (third parties send 1.3,
 * which no Booking text mentions) are treated as the newest we know, 1.2. Anything that is not a
 * version number is refused with 400.
 */
export function wantsV12(ctx: RequestContext): boolean {
  const header = ctx.req.headers["accept-version"];
  const value = (Array.isArray(header) ? header[0] : header)?.trim();
  if (value === undefined || value === "") return false;
  const match = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (!match) throw badRequest(`Unsupported Accept-Version "${value}"; use 1.0, 1.1 or 1.2.`);
  const major = Number(match[1]);
  const minor = Number(match[2] ?? 0);
  return major > 1 || (major === 1 && minor >= 2);
}
