// "Sync now" and `npm run sync -- --once`: drain a connection's queue in this process, but only when no
// poller holds the connection's lock (two pollers confirming the same queue would drop messages). When
// a worker holds it, we ask that worker to poll at once instead (NOTIFY bellhop_sync_now).
import { db } from "../db";
import { serverEnv } from "../env";
import { LockSession } from "./poller-lock";
import { pollOnce, type PollOutcome } from "./queue-poller";
import { reconcileConnection, type ReconcileOutcome } from "./reconcile";

export const SYNC_NOW_CHANNEL = "bellhop_sync_now";

export type SyncPassResult =
  | { mode: "ran"; connectionId: string; polls: number; totals: Omit<PollOutcome, "confirmed"> & { confirmed: number }; reconcile?: ReconcileOutcome }
  | { mode: "notified"; connectionId: string };

export async function runSyncPass(connectionId: string, options: { reconcile?: boolean; maxPolls?: number } = {}): Promise<SyncPassResult> {
  const locks = new LockSession(serverEnv().DATABASE_URL, "bellhop-sync-pass");
  try {
    if (!(await locks.tryAcquire("poller", connectionId))) {
      await db().$executeRawUnsafe(`SELECT pg_notify('${SYNC_NOW_CHANNEL}', $1)`, connectionId);
      return { mode: "notified", connectionId };
    }
    const totals = { read: 0, inserted: 0, duplicates: 0, adopted: 0, skipped: 0, confirmed: 0, newConversations: 0, welcomes: 0 };
    let polls = 0;
    for (; polls < (options.maxPolls ?? 1_000); ) {
      const outcome = await pollOnce(connectionId, { stillAllowed: () => locks.stillHolds("poller", connectionId) });
      polls++;
      for (const key of Object.keys(totals) as (keyof typeof totals)[]) totals[key] += outcome[key];
      if (outcome.read === 0) break;
    }
    const reconcile = options.reconcile ? await reconcileConnection(connectionId) : undefined;
    return { mode: "ran", connectionId, polls, totals, ...(reconcile ? { reconcile } : {}) };
  } finally {
    await locks.close();
  }
}
