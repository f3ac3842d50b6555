import { z } from "zod";
import { faultListSchema } from "./faults";

// Every knob of the sandbox, validated with zod. `startSandbox(options)` takes the input form (all
// optional); `main.ts` builds it from environment variables.

export const DEFAULT_ACCOUNT = {
  id: "bellhop-sandbox",
  username: "bellhop-sandbox",
  password: "sandbox-password",
  clientId: "bellhop-sandbox-client",
  clientSecret: "sandbox-secret",
  properties: "all-demo" as const,
  latestEnabled: true,
};

export const DEFAULT_AFFILIATE = { id: 424242, token: "sandbox-affiliate-token" };

const accountSchema = z.strictObject({
  id: z.string().min(1),
  // Booking: the username is case-sensitive and must not start with whitespace; passwords may not contain "+".
  username: z.string().min(1).regex(/^\S/, "must not start with whitespace"),
  password: z.string().min(1).refine((value) => !value.includes("+"), "must not contain '+'"),
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  properties: z.union([z.literal("all-demo"), z.array(z.number().int().positive())]).default("all-demo"),
  latestEnabled: z.boolean().default(true),
});

export const sandboxOptionsSchema = z.strictObject({
  /** 0 = a random free port. */
  port: z.number().int().min(0).max(65_535).default(0),
  host: z.string().min(1).default("127.0.0.1"),
  /** Where the world is kept between runs; null = memory only. */
  stateFile: z.string().min(1).nullable().default(null),
  seed: z.string().min(1).default("bellhop"),
  /** Generated conversations, on top of the fixed ones from the seed documents. */
  conversations: z.number().int().min(0).max(100_000).default(40),
  clock: z
    .strictObject({
      /** ISO time or epoch ms; default: the real time at start. */
      start: z.union([z.iso.datetime({ offset: true }), z.number().int()]).optional(),
      /** "running" follows real time; "frozen" moves only when advanced. */
      mode: z.enum(["running", "frozen"]).default("running"),
    })
    .default({ mode: "running" }),
  accounts: z.array(accountSchema).min(1).default([DEFAULT_ACCOUNT]),
  affiliates: z.array(z.strictObject({ id: z.number().int().positive(), token: z.string().min(1) })).min(1).default([DEFAULT_AFFILIATE]),
  faults: faultListSchema.default([]),
  /** Seed of the fault-probability generator (separate from the world, so faults don't change it). */
  faultSeed: z.string().default("faults"),
  /** When set, /_sandbox/* requires the header X-Sandbox-Control-Token. */
  controlToken: z.string().min(1).nullable().default(null),
  /** Status for a send into a closed window (undocumented; 403 is our guess). */
  windowClosedStatus: z.union([z.literal(400), z.literal(403), z.literal(409)]).default(403),
  /**
   * `is_set` in the response of DELETE …/tags/message_read. The docs' example says false; a
   * third-party simulator rewritten against the live API (POC) says the real API answers true.
   * We follow the observed behaviour by default.
   */
  messageReadDeleteIsSet: z.boolean().default(true),
  /** Virtual-clock time before a search job is ready (0 = at once). */
  searchJobDelayMs: z.number().int().min(0).default(0),
  tokenTtlMs: z.number().int().positive().default(3_600_000),
  tokensPerHour: z.number().int().positive().default(30),
  persistDebounceMs: z.number().int().min(0).default(200),
  /** Print one line per request to stdout. */
  logRequests: z.boolean().default(false),
});

export type SandboxOptionsInput = z.input<typeof sandboxOptionsSchema>;
export type SandboxOptions = z.output<typeof sandboxOptionsSchema>;
