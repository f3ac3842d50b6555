// `npm run worker` (and the worker child of `npm start`): validates the environment, runs the sync
// worker, and on SIGTERM/SIGINT finishes the current transaction, releases its locks and exits 0.
import { EnvError, serverEnv } from "../env";
import { whenParentExits } from "../orphan-watch";
import { syncConfig } from "./config";
import { survivePgBossCompletionDuringOutage } from "./pg-boss-outage";
import { startWorker } from "./worker";

async function main(): Promise<void> {
  try {
    process.loadEnvFile(".env");
  } catch {
    // no .env file: the environment alone
  }
  // The same validated configuration as the app (DATABASE_URL and SECRETS_KEY are what the worker uses).
  const env = serverEnv();
  syncConfig();
  process.on("unhandledRejection", survivePgBossCompletionDuringOutage);
  const started = startWorker({ databaseUrl: env.DATABASE_URL });
  // Listened for from the start, not once started: start-up takes seconds (pg-boss, LISTEN, a first
  // housekeeping pass), and a SIGTERM in them used to end the process at once, with no word and its
  // locks left to time out. A stop asked for then waits for the start, and stops it properly.
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[bellhop-worker] ${signal}: finishing the current work`);
    started
      .then((worker) => worker.stop())
      .then(() => process.exit(0))
      .catch((error: unknown) => {
        console.error("[bellhop-worker] stop failed:", error);
        process.exit(1);
      });
  };
  process.on("SIGTERM", () => stop("SIGTERM"));
  process.on("SIGINT", () => stop("SIGINT"));
  whenParentExits(() => stop("parent process exited"));
  await started;
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? `[bellhop-worker] ${error.message}` : error);
  process.exit(1);
});
