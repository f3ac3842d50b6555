import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/tests/database";
import { authenticate } from "./credentials";
import { hashPassword, verifyPassword } from "./passwords";
import { MAX_FAILURES_PER_ADDRESS, MAX_FAILURES_PER_EMAIL, SIGN_IN_WINDOW_MS, checkSignInThrottle } from "./sign-in-throttle";

const PASSWORD = "correct horse battery";

async function createUser(email: string, active = true) {
  return db().user.create({ data: { email, name: "Front Desk", role: "staff", active, passwordHash: await hashPassword(PASSWORD) } });
}

describe("password hashing", () => {
  it("stores a salted bcrypt hash that only the right password matches", async () => {
    const first = await hashPassword(PASSWORD);
    const second = await hashPassword(PASSWORD);
    expect(first).not.toContain(PASSWORD);
    expect(first).toMatch(/^\$2[aby]\$11\$/);
    expect(first).not.toBe(second);
    expect(await verifyPassword(PASSWORD, first)).toBe(true);
    expect(await verifyPassword("correct horse battery!", first)).toBe(false);
  });
});

describe("sign-in", () => {
  beforeEach(resetDatabase);

  it("signs in with the right password, whatever the e-mail's case", async () => {
    await createUser("desk@hotel.test");
    const outcome = await authenticate({ email: "  Desk@Hotel.TEST ", password: PASSWORD }, "10.0.0.1");
    expect(outcome).toMatchObject({ ok: true, user: { email: "desk@hotel.test", role: "staff" } });
  });

  it("gives the same answer for a wrong password, an unknown e-mail and a deactivated account", async () => {
    await createUser("desk@hotel.test");
    await createUser("gone@hotel.test", false);
    const answers = await Promise.all([
      authenticate({ email: "desk@hotel.test", password: "wrong" }, "10.0.0.1"),
      authenticate({ email: "nobody@hotel.test", password: PASSWORD }, "10.0.0.1"),
      authenticate({ email: "gone@hotel.test", password: PASSWORD }, "10.0.0.1"),
    ]);
    for (const answer of answers) expect(answer).toEqual({ ok: false, reason: "invalid_credentials" });
  });

  it(`refuses the ${MAX_FAILURES_PER_EMAIL + 1}th attempt after ${MAX_FAILURES_PER_EMAIL} failures for one e-mail, even with the right password`, async () => {
    await createUser("desk@hotel.test");
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      expect(await authenticate({ email: "desk@hotel.test", password: `wrong-${i}` }, `10.0.1.${i}`)).toMatchObject({ reason: "invalid_credentials" });
    }
    const blocked = await authenticate({ email: "desk@hotel.test", password: PASSWORD }, "10.0.2.1");
    expect(blocked).toMatchObject({ ok: false, reason: "rate_limited" });
    if (!blocked.ok && blocked.reason === "rate_limited") {
      expect(blocked.retryAfterSeconds).toBeGreaterThan(0);
      expect(blocked.retryAfterSeconds).toBeLessThanOrEqual(SIGN_IN_WINDOW_MS / 1000);
    }
    // Another account is not affected by this e-mail's failures.
    await createUser("other@hotel.test");
    expect(await authenticate({ email: "other@hotel.test", password: PASSWORD }, "10.0.2.1")).toMatchObject({ ok: true });
  });

  it("limits failures per client address across e-mails", async () => {
    const rows = Array.from({ length: MAX_FAILURES_PER_ADDRESS }, (_, i) => ({ email: `guess-${i}@hotel.test`, address: "203.0.113.9" }));
    await db().signInFailure.createMany({ data: rows });
    await createUser("desk@hotel.test");
    expect(await authenticate({ email: "desk@hotel.test", password: PASSWORD }, "203.0.113.9")).toMatchObject({ reason: "rate_limited" });
    expect(await authenticate({ email: "desk@hotel.test", password: PASSWORD }, "203.0.113.10")).toMatchObject({ ok: true });
  });

  it("forgets failures once they leave the window", async () => {
    const now = new Date();
    const old = new Date(now.getTime() - SIGN_IN_WINDOW_MS - 1000);
    await db().signInFailure.createMany({
      data: Array.from({ length: MAX_FAILURES_PER_EMAIL }, () => ({ email: "desk@hotel.test", address: "10.0.0.1", createdAt: old })),
    });
    expect(await checkSignInThrottle("desk@hotel.test", "10.0.0.1", now)).toEqual({ allowed: true });
  });
});
