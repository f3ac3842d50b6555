// Whether pollers are running, for the admin health page and /api/health. The web process runs no
// poller, so the answer comes from Postgres: pg_locks shows which session holds each connection's
// advisory lock (any instance). `heldByThisProcess` is true only inside a worker that holds it.
import { db } from "../db";
import { LOCK_NAMESPACE, lockKey } from "./poller-lock";

const heldHere = new Set<string>();

export function markPollerLock(connectionId: string, held: boolean): void {
  if (held) heldHere.add(connectionId);
  else heldHere.delete(connectionId);
}

export interface PollerStatus {
  connectionId: string;
  name: string;
  enabled: boolean;
  /** Some instance holds the poller lock (a poller is running). */
  pollerRunning: boolean;
  /** Postgres backend pid of the holder's lock session, for diagnostics. */
  holderPid: number | null;
  heldByThisProcess: boolean;
}

export async function pollerStatus(): Promise<PollerStatus[]> {
  const connections = await db().bookingConnection.findMany({ select: { id: true, name: true, enabled: true }, orderBy: { createdAt: "asc" } });
  // Advisory locks with two int4 keys show classid = key1 and objid = key2 (as oid, i.e. unsigned).
  const held = await db().$queryRawUnsafe<{ objid: string; pid: number }[]>(
    `SELECT objid::text AS objid, pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid = $1::int::oid`,
    LOCK_NAMESPACE.poller,
  );
  const holder = new Map(held.map((row) => [Number(row.objid), row.pid]));
  return connections.map((connection) => {
    const pid = holder.get(lockKey(connection.id) >>> 0) ?? null;
    return {
      connectionId: connection.id,
      name: connection.name,
      enabled: connection.enabled,
      pollerRunning: pid !== null,
      holderPid: pid,
      heldByThisProcess: heldHere.has(connection.id),
    };
  });
}
