// Checking an e-mail and password: the one place that decides whether a sign-in succeeds.
import { z } from "zod";
import { db } from "../db";
import { burnPasswordCheck, verifyPassword } from "./passwords";
import { checkSignInThrottle, recordSignInFailure } from "./sign-in-throttle";

export const credentialsSchema = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid e-mail address").max(254),
  password: z.string().min(1, "Enter your password").max(200),
});

export type SignedInUser = { id: string; email: string; name: string; role: "admin" | "staff" };

export type SignInOutcome =
  | { ok: true; user: SignedInUser }
  | { ok: false; reason: "invalid_credentials" }
  | { ok: false; reason: "rate_limited"; retryAfterSeconds: number };

/**
 * Never says whether the e-mail exists: an unknown e-mail, a wrong password and a deactivated
 * account all give `invalid_credentials`, in the same time.
 */
export async function authenticate(input: { email: string; password: string }, address: string): Promise<SignInOutcome> {
  const email = input.email.trim().toLowerCase();
  const throttle = await checkSignInThrottle(email, address);
  if (!throttle.allowed) return { ok: false, reason: "rate_limited", retryAfterSeconds: throttle.retryAfterSeconds };

  const user = await db().user.findUnique({ where: { email } });
  const passwordMatches = user ? await verifyPassword(input.password, user.passwordHash) : (await burnPasswordCheck(input.password), false);
  if (!user || !passwordMatches || !user.active) {
    await recordSignInFailure(email, address);
    return { ok: false, reason: "invalid_credentials" };
  }
  return { ok: true, user: { id: user.id, email: user.email, name: user.name, role: user.role } };
}

/** The client address used for per-address limits (first X-Forwarded-For entry; see ARCHITECTURE.md). */
export function clientAddress(headers: Headers): string {
  const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
  return forwarded || headers.get("x-real-ip") || "unknown";
}
