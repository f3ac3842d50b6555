// The zero-configuration setup shared by `npm start`, `npm run db` and `npm run sync`: the secrets
// kept in .data/ and the embedded Postgres in .data/pg, used only when the environment does not
// configure them.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { canConnect, startEmbeddedPostgres, type RunningDatabase } from "./database";

export const DEFAULT_EMBEDDED_PG_PORT = 54329;

export function loadDotEnv(): void {
  try {
    process.loadEnvFile(".env");
  } catch {
    // no .env file: the environment and the defaults apply
  }
}

/** A secret from the environment, else one generated once and kept in .data (never committed). */
export function persistentSecret(configured: string | undefined, fileName: string): string {
  if (configured) return configured;
  const file = path.resolve(".data", fileName);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600 });
  }
  return fs.readFileSync(file, "utf8").trim();
}

/**
 * DATABASE_URL when set; otherwise the embedded Postgres in .data/pg — reused when it already runs
 * (another `npm start`, or one killed without Ctrl-C), started (and owned by the caller) when not. A
 * long-running caller (`npm start`) passes `restartWhenItDies` so one it started is kept running.
 */
export async function openLocalDatabase(
  configured: string | undefined,
  embeddedPort = DEFAULT_EMBEDDED_PG_PORT,
  options: { log?: (line: string) => void; restartWhenItDies?: boolean } = {},
): Promise<RunningDatabase> {
  const log = options.log ?? (() => {});
  if (configured) return { url: configured, embedded: false, stop: async () => {} };
  const url = `postgresql://postgres:postgres@127.0.0.1:${embeddedPort}/bellhop`;
  if (await canConnect(url)) {
    log(`reusing the embedded Postgres already running on port ${embeddedPort}`);
    return { url, embedded: false, stop: async () => {} };
  }
  return startEmbeddedPostgres({ dir: path.resolve(".data/pg"), port: embeddedPort, persistent: true, restartWhenItDies: options.restartWhenItDies ? { log } : undefined });
}
