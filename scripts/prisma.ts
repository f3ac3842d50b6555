// `npm run db -- <prisma args>`: runs the Prisma CLI against the development database, starting the
// embedded Postgres in .data/pg when DATABASE_URL is not set. Example: npm run db -- migrate dev --name add_x
import { spawn } from "node:child_process";
import { prismaBin } from "./database";
import { DEFAULT_EMBEDDED_PG_PORT, loadDotEnv, openLocalDatabase } from "./local-environment";

async function main() {
  loadDotEnv();
  const database = await openLocalDatabase(process.env.DATABASE_URL, Number(process.env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PG_PORT));
  const child = spawn(prismaBin(), process.argv.slice(2), { stdio: "inherit", env: { ...process.env, DATABASE_URL: database.url } });
  child.on("exit", async (code) => {
    await database.stop();
    process.exit(code ?? 1);
  });
}

void main();
