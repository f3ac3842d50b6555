// Auth.js (next-auth v5) configuration: Credentials sign-in, JWT sessions. Who may see what is not
// decided here but in lib/auth/guard.ts, which reloads the user from Postgres on every request.
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { isDatabaseUnavailable } from "../api/database-unavailable";
import { authenticate, clientAddress, credentialsSchema } from "./credentials";

/** Thrown from authorize() so callers can tell a throttled attempt from a wrong password. */
export class SignInThrottled extends CredentialsSignin {
  code = "rate_limited";
  constructor(readonly retryAfterSeconds: number) {
    super();
  }
}

export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60; // one long front-desk shift

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true, // self-hosted: the Host header is the deployment's own
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/sign-in" },
  logger: {
    // A wrong password is an expected outcome (answered with 401 by /api/session), not a server error.
    error(error) {
      if (error instanceof CredentialsSignin || (error.cause as { err?: unknown } | undefined)?.err instanceof CredentialsSignin) return;
      // A request for an endpoint Auth.js does not have (a typo, a scanner) is answered 400; one line, no stack.
      if (isDatabaseUnavailable(error)) {
        console.warn("[auth] sign-in failed: the database cannot be reached");
        return;
      }
      if ((error as { type?: unknown }).type === "UnknownAction") {
        console.warn("[auth]", error.message);
        return;
      }
      console.error("[auth]", error);
    },
  },
  callbacks: {
    // The JWT carries only the user id (`sub`); role and property access are reloaded per request.
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(raw, request) {
        const parsed = credentialsSchema.safeParse(raw);
        if (!parsed.success) return null;
        const outcome = await authenticate(parsed.data, clientAddress(request.headers));
        if (outcome.ok) return { id: outcome.user.id, email: outcome.user.email, name: outcome.user.name };
        if (outcome.reason === "rate_limited") throw new SignInThrottled(outcome.retryAfterSeconds);
        return null;
      },
    }),
  ],
});
