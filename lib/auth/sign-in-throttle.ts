// Sliding-window limit on failed sign-ins, per e-mail and per client address, stored in Postgres so
// it holds across restarts and app instances.
import { db } from "../db";

export const SIGN_IN_WINDOW_MS = 15 * 60 * 1000;
/** Failures allowed per e-mail in the window; the 11th attempt is refused with 429. */
export const MAX_FAILURES_PER_EMAIL = 10;
/** Higher per address: a hotel's staff often share one office address. */
export const MAX_FAILURES_PER_ADDRESS = 50;

export type ThrottleVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export async function checkSignInThrottle(email: string, address: string, now = new Date()): Promise<ThrottleVerdict> {
  const since = new Date(now.getTime() - SIGN_IN_WINDOW_MS);
  const [byEmail, byAddress] = await Promise.all([
    db().signInFailure.findMany({ where: { email, createdAt: { gt: since } }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
    db().signInFailure.findMany({ where: { address, createdAt: { gt: since } }, orderBy: { createdAt: "asc" }, select: { createdAt: true } }),
  ]);
  const blocking = [
    byEmail.length >= MAX_FAILURES_PER_EMAIL ? byEmail[byEmail.length - MAX_FAILURES_PER_EMAIL] : undefined,
    byAddress.length >= MAX_FAILURES_PER_ADDRESS ? byAddress[byAddress.length - MAX_FAILURES_PER_ADDRESS] : undefined,
  ].filter((row) => row !== undefined);
  if (blocking.length === 0) return { allowed: true };
  // Allowed again once the oldest failure that still counts leaves the window.
  const reopensAt = Math.max(...blocking.map((row) => row.createdAt.getTime() + SIGN_IN_WINDOW_MS));
  return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((reopensAt - now.getTime()) / 1000)) };
}

export async function recordSignInFailure(email: string, address: string, now = new Date()): Promise<void> {
  await db().signInFailure.create({ data: { email, address, createdAt: now } });
  // Keep the table small: rows older than the window no longer count for anything.
  if (Math.random() < 0.05) {
    await db().signInFailure.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - SIGN_IN_WINDOW_MS) } } });
  }
}
