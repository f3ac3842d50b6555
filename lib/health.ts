// What /api/health reports. Unauthenticated on purpose (load balancers and `npm start` poll it), so
// it says only whether things work, never any data: the sync section has timestamps, counts and our
// own error text per connection, never credentials or message content.
import { Prisma } from "./generated/prisma/client";
import { queryRows } from "./sql-pool";
import { syncHealth, type ConnectionSyncHealth } from "./sync/health";

export type Health = {
  status: "ok" | "degraded";
  database: { status: "ok" | "unreachable"; latencyMs?: number; error?: string };
  sync?: { connections: ConnectionSyncHealth[] };
};

export async function checkHealth(): Promise<Health> {
  const started = performance.now();
  try {
    // Through the plain pool the inbox's hot paths use; its failure says why ("connect ECONNREFUSED …").
    await queryRows(Prisma.sql`select 1`);
  } catch (error) {
    return { status: "degraded", database: { status: "unreachable", error: error instanceof Error ? error.message.split("\n")[0] : "unknown error" } };
  }
  const database = { status: "ok" as const, latencyMs: Math.round(performance.now() - started) };
  try {
    return { status: "ok", database, sync: { connections: await syncHealth() } };
  } catch {
    // The sync report is informative; its failure must not make a working app look down.
    return { status: "ok", database };
  }
}
