// `npm run db -- <prisma args>`: runs the Prisma CLI against the development database, starting the
// embedded Postgres in .data/pg when DATABASE_URL is not set. Example: npm run db -- migrate dev --name add_x
import { spawn } from "node:child_process";
import path from "node:path";
import { prismaBin, startEmbeddedPostgres } from "./database";

async function main() {
  try {
    process.loadEnvFile(".env");
  } catch {
    // no .env file: nothing to load
  }
  const configured = process.env.DATABASE_URL;
  const database = configured
    ? null
    : await startEmbeddedPostgres({ dir: path.resolve(".data/pg"), port: Number(process.env.EMBEDDED_PG_PORT ?? 54329), persistent: true });
  const url = configured ?? database!.url;
  const child = spawn(prismaBin(), process.argv.slice(2), { stdio: "inherit", env: { ...process.env, DATABASE_URL: url } });
  child.on("exit", async (code) => {
    await database?.stop();
    process.exit(code ?? 1);
  });
}

void main();
