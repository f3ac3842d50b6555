// `npm start` (production build) and `npm run dev` (hot reload): brings Bellhop up with nothing
// configured. Embedded Postgres in .data/pg unless DATABASE_URL is set, migrations, demo data on an
// empty database, a build when the sources changed, the Booking.com sandbox unless a real API is
// configured, then Next.js. Ctrl-C stops every child and Postgres.
//
// Flags: --dev (next dev), --ephemeral (throwaway database and in-memory sandbox: the e2e server),
//        --port N (overrides PORT).
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { EnvError, parseEnv, startEnvSchema } from "../lib/env";
import { whenParentExits } from "../lib/orphan-watch";
import { PrismaClient } from "../lib/generated/prisma/client";
import { DEMO_ACCOUNTS, pointSandboxConnectionAt, seedDemoDataIfEmpty } from "../prisma/seed";
import { buildIsCurrent, markBuildCurrent } from "./build-freshness";
import { findFreePort, leavePostgresShutdownToCaller, makeTempDir, migrateDatabase, portIsFree, startEmbeddedPostgres, type RunningDatabase } from "./database";
import { loadDotEnv, openLocalDatabase, persistentSecret } from "./local-environment";
import { runToCompletion, startChild, stopChild, waitForHttp, type Child } from "./processes";

const args = process.argv.slice(2);
const dev = args.includes("--dev");
const ephemeral = args.includes("--ephemeral");
const portArg = args.includes("--port") ? args[args.indexOf("--port") + 1] : undefined;

const children: Child[] = [];
let database: RunningDatabase | null = null;
let shuttingDown = false;

function log(line: string) {
  process.stdout.write(`[bellhop] ${line}\n`);
}

async function shutdown(code: number): Promise<never> {
  if (!shuttingDown) {
    shuttingDown = true;
    database?.shutdownBegins?.();
    for (const child of [...children].reverse()) await stopChild(child);
    await database?.stop().catch((error: unknown) => console.error("[bellhop] stopping Postgres failed:", error));
    log("stopped");
  }
  process.exit(code);
}

/** Ephemeral runs (e2e) get fresh secrets and a throwaway database; others the local setup. */
function secret(configured: string | undefined, fileName: string): string {
  return ephemeral ? (configured ?? randomBytes(32).toString("base64")) : persistentSecret(configured, fileName);
}

async function openDatabase(configured: string | undefined, embeddedPort: number): Promise<RunningDatabase> {
  if (ephemeral && !configured) {
    const dir = makeTempDir("bellhop-e2e-pg-");
    return startEmbeddedPostgres({ dir: path.join(dir, "data"), port: 0, persistent: false, restartWhenItDies: { log } });
  }
  return openLocalDatabase(configured, embeddedPort, { log, restartWhenItDies: true });
}

async function main() {
  const started = performance.now();
  // shutdown() stops Postgres last, after everything that uses it.
  leavePostgresShutdownToCaller();
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.on(signal, () => void shutdown(0));
  whenParentExits(() => {
    log("the parent process went away; stopping");
    void shutdown(0);
  });

  loadDotEnv();
  const env = parseEnv(startEnvSchema, { ...process.env, ...(portArg ? { PORT: portArg } : {}) });
  // Checked first: otherwise the health check below could be answered by whatever already listens there.
  if (!(await portIsFree(env.PORT, env.HOST))) {
    console.error(`[bellhop] port ${env.PORT} is already in use (another Bellhop?). Stop it, or choose another port with PORT=…`);
    process.exit(1);
  }
  const authSecret = secret(env.AUTH_SECRET, "auth-secret");
  const secretsKey = secret(env.SECRETS_KEY, "secrets-key");

  database = await openDatabase(env.DATABASE_URL, env.EMBEDDED_PG_PORT);
  log(`database ready (${database.embedded ? "embedded Postgres" : "DATABASE_URL"}) in ${Math.round(performance.now() - started)} ms`);
  await migrateDatabase(database.url);

  const appEnv: NodeJS.ProcessEnv = {
    ...process.env,
    DATABASE_URL: database.url,
    AUTH_SECRET: authSecret,
    SECRETS_KEY: secretsKey,
    NEXT_TELEMETRY_DISABLED: "1",
    NODE_ENV: dev ? "development" : "production",
  };
  const sandboxUrl = await startSandboxUnlessConfigured(env, appEnv);

  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: database.url, max: 2 }) });
  if (await seedDemoDataIfEmpty(prisma, { sandboxUrl: sandboxUrl ?? undefined, secretsKey })) log("empty database: demo accounts and properties created");
  if (sandboxUrl) await pointSandboxConnectionAt(prisma, sandboxUrl);
  const demoAdminExists = (await prisma.user.count({ where: { email: DEMO_ACCOUNTS.admin.email, active: true } })) > 0;
  await prisma.$disconnect();

  if (!dev && !buildIsCurrent()) {
    log("building the app (sources changed since the last build)…");
    const buildStarted = performance.now();
    const code = await runToCompletion("node_modules/.bin/next", ["build"], { ...appEnv, NODE_ENV: "production" });
    if (code !== 0) {
      console.error("[bellhop] next build failed");
      return shutdown(code);
    }
    markBuildCurrent();
    log(`build finished in ${((performance.now() - buildStarted) / 1000).toFixed(1)} s`);
  }

  // The sync worker (queue poller, backfill, reconciliation, outbound jobs) runs beside the app. If
  // it dies, it is restarted: the poller lock and the outbound actions' states make that safe.
  startWorker(appEnv);

  // BELLHOP_SUPERVISED: the web server watches this process and stops when it is gone (instrumentation.ts),
  // as the worker and the sandbox do, so a killed `npm start` does not leave port PORT taken.
  const next = startChild("next", "node_modules/.bin/next", [dev ? "dev" : "start", "-p", String(env.PORT), "-H", env.HOST], { ...appEnv, BELLHOP_SUPERVISED: "1" });
  children.push(next);
  void next.exited.then((code) => {
    if (!shuttingDown) {
      console.error(`[bellhop] Next.js exited with code ${code}; stopping`);
      void shutdown(code || 1);
    }
  });

  const localUrl = `http://localhost:${env.PORT}`;
  const up = await waitForHttp(`http://127.0.0.1:${env.PORT}/api/health`, dev ? 120_000 : 60_000, () => next.process.exitCode === null);
  if (!up) {
    console.error("[bellhop] the app did not come up");
    return shutdown(1);
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log(`Bellhop is running at ${localUrl} (ready in ${seconds} s)`);
  if (sandboxUrl) log(`Booking.com sandbox at ${sandboxUrl}; play the guest at ${sandboxUrl}/guest`);
  if (demoAdminExists) {
    log(`demo sign-in: admin ${DEMO_ACCOUNTS.admin.email} / ${DEMO_ACCOUNTS.admin.password}`);
    log(`              staff ${DEMO_ACCOUNTS.staff.email} / ${DEMO_ACCOUNTS.staff.password}`);
  }
  log("press Ctrl-C to stop");
}

