import { encode } from "next-auth/jwt";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { sessionUserIdFromCookies } from "./session-token";

const SECRET = "unit-test-auth-secret-0123456789abcdefghij";
const PLAIN = "authjs.session-token";
const SECURE = "__Secure-authjs.session-token";

beforeAll(() => {
  Object.assign(process.env, { AUTH_SECRET: SECRET, DATABASE_URL: "postgresql://unit@127.0.0.1:1/unit", SECRETS_KEY: "0".repeat(64) });
});

async function sessionCookie(options: { name?: string; secret?: string; sub?: string; maxAge?: number } = {}): Promise<string> {
  const name = options.name ?? PLAIN;
  const token = await encode({ token: { sub: options.sub ?? "user-1", email: "a@b.c" }, secret: options.secret ?? SECRET, salt: name, maxAge: options.maxAge ?? 3600 });
  return `${name}=${token}`;
}

afterEach(() => {
  vi.useRealTimers();
});

describe("sessionUserIdFromCookies", () => {
  it("returns the user id of a valid session cookie (http and https cookie names)", async () => {
    expect(await sessionUserIdFromCookies(await sessionCookie())).toBe("user-1");
    expect(await sessionUserIdFromCookies(`other=1; ${await sessionCookie({ name: SECURE, sub: "user-2" })}; x=y`)).toBe("user-2");
  });

  it("rejects a missing cookie, an expired session, a forged or tampered token, and a token under the wrong name", async () => {
    expect(await sessionUserIdFromCookies(null)).toBeUndefined();
    expect(await sessionUserIdFromCookies("theme=dark")).toBeUndefined();
    expect(await sessionUserIdFromCookies(await sessionCookie({ maxAge: -60 }))).toBeUndefined();
    expect(await sessionUserIdFromCookies(await sessionCookie({ secret: "another-secret-0123456789abcdefghijklmnop" }))).toBeUndefined();
    const valid = await sessionCookie();
    expect(await sessionUserIdFromCookies(`${valid.slice(0, -6)}AAAAAA`)).toBeUndefined();
    // Encrypted for the plain cookie name (the key-derivation salt) but sent under the secure one.
    expect(await sessionUserIdFromCookies(valid.replace(PLAIN, SECURE))).toBeUndefined();
  });

  it("does not answer from its memory of a decoded token once that token has expired", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date("2026-11-21T08:00:00Z"));
    const cookie = await sessionCookie({ sub: "user-3", maxAge: 3600 });
    expect(await sessionUserIdFromCookies(cookie)).toBe("user-3");
    expect(await sessionUserIdFromCookies(cookie)).toBe("user-3");
    vi.setSystemTime(new Date("2026-11-21T09:00:30Z"));
    expect(await sessionUserIdFromCookies(cookie)).toBeUndefined();
  });
});
