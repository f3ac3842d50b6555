// A small plain `pg` pool for the sync engine's hottest path (storing a queue batch): one BEGIN, one
// statement, COMMIT, with no ORM between the worker and Postgres. Everything else uses Prisma (lib/db.ts).
// Idle connections do not keep the process alive, so scripts and tests exit without closing it.
import pg from "pg";
import { serverEnv } from "../env";

const holder = globalThis as unknown as { bellhopSyncPool?: { url: string; pool: pg.Pool } };

export function syncPool(): pg.Pool {
  const url = serverEnv().DATABASE_URL;
  if (holder.bellhopSyncPool?.url === url) return holder.bellhopSyncPool.pool;
  const pool = new pg.Pool({ connectionString: url, max: 4, application_name: "bellhop-sync-store", allowExitOnIdle: true, idleTimeoutMillis: 30_000 });
  // An idle connection that dies (database restart) is dropped by the pool; the next query opens a new one.
  pool.on("error", () => undefined);
  holder.bellhopSyncPool = { url, pool };
  return pool;
}

/**
 * Runs `work` in one transaction on one pooled connection. Resolves only after COMMIT returned, i.e. the
 * data is durable; any failure (including of COMMIT itself) rejects, and the caller must then not confirm.
 */
export async function inSyncTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await syncPool().connect();
  let broken = false;
  try {
    await client.query("BEGIN");
    const value = await work(client);
    await client.query("COMMIT");
    return value;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