function startWorker(appEnv: NodeJS.ProcessEnv): void {
  keepRunning("the sync worker", () => startChild("worker", process.execPath, ["--import", "tsx", "lib/sync/worker-main.ts"], appEnv), 5000);
}

/** Starts a child, and starts it again `delayMs` after it exits while Bellhop is not stopping. */
function keepRunning(label: string, start: () => Child, delayMs: number, note = ""): Child {
  const child = start();
  children.push(child);
  void child.exited.then((code) => {
    if (shuttingDown) return;
    children.splice(children.indexOf(child), 1);
    console.error(`[bellhop] ${label} exited with code ${code}; restarting it in ${delayMs / 1000} s${note}`);
    setTimeout(() => {
      if (!shuttingDown) keepRunning(label, start, delayMs, note);
    }, delayMs);
  });
  return child;
}

/** The sandbox runs when no real Booking.com API is configured; its URL goes to the app's env. */
async function startSandboxUnlessConfigured(env: { BOOKING_API_BASE_URL?: string; SANDBOX_PORT: number }, appEnv: NodeJS.ProcessEnv): Promise<string | null> {
  if (env.BOOKING_API_BASE_URL || !fs.existsSync("sandbox/main.ts")) return null;
  const port = ephemeral ? Number(process.env.E2E_SANDBOX_PORT) || (await findFreePort()) : env.SANDBOX_PORT;
  if (!(await portIsFree(port, "127.0.0.1"))) {
    console.error(`[bellhop] the sandbox's port ${port} is already in use (another Bellhop?). Stop it, or set SANDBOX_PORT=…`);
    await shutdown(1);
  }
  const sandboxEnv = { ...process.env, SANDBOX_PORT: String(port), SANDBOX_HOST: "127.0.0.1", ...(ephemeral ? { SANDBOX_STATE_FILE: "memory" } : {}) };
  // Like Booking.com, it is expected to be there: if it dies, it is started again on the same port. Its
  // world is reloaded from .data/sandbox/world.json; an ephemeral run's lives in memory and starts over.
  const lost = ephemeral ? " (its world was in memory: what happened since the start is gone)" : "";
  const sandbox = keepRunning("the Booking.com sandbox", () => startChild("sandbox", process.execPath, ["--import", "tsx", "sandbox/main.ts"], sandboxEnv, { quiet: true }), 1000, lost);
  const url = `http://127.0.0.1:${port}`;
  if (!(await waitForHttp(`${url}/_sandbox/health`, 30_000, () => sandbox.process.exitCode === null))) {
    console.error("[bellhop] the Booking.com sandbox did not start");
    await shutdown(1);
  }
  appEnv.BOOKING_API_BASE_URL = `${url}/messaging`;
  appEnv.SANDBOX_URL = url;
  return url;
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? `[bellhop] ${error.message}` : error);
  void shutdown(1);
});
