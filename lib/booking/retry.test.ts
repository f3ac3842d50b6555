import { describe, expect, it } from "vitest";
import { readJwtExpiryMs } from "./auth";
import { backoffDelayMs, DEFAULT_RETRY_POLICY, parseRetryAfterMs } from "./retry";

describe("backoffDelayMs (full jitter)", () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1_000 };

  it("draws uniformly below a ceiling that doubles per retry", () => {
    expect(backoffDelayMs(policy, 0, () => 0.999)).toBe(99);
    expect(backoffDelayMs(policy, 1, () => 0.999)).toBe(199);
    expect(backoffDelayMs(policy, 2, () => 0.5)).toBe(200);
    expect(backoffDelayMs(policy, 0, () => 0)).toBe(0);
  });

  it("caps the ceiling at maxDelayMs", () => {
    expect(backoffDelayMs(policy, 10, () => 0.999)).toBe(999);
  });
});

describe("parseRetryAfterMs", () => {
  const now = Date.parse("2026-11-21T10:00:00Z");

  it("reads delta-seconds", () => {
    expect(parseRetryAfterMs("2", now)).toBe(2_000);
    expect(parseRetryAfterMs(" 0 ", now)).toBe(0);
  });

  it("reads an HTTP date relative to now, never negative", () => {
    expect(parseRetryAfterMs("Sat, 21 Nov 2026 10:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfterMs("Sat, 21 Nov 2026 09:00:00 GMT", now)).toBe(0);
  });

  it("ignores missing or unreadable values", () => {
    expect(parseRetryAfterMs(null, now)).toBeUndefined();
    expect(parseRetryAfterMs("", now)).toBeUndefined();
    expect(parseRetryAfterMs("soon", now)).toBeUndefined();
  });
});

describe("readJwtExpiryMs", () => {
  it("reads exp from the payload", () => {
    const payload = Buffer.from(JSON.stringify({ sub: "x", exp: 1_700_003_600 })).toString("base64url");
    expect(readJwtExpiryMs(`h.${payload}.s`)).toBe(1_700_003_600_000);
  });

  it("returns undefined for opaque tokens", () => {
    expect(readJwtExpiryMs("opaque-token")).toBeUndefined();
    expect(readJwtExpiryMs("a.%%%.c")).toBeUndefined();
  });
});
