// Every environment variable Bellhop reads, validated with zod in one place. A missing or invalid
// variable stops the process with one line that names it (see formatEnvError).
import { z } from "zod";

const port = z.coerce.number({ error: "must be a port number from 1 to 65535" }).int("must be a port number from 1 to 65535").min(1, "must be a port number from 1 to 65535").max(65535, "must be a port number from 1 to 65535");
const optionalUrl = z.string().url().optional();

export const serverEnvSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL"),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (generate one with `openssl rand -base64 32`)"),
  /** 32 bytes (hex or base64) encrypting Booking.com credentials at rest; see lib/secrets.ts. */
  SECRETS_KEY: z.string().refine((value) => /^[0-9a-f]{64}$/i.test(value) || Buffer.from(value, "base64").length === 32, "must be 32 bytes, as 64 hex characters or base64"),
  BOOKING_API_BASE_URL: optionalUrl,
  /** Set by `npm start` when it runs the sandbox: the sandbox's root URL (control API, guest page). */
  SANDBOX_URL: optionalUrl,
});
export type ServerEnv = z.infer<typeof serverEnvSchema>;

/** Variables read by scripts/start.ts before the app exists (the app's own ones come later). */
export const startEnvSchema = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL").optional(),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters (generate one with `openssl rand -base64 32`)").optional(),
  SECRETS_KEY: z.string().min(1).optional(),
  EMBEDDED_PG_PORT: port.default(54329),
  BOOKING_API_BASE_URL: optionalUrl,
  SANDBOX_PORT: port.default(4010),
});
export type StartEnv = z.infer<typeof startEnvSchema>;

export class EnvError extends Error {}

export function parseEnv<T extends z.ZodType>(schema: T, source: Record<string, string | undefined>): z.infer<T> {
  // Empty strings count as unset, as in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value !== ""));
  const result = schema.safeParse(cleaned);
  if (!result.success) throw new EnvError(formatEnvError(result.error, cleaned));
  return result.data;
}

export function formatEnvError(error: z.ZodError, source: Record<string, unknown>): string {
  const issue = error.issues[0];
  if (!issue) return "Invalid environment";
  const name = issue.path.join(".") || "environment";
  const problem = source[name] === undefined ? "is required but not set" : issue.message;
  return `Invalid environment variable ${name}: ${problem}`;
}

let cached: ServerEnv | undefined;

/** The app's validated environment, parsed once per process. */
export function serverEnv(): ServerEnv {
  cached ??= parseEnv(serverEnvSchema, process.env);
  return cached;
}
