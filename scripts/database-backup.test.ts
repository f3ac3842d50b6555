// Pruning old backups (`npm run backup -- --keep N`): only Bellhop backups are counted and deleted,
// newest kept by their manifests' times, whatever their directory names say.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { pruneBackups } from "./database-backup";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

function backupIn(root: string, name: string, createdAt: string) {
  fs.mkdirSync(path.join(root, name, "pg"), { recursive: true });
  fs.writeFileSync(path.join(root, name, "BACKUP.json"), JSON.stringify({ format: 1, createdAt, postgresVersion: "18", startLsn: "0/1", endLsn: "0/2" }));
}

describe("pruneBackups", () => {
  it("keeps the newest N backups by their manifests and leaves everything that is not a backup alone", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "bellhop-prune-"));
    dirs.push(root);
    // Names that sort the other way round from their times: the manifest decides.
    backupIn(root, "a-newest", "2026-11-22T03:00:00.000Z");
    backupIn(root, "b", "2026-11-21T03:00:00.000Z");
    backupIn(root, "c", "2026-11-20T03:00:00.000Z");
    backupIn(root, "d-oldest", "2026-11-19T03:00:00.000Z");
    fs.mkdirSync(path.join(root, "holiday-photos"));
    fs.mkdirSync(path.join(root, "broken"));
    fs.writeFileSync(path.join(root, "broken", "BACKUP.json"), "{ not json");
    fs.writeFileSync(path.join(root, "notes.txt"), "keep me");

    expect(pruneBackups(root, 2).map((full) => path.basename(full)).sort()).toEqual(["c", "d-oldest"]);
    expect(fs.readdirSync(root).sort()).toEqual(["a-newest", "b", "broken", "holiday-photos", "notes.txt"]);
    expect(pruneBackups(root, 2)).toEqual([]);
  });
});
