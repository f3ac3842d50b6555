import { createHmac, randomUUID, timingSafeEqual } from "node:crypto";
import { HttpError } from "../http/http-error";
import type { RequestContext } from "../http/router";
import type { MachineAccountRecord, PropertyRecord } from "../world/types";
import type { World } from "../world/world";
import { ACCESS_DENIED, NO_PROPERTY_ACCESS } from "./envelope";

// Machine-account authentication, both documented ways:
// - HTTP Basic with the machine account's username and password (sunset 31 Dec 2025 at Booking,
//   still accepted here because existing clients use it);
// - `Authorization: Bearer <jwt>` from POST /token-based-authentication/exchange. The JWT is a real
//   HS256 token whose `exp` is checked against the virtual clock (1 hour by default).
// Every failure is 401 "Access denied", as documented; a property the account is not linked to
// (or that does not exist) is 403 "This account doesn't have access to this property".

const ISSUER = "urn://connectivity-modern-auth/v1";
const AUDIENCE = "https://supply-xml.booking.com";

export function authenticateAccount(ctx: RequestContext): MachineAccountRecord {
  const header = ctx.req.headers.authorization ?? "";
  const denied = new HttpError(401, "unauthorized", ACCESS_DENIED, { "WWW-Authenticate": 'Basic realm="supply-xml", Bearer' });
  const [scheme = "", credentials = ""] = header.split(" ", 2);
  if (scheme.toLowerCase() === "basic") {
    const decoded = Buffer.from(credentials, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) throw denied;
    const username = decoded.slice(0, colon);
    const password = decoded.slice(colon + 1);
    const account = ctx.world.accounts.find((candidate) => candidate.username === username);
    if (!account || !safeEqual(account.password, password)) throw denied;
    return account;
  }
  if (scheme.toLowerCase() === "bearer") {
    const account = verifyToken(ctx.world, credentials);
    if (!account) throw denied;
    return account;
  }
  throw denied;
}

export function requireProperty(ctx: RequestContext, account: MachineAccountRecord, propertyId: number): PropertyRecord {
  const property = ctx.world.properties.get(propertyId);
  if (!property || !ctx.world.accountHasProperty(account, propertyId)) throw new HttpError(403, "forbidden", NO_PROPERTY_ACCESS);
  return property;
}

export function issueToken(world: World, account: MachineAccountRecord, ttlMs: number): string {
  const nowSeconds = Math.floor(world.clock.now() / 1000);
  const header = base64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const payload = base64url(
    JSON.stringify({ sub: account.clientId, aud: AUDIENCE, iss: ISSUER, iat: nowSeconds, exp: nowSeconds + Math.floor(ttlMs / 1000), jti: randomUUID() }),
  );
  return `${header}.${payload}.${sign(world, `${header}.${payload}`)}`;
}

function verifyToken(world: World, token: string): MachineAccountRecord | null {
  const [header, payload, signature] = token.split(".");
  if (!header || !payload || !signature || token.split(".").length !== 3) return null;
  if (!safeEqual(sign(world, `${header}.${payload}`), signature)) return null;
  let claims: { sub?: unknown; exp?: unknown; iss?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8")) as typeof claims;
  } catch {
    return null;
  }
  if (claims.iss !== ISSUER || typeof claims.exp !== "number" || claims.exp * 1000 <= world.clock.now()) return null;
  return world.accounts.find((account) => account.clientId === claims.sub) ?? null;
}

function sign(world: World, input: string): string {
  return createHmac("sha256", world.tokenSigningKey).update(input).digest("base64url");
}

function base64url(text: string): string {
  return Buffer.from(text, "utf8").toString("base64url");
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
