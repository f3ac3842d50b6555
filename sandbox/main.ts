import { z } from "zod";
import { faultListSchema } from "./faults";
import { DEFAULT_ACCOUNT, DEFAULT_AFFILIATE, type SandboxOptionsInput } from "./options";
import { startSandbox } from "./server";
import { whenParentExits } from "../lib/orphan-watch";

// `npx tsx sandbox/main.ts` (npm run sandbox): the sandbox as a standalone program, configured by
// environment variables. A bad variable stops it with one line that names the variable.
//
//   SANDBOX_PORT            port (default 4010; 0 = any free port)
//   SANDBOX_HOST            interface (default 127.0.0.1)
//   SANDBOX_STATE_FILE      world file (default .data/sandbox/world.json; "" or "memory" = no persistence)
//   SANDBOX_SEED            demo world seed (default "bellhop")
//   SANDBOX_CONVERSATIONS   generated conversations (default 40, at most 100000)
//   SANDBOX_FAULTS          JSON array of fault rules (see faults.ts), e.g. [{"endpoint":"message.post","mode":"drop","afterApply":true,"times":1}]
//   SANDBOX_CLOCK_START     ISO time the virtual clock starts at (default: now)
//   SANDBOX_CLOCK_MODE      running | frozen (default running)
//   SANDBOX_USERNAME / SANDBOX_PASSWORD           Basic auth (bellhop-sandbox / sandbox-password)
//   SANDBOX_CLIENT_ID / SANDBOX_CLIENT_SECRET     token exchange (bellhop-sandbox-client / sandbox-secret)
//   SANDBOX_AFFILIATE_ID / SANDBOX_AFFILIATE_TOKEN guest side (424242 / sandbox-affiliate-token)
//   SANDBOX_CONTROL_TOKEN   if set, /_sandbox/* needs header X-Sandbox-Control-Token
//   SANDBOX_LOG_REQUESTS    1/true to print one line per request

const nonEmpty = z.string().min(1, "must not be empty");
const integer = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d+$/, "must be a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));
const jsonOf = <T extends z.ZodType>(schema: T) =>
  z
    .string()
    .transform((text, ctx) => {
      try {
        return JSON.parse(text) as unknown;
      } catch {
        ctx.addIssue({ code: "custom", message: "must be valid JSON" });
        return z.NEVER;
      }
    })
    .pipe(schema);

const ENV = {
  SANDBOX_PORT: integer(0, 65_535),
  SANDBOX_HOST: nonEmpty,
  SANDBOX_STATE_FILE: z.string(),
  SANDBOX_SEED: nonEmpty,
  SANDBOX_CONVERSATIONS: integer(0, 100_000),
  SANDBOX_FAULTS: jsonOf(faultListSchema),
  SANDBOX_CLOCK_START: z.iso.datetime({ offset: true }),
  SANDBOX_CLOCK_MODE: z.enum(["running", "frozen"]),
  SANDBOX_USERNAME: nonEmpty.regex(/^\S/, "must not start with whitespace"),
  SANDBOX_PASSWORD: nonEmpty.refine((value) => !value.includes("+"), "must not contain '+'"),
  SANDBOX_CLIENT_ID: nonEmpty,
  SANDBOX_CLIENT_SECRET: nonEmpty,
  SANDBOX_AFFILIATE_ID: integer(1, Number.MAX_SAFE_INTEGER),
  SANDBOX_AFFILIATE_TOKEN: nonEmpty,
  SANDBOX_CONTROL_TOKEN: nonEmpty,
  SANDBOX_LOG_REQUESTS: z.enum(["1", "0", "true", "false"]).transform((value) => value === "1" || value === "true"),
} as const;

type EnvValues = { [K in keyof typeof ENV]?: z.output<(typeof ENV)[K]> };

function readEnv(env: NodeJS.ProcessEnv): EnvValues {
  const values: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(ENV)) {
    const raw = env[name];
    if (raw === undefined) continue;
    const result = schema.safeParse(raw);
    if (!result.success) {
      const shown = raw.length > 60 ? `${raw.slice(0, 60)}…` : raw;
      const issue = result.error.issues[0];
      const where = issue && issue.path.length > 0 ? ` at ${issue.path.join(".")}` : "";
      console.error(`sandbox: invalid ${name}${where}: ${issue?.message ?? "invalid value"} (got ${JSON.stringify(shown)})`);
      process.exit(1);
    }
    values[name] = result.data;
  }
  return values as EnvValues;
}

function optionsFromEnv(env: EnvValues): SandboxOptionsInput {
  const stateFile = env.SANDBOX_STATE_FILE ?? ".data/sandbox/world.json";
  return {
    port: env.SANDBOX_PORT ?? 4010,
    host: env.SANDBOX_HOST ?? "127.0.0.1",
    stateFile: stateFile === "" || stateFile === "memory" ? null : stateFile,
    seed: env.SANDBOX_SEED,
    conversations: env.SANDBOX_CONVERSATIONS,
    faults: env.SANDBOX_FAULTS,
    clock: { start: env.SANDBOX_CLOCK_START, mode: env.SANDBOX_CLOCK_MODE ?? "running" },
    accounts: [
      {
        ...DEFAULT_ACCOUNT,
        username: env.SANDBOX_USERNAME ?? DEFAULT_ACCOUNT.username,
        password: env.SANDBOX_PASSWORD ?? DEFAULT_ACCOUNT.password,
        clientId: env.SANDBOX_CLIENT_ID ?? DEFAULT_ACCOUNT.clientId,
        clientSecret: env.SANDBOX_CLIENT_SECRET ?? DEFAULT_ACCOUNT.clientSecret,
      },
    ],
    affiliates: [{ id: env.SANDBOX_AFFILIATE_ID ?? DEFAULT_AFFILIATE.id, token: env.SANDBOX_AFFILIATE_TOKEN ?? DEFAULT_AFFILIATE.token }],
    controlToken: env.SANDBOX_CONTROL_TOKEN ?? null,
    logRequests: env.SANDBOX_LOG_REQUESTS ?? false,
  };
}

async function main(): Promise<void> {
  const options = optionsFromEnv(readEnv(process.env));
  let sandbox;
  try {
    sandbox = await startSandbox(options);
  } catch (error) {
    console.error(`sandbox: could not start: ${(error as Error).message}`);
    process.exit(1);
  }
  const world = sandbox.world;
  console.log(`Booking.com Messaging API sandbox listening on ${sandbox.url}`);
  console.log(`  property side  ${sandbox.url}/messaging   (Basic ${options.accounts?.[0]?.username} / token exchange at ${sandbox.url}/token-based-authentication/exchange)`);
  console.log(`  guest side     ${sandbox.url}/demand/3.1/messages   (X-Affiliate-Id ${options.affiliates?.[0]?.id})`);
  console.log(`  guest page     ${sandbox.url}/guest`);
  console.log(`  control API    ${sandbox.url}/_sandbox`);
  console.log(
    `  world: seed "${world.seed}", ${world.conversations.size} conversations, ${world.messages.size} messages, clock ${new Date(world.clock.now()).toISOString()}; state ${options.stateFile ?? "in memory only"}`,
  );

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`sandbox: ${signal}, saving state and stopping`);
    sandbox
      .close()
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error(`sandbox: error while stopping: ${(error as Error).message}`);
        process.exit(1);
      });
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
  whenParentExits(() => stop("parent process exited"));
}

void main();
