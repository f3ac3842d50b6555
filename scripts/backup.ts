// `npm run backup [-- [--keep N] [<directory>]]`: a consistent copy of the embedded Postgres and the
// secrets in .data, taken while Bellhop keeps running (scripts/database-backup.ts says how), into
// backups/bellhop-<time> unless a directory is given; with --keep N, only the N newest backups there
// are kept. `npm run restore -- <directory>`: puts one back, with Bellhop stopped; what it replaces is
// set aside, never deleted. A Postgres of your own (DATABASE_URL) is backed up with its own tools.
import path from "node:path";
import { z } from "zod";
import { parseEnv, startEnvSchema } from "../lib/env";
import { canConnect } from "./database";
import { backupDatabase, postgresUser, pruneBackups, restoreBackup } from "./database-backup";
import { loadDotEnv, openLocalDatabase } from "./local-environment";

const DATA = path.resolve(".data");
const DATA_DIR = path.join(DATA, "pg");

async function main(): Promise<number> {
  loadDotEnv();
  const [command, argument] = process.argv.slice(2);
  const env = parseEnv(startEnvSchema, process.env);
  if (env.DATABASE_URL) {
    console.error("DATABASE_URL points at a Postgres of your own: back it up with its own tools (pg_dump, pg_basebackup). These commands are for the embedded one.");
    return 2;
  }
  const port = env.EMBEDDED_PG_PORT;
  if (command === "backup") {
    const options = backupOptions.safeParse(process.argv.slice(3));
    if (!options.success) {
      console.error(`${options.error.issues[0]?.message ?? "bad arguments"}\nusage: npm run backup [-- [--keep N] [<directory>]]`);
      return 2;
    }
    const code = await backup(port, options.data);
    // Not in .data, so not in the backup: without it the restored Booking.com credentials cannot be read.
    if (code === 0 && env.SECRETS_KEY) console.log("  SECRETS_KEY comes from your environment, not .data: keep it with the backup");
    return code;
  }
  if (command === "restore") return restore(port, argument);
  console.error("usage: npm run backup [-- [--keep N] [<directory>]] | npm run restore -- <backup directory>");
  return 2;
}

/** `[--keep N] [<directory>]`: where to write the backup, and how many of the newest beside it to keep. */
const backupOptions = z
  .array(z.string())
  .transform((args, context) => {
    const options: { keep?: number; directory?: string } = {};
    for (let index = 0; index < args.length; index++) {
      const arg = args[index]!;
      if (arg === "--keep") {
        const keep = Number(args[++index]);
        if (!Number.isInteger(keep) || keep < 1) context.addIssue({ code: "custom", message: "--keep takes a whole number of backups, at least 1" });
        options.keep = keep;
      } else if (arg.startsWith("-")) {
        context.addIssue({ code: "custom", message: `unknown option ${arg}` });
      } else {
        options.directory = arg;
      }
    }
    return options;
  });

async function backup(port: number, { keep, directory }: { keep?: number; directory?: string }): Promise<number> {
  const target = path.resolve(directory ?? path.join("backups", `bellhop-${new Date().toISOString().replace(/[:.]/g, "-")}`));
  // The running Bellhop's Postgres, or one started for the backup (and stopped after it).
  const database = await openLocalDatabase(undefined, port);
  try {
    const manifest = await backupDatabase({ url: database.url, dataDir: DATA_DIR, secretsDir: DATA, target });
    console.log(`backup written to ${target}`);
    console.log(`  Postgres ${manifest.postgresVersion}, write-ahead log ${manifest.startLsn} to ${manifest.endLsn}, with .data's secrets`);
    console.log(`  keep a copy off this machine, e.g.: tar czf ${path.basename(target)}.tar.gz -C ${path.dirname(target)} ${path.basename(target)}`);
    if (keep !== undefined) for (const old of pruneBackups(path.dirname(target), keep)) console.log(`  deleted the older backup ${old} (--keep ${keep})`);
    return 0;
  } finally {
    await database.stop();
  }
}

async function restore(port: number, from: string | undefined): Promise<number> {
  if (!from) {
    console.error("usage: npm run restore -- <backup directory>");
    return 2;
  }
  if (await canConnect(`postgresql://postgres:postgres@127.0.0.1:${port}/bellhop`)) {
    console.error(`the embedded Postgres is running on port ${port}: stop Bellhop (Ctrl-C on npm start) before restoring`);
    return 1;
  }
  const owner = process.getuid?.() === 0 ? postgresUser() : undefined;
  if (owner === null) {
    console.error("running as root, Postgres runs as the system user `postgres`, which does not exist yet: start Bellhop once (it creates the user), stop it, then restore");
    return 1;
  }
  const { manifest, setAside } = restoreBackup({ from: path.resolve(from), dataDir: DATA_DIR, secretsDir: DATA, owner });
  console.log(`restored the backup of ${manifest.createdAt} (Postgres ${manifest.postgresVersion}) into ${DATA_DIR}`);
  for (const file of setAside) console.log(`  kept what was there as ${file}`);
  console.log("  npm start replays the backup's write-ahead log and opens the inbox as it was then");
  return 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
