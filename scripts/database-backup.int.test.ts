// `npm run backup` / `npm run restore` against real embedded Postgres clusters of their own (not the
// tier's shared one): a backup taken while the app writes must restore to a database that starts and
// holds every row committed before the backup began, none of them torn, as on a new machine.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { makeTempDir, startEmbeddedPostgres, type RunningDatabase } from "./database";
import { backupDatabase, postgresUser, readBackupManifest, restoreBackup } from "./database-backup";

const running: RunningDatabase[] = [];
const roots: string[] = [];

afterEach(async () => {
  for (const database of running.splice(0)) await database.stop();
  for (const root of roots.splice(0)) fs.rmSync(root, { recursive: true, force: true });
});

async function cluster(dir: string): Promise<{ database: RunningDatabase; client: pg.Client }> {
  const database = await startEmbeddedPostgres({ dir, port: 0, persistent: true });
  running.push(database);
  const client = new pg.Client({ connectionString: database.url });
  client.on("error", () => undefined);
  await client.connect();
  return { database, client };
}

/** As Postgres runs under root: the restored files must belong to its user. */
const owner = () => (process.getuid?.() === 0 ? (postgresUser() ?? undefined) : undefined);

describe("backup and restore of the embedded Postgres", () => {
  it("a backup taken while rows are written and rewritten restores, on another machine, to a database that starts with every row committed before it began, none torn", async () => {
    const root = makeTempDir("bellhop-backup-test-");
    roots.push(root);
    const secretsDir = path.join(root, "data");
    const dataDir = path.join(secretsDir, "pg");
    fs.mkdirSync(secretsDir, { recursive: true });
    fs.writeFileSync(path.join(secretsDir, "secrets-key"), "k".repeat(44));
    fs.writeFileSync(path.join(secretsDir, "auth-secret"), "a".repeat(43));

    const source = await cluster(dataDir);
    await source.client.query("create table guest_messages (id bigserial primary key, body text not null, checksum text not null)");
    // About 20 MB, so the copy takes long enough for the writer below to change pages under it.
    await source.client.query("insert into guest_messages (body, checksum) select b, md5(b) from (select repeat('Is breakfast included? ', 40) || i as b from generate_series(1, 20000) i) s");

    // The app goes on writing during the backup: new rows, and old ones rewritten (a torn page would
    // show as a body whose checksum no longer matches, or as a row lost).
    const writer = new pg.Client({ connectionString: source.database.url });
    await writer.connect();
    let writing = true;
    let committed = 0;
    const writes = (async () => {
      for (let round = 0; writing; round++) {
        await writer.query("insert into guest_messages (body, checksum) select b, md5(b) from (select 'written during the backup ' || $1::int || '.' || i as b from generate_series(1, 50) i) s", [round]);
        await writer.query("update guest_messages set body = body || '!', checksum = md5(body || '!') where id % 500 = $1::int % 500", [round]);
        committed++;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = Number((await source.client.query<{ n: string }>("select count(*) as n from guest_messages")).rows[0]!.n);

    const target = path.join(root, "backup");
    const manifest = await backupDatabase({ url: source.database.url, dataDir, secretsDir, target });
    writing = false;
    await writes;
    await writer.end();
    const after = Number((await source.client.query<{ n: string }>("select count(*) as n from guest_messages")).rows[0]!.n);
    // The backup's replication slot was temporary: it ended with its session, and holds no WAL back.
    expect((await source.client.query("select slot_name from pg_replication_slots")).rows).toEqual([]);
    await source.client.end();
    expect(committed).toBeGreaterThan(0);
    expect(manifest).toMatchObject({ format: 1, postgresVersion: "18" });
    expect(readBackupManifest(target)).toEqual(manifest);

    // Another machine: nothing there but the backup.
    const elsewhere = path.join(root, "elsewhere");
    const restored = restoreBackup({ from: target, dataDir: path.join(elsewhere, "pg"), secretsDir: elsewhere, owner: owner() });
    expect(restored.setAside).toEqual([]);
    expect(fs.readFileSync(path.join(elsewhere, "secrets-key"), "utf8")).toBe("k".repeat(44));
    expect(fs.readFileSync(path.join(elsewhere, "auth-secret"), "utf8")).toBe("a".repeat(43));

    const { client } = await cluster(path.join(elsewhere, "pg"));
    const rows = Number((await client.query<{ n: string }>("select count(*) as n from guest_messages")).rows[0]!.n);
    expect(rows).toBeGreaterThanOrEqual(before);
    expect(rows).toBeLessThanOrEqual(after);
    expect(rows % 50).toBe(20000 % 50); // whole transactions only
    const torn = await client.query("select id from guest_messages where checksum <> md5(body)");
    expect(torn.rows).toEqual([]);
    // The index and the table agree (a page restored from a torn copy would not).
    await client.query("set enable_indexscan = off; set enable_bitmapscan = off; set enable_indexonlyscan = off");
    const bySequentialScan = Number((await client.query<{ n: string }>("select count(*) as n from guest_messages where id > 0")).rows[0]!.n);
    await client.query("reset enable_indexscan; reset enable_bitmapscan; reset enable_indexonlyscan; set enable_seqscan = off");
    const byIndex = Number((await client.query<{ n: string }>("select count(*) as n from guest_messages where id > 0")).rows[0]!.n);
    expect([bySequentialScan, byIndex]).toEqual([rows, rows]);
    // And it takes new writes.
    await client.query("insert into guest_messages (body, checksum) values ('after the restore', md5('after the restore'))");
    await client.end();
  }, 120_000);

  it("a restore keeps what it replaces (renamed aside), and refuses a directory that is not a backup", async () => {
    const root = makeTempDir("bellhop-backup-test-");
    roots.push(root);
    const dataDir = path.join(root, "pg");
    const source = await cluster(dataDir);
    await source.client.query("create table marker (value text)");
    await source.client.query("insert into marker values ('from the backup')");
    const target = path.join(root, "backup");
    await backupDatabase({ url: source.database.url, dataDir, secretsDir: root, target });
    await expect(backupDatabase({ url: source.database.url, dataDir, secretsDir: root, target })).rejects.toThrow(/already exists/);
    await source.client.query("update marker set value = 'changed since'");
    await source.client.end();
    await running.pop()!.stop();

    expect(() => restoreBackup({ from: root, dataDir, secretsDir: root })).toThrow(/not a Bellhop backup/);
    const { setAside } = restoreBackup({ from: target, dataDir, secretsDir: root, owner: owner() });
    expect(setAside).toHaveLength(1);
    expect(setAside[0]).toMatch(/pg\.before-restore-/);
    expect(fs.existsSync(path.join(setAside[0]!, "PG_VERSION"))).toBe(true);

    const { client } = await cluster(dataDir);
    expect((await client.query("select value from marker")).rows).toEqual([{ value: "from the backup" }]);
    await client.end();
  }, 120_000);
});
