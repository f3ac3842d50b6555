// Reads the signed-in user's id straight from the Auth.js session cookie (an encrypted JWT).
//
// Why not Auth.js's own `auth()`: in a route handler it builds a Request to /api/auth/session and runs
// the whole Auth.js handler on it (cookie parsing, callbacks, re-encrypting a refreshed JWT into a
// Set-Cookie header that `auth()` then throws away, a JSON round trip). Measured in bench/inbox.ts that
// was about 1 ms of every API request. The JWT carries only the user id (`sub`); everything else the
// guard needs is reloaded from Postgres, so decoding the cookie is all there is to do.
//
// `getToken` is Auth.js's documented way to read the JWT server-side: it joins chunked cookies and
// checks the signature and the expiry (`exp`, set from the session's maxAge when it was issued).
import { getToken } from "next-auth/jwt";
import { serverEnv } from "../env";

// Auth.js names the cookie by whether the deployment is served over https (`__Secure-` prefix) and
// uses the name as the key-derivation salt.
const SESSION_COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"] as const;

// Decrypting the cookie costs about 0.6 ms (a key derivation and an AES decryption per call, measured),
// and a signed-in browser sends the same cookie with every request. So the outcome of a successful
// decode is remembered per exact cookie value, with its expiry: only a byte-identical token, already
// decrypted and verified once, is answered from memory, and never after its `exp`. What the token does
// not decide (whether the user is still active, what they may see) is reloaded by the guard on every
// request anyway.
const DECODED_CACHE_LIMIT = 1_000;
const decoded = new Map<string, { userId: string; expiresAtMs: number }>();

/** The user id of a valid, unexpired session cookie in `cookieHeader`, or undefined. */
export async function sessionUserIdFromCookies(cookieHeader: string | null): Promise<string | undefined> {
  if (!cookieHeader) return undefined;
  for (const cookieName of SESSION_COOKIE_NAMES) {
    if (!cookieHeader.includes(cookieName)) continue;
    const key = `${cookieName}\u0000${cookieHeader}`;
    const known = decoded.get(key);
    if (known && Date.now() < known.expiresAtMs) return known.userId;
    if (known) decoded.delete(key);
    // Only the cookie header is passed on: getToken would otherwise also accept an `Authorization:
    // Bearer` token, a way in that Bellhop does not offer.
    const token = await getToken({
      req: { headers: { cookie: cookieHeader } },
      secret: serverEnv().AUTH_SECRET,
      cookieName,
      salt: cookieName,
      secureCookie: cookieName.startsWith("__Secure-"),
    });
    if (typeof token?.sub === "string" && token.sub.length > 0) {
      if (typeof token.exp === "number") remember(key, { userId: token.sub, expiresAtMs: token.exp * 1000 });
      return token.sub;
    }
  }
  return undefined;
}

function remember(key: string, value: { userId: string; expiresAtMs: number }): void {
  // A Map iterates in insertion order: dropping the first entry drops the oldest.
  if (decoded.size >= DECODED_CACHE_LIMIT) decoded.delete(decoded.keys().next().value!);
  decoded.set(key, value);
}
