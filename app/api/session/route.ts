// Sign-in and sign-out as JSON, so the sign-in form can show precise messages (wrong password vs
// too many attempts) with real status codes: 200, 400, 401 or 429.
import { AuthError } from "next-auth";
import { isDatabaseUnavailable } from "@/lib/api/database-unavailable";
import { AppError, databaseUnavailable, validationError } from "@/lib/api/errors";
import { localeOfRequest } from "@/lib/i18n/locales";
import { localizedErrorResponse } from "@/lib/i18n/localized-error";
import { SignInThrottled, signIn, signOut } from "@/lib/auth/auth";
import { credentialsSchema } from "@/lib/auth/credentials";

export async function POST(request: Request): Promise<Response> {
  try {
    const body: unknown = await request.json().catch(() => {
      throw new AppError("bad_request", "The request body must be JSON.");
    });
    const parsed = credentialsSchema.safeParse(body);
    if (!parsed.success) throw validationError(parsed.error, "sign-in");
    try {
      await signIn("credentials", { ...parsed.data, redirect: false });
    } catch (error) {
      throw toSignInError(error);
    }
    return Response.json({ ok: true });
  } catch (error) {
    return localizedErrorResponse(error, localeOfRequest(request.headers));
  }
}

export async function DELETE(request: Request): Promise<Response> {
  try {
    await signOut({ redirect: false });
    return Response.json({ ok: true });
  } catch (error) {
    return localizedErrorResponse(error, localeOfRequest(request.headers));
  }
}

function toSignInError(error: unknown): unknown {
  // Auth.js may wrap the error thrown in authorize(); look through `cause` for ours.
  const throttled = findCause(error, (candidate): candidate is SignInThrottled => candidate instanceof SignInThrottled);
  if (throttled) {
    const minutes = Math.ceil(throttled.retryAfterSeconds / 60);
    return AppError.worded("rate_limited", "signIn.throttled", { values: { minutes }, headers: { "Retry-After": String(throttled.retryAfterSeconds) } });
  }
  // Checked before AuthError: Auth.js wraps a failing database in one, and the password was not wrong.
  if (isDatabaseUnavailable(error)) return databaseUnavailable();
  if (error instanceof AuthError) return AppError.worded("unauthenticated", "signIn.wrongPassword");
  return error;
}

function findCause<T>(error: unknown, match: (candidate: unknown) => candidate is T): T | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    if (match(current)) return current;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}
