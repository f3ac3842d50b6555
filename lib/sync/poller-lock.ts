// Exactly one poller per Booking.com connection across every running instance, one backfill per
// property, and a marker on each outbound action being executed (so a dead worker's action is seen): Postgres session-level advisory locks held on ONE dedicated connection per process (not a
// pooled one: a pool would hand the session, and the lock, to some other query). If the process dies,
// Postgres ends the session and releases the lock at once, and a hot standby takes over on its next try.
//
// Keys: pg_try_advisory_lock(int4 namespace, int4 key). The namespace separates pollers from backfills
// and from anything else using advisory locks; the key is the first 32 bits of sha256(id).
import { createHash } from "node:crypto";
import pg from "pg";
import { markPgConnectionFailure } from "../api/database-unavailable";

export const LOCK_NAMESPACE = { poller: 0x62_6c_70_01, backfill: 0x62_6c_70_02, outbound: 0x62_6c_70_03 } as const; // "blp" + kind
export type LockKind = keyof typeof LOCK_NAMESPACE;

export function lockKey(id: string): number {
  return createHash("sha256").update(id).digest().readInt32BE(0);
}

export class LockSession {
  private client: pg.Client | null = null;
  private connecting: Promise<pg.Client> | null = null;
  private readonly held = new Set<string>();
  private lost = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly applicationName = "bellhop-sync-locks",
  ) {}

  /** Tries once; true when this process now holds the lock (or already did). */
  async tryAcquire(kind: LockKind, id: string): Promise<boolean> {
    const name = `${kind}:${id}`;
    const client = await this.session();
    if (this.held.has(name)) return true;
    const { rows } = await this.serially(() =>
      client.query<{ locked: boolean }>("SELECT pg_try_advisory_lock($1::int, $2::int) AS locked", [LOCK_NAMESPACE[kind], lockKey(id)]),
    );
    const locked = rows[0]?.locked === true;
    if (locked) this.held.add(name);
    return locked;
  }

  async release(kind: LockKind, id: string): Promise<void> {
    const name = `${kind}:${id}`;
    const client = this.client;
    if (!this.held.delete(name) || !client) return;
    await this.serially(() => client.query("SELECT pg_advisory_unlock($1::int, $2::int)", [LOCK_NAMESPACE[kind], lockKey(id)])).catch(() => undefined);
  }

  holds(kind: LockKind, id: string): boolean {
    return !this.lost && this.held.has(`${kind}:${id}`);
  }

  /**
   * Proves the session (and so every lock on it) is still alive. Called before each queue confirm: if
   * the session died, another instance may be polling and a second confirm would drop messages.
   */
  async stillHolds(kind: LockKind, id: string): Promise<boolean> {
    const client = this.client;
    if (!this.holds(kind, id) || !client) return false;
    try {
      await this.serially(() => client.query("SELECT 1"));
      return this.holds(kind, id);
    } catch {
      this.markLost();
      return false;
    }
  }

  /** Ends the session: every lock is released by Postgres. */
  async close(): Promise<void> {
    const client = this.client;
    this.client = null;
    this.held.clear();
    if (client) await client.end().catch(() => undefined);
  }

  private markLost(): void {
    this.lost = true;
    this.held.clear();
    const client = this.client;
    this.client = null;
    void client?.end().catch(() => undefined);
  }

  /** Whether ANY session holds this lock (pg_locks), e.g. to tell a dead worker's action from a slow one. */
  async heldAnywhere(kind: LockKind, ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const client = await this.session();
    const { rows } = await this.serially(() =>
      client.query<{ objid: string }>(
        "SELECT objid::text AS objid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid = $1::int::oid",
        [LOCK_NAMESPACE[kind]],
      ),
    );
    const held = new Set(rows.map((row) => Number(row.objid)));
    return new Set(ids.filter((id) => held.has(lockKey(id) >>> 0)));
  }

  // One query at a time on the session, whichever poller or job asks: pg 8 still queues concurrent
  // queries on one client itself, but deprecates it (pg 9 will refuse).
  private tail: Promise<unknown> = Promise.resolve();
  private serially<T>(run: () => Promise<T>): Promise<T> {
    const result = this.tail.then(run, run).catch((error: unknown) => {
      throw markPgConnectionFailure(error);
    });
    this.tail = result.catch(() => undefined);
    return result;
  }

  private async session(): Promise<pg.Client> {
    if (this.client) return this.client;
    this.connecting ??= (async () => {
      const client = new pg.Client({ connectionString: this.databaseUrl, application_name: this.applicationName, keepAlive: true });
      client.on("error", () => this.markLost());
      client.on("end", () => {
        if (this.client === client) this.markLost();
      });
      // Marked, so the worker logs a database outage once rather than every failed attempt (worker.ts).
      await client.connect().catch((error: unknown) => {
        throw markPgConnectionFailure(error);
      });
      this.lost = false;
      this.client = client;
      return client;
    })().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }
}
