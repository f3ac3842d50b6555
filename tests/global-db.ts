// Vitest global setup for the integration tier: a brand-new embedded Postgres in a temp directory
// for every run (never the dev data in .data/pg), migrated with the real Prisma migrations.
import fs from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { makeTempDir, migrateDatabase, startEmbeddedPostgres } from "../scripts/database";

declare module "vitest" {
  export interface ProvidedContext {
    databaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const dir = makeTempDir("bellhop-test-pg-");
  const database = await startEmbeddedPostgres({ dir: path.join(dir, "data"), port: 0, persistent: false });
  await migrateDatabase(database.url);
  project.provide("databaseUrl", database.url);
  return async () => {
    await database.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}
