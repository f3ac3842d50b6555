// The sync worker: everything that talks to Booking.com on its own schedule, in one process.
//   - per enabled connection, a poller loop that first takes the connection's advisory lock (hot standby:
//     retried every ~2 s, so another instance takes over within seconds when the holder dies), then reads
//     the queue again at once while messages keep coming, else sleeps the poll interval (or until
//     "Sync now" sends NOTIFY bellhop_sync_now); the lock holder also runs reconciliation when it is due;
//   - outbound jobs from pg-boss (several concurrent workers on the one queue);
//   - housekeeping: pending/interrupted backfills (one property at a time, under a backfill lock),
//     outbound actions whose job was lost or whose worker died mid-run, and snoozes whose time has come
//     (cleared so that open inboxes hear it; queries already treat them as over, see snooze-wake.ts),
//     and images uploaded for a reply that never went, once abandoned (abandoned-uploads.ts).
// stop(): finishes the current poll pass (its transaction and confirm), releases the locks, stops pg-boss.
import pg from "pg";
import { z } from "zod";
import { db } from "../db";
import { deleteAbandonedUploads } from "./abandoned-uploads";
import { runBackfill } from "./backfill";
import { pollIntervalMs, syncConfig } from "./config";
import { FailureLog } from "./failure-log";
import { dispatchOutbound, OUTBOUND_QUEUE, outboundBoss, stopOutboundBoss } from "./outbound/boss";
import { executeOutboundAction } from "./outbound/execute";
import { LockSession } from "./poller-lock";
import { PollerLockLostError, pollOnce } from "./queue-poller";
import { reconcileConnection } from "./reconcile";
import { wakeExpiredSnoozes } from "./snooze-wake";
import { markPollerLock } from "./status";
import { SYNC_NOW_CHANNEL } from "./sync-pass";

export interface WorkerOptions {
  databaseUrl: string;
  log?: (line: string) => void;
  /** Concurrent outbound executions in this process. */
  outboundConcurrency?: number;
  /** How often a standby retries the poller lock (ms). */
  lockRetryMs?: number;
  /** false: no outbound jobs in this worker (e.g. a test of the pollers alone). */
  runOutbound?: boolean;
}

export interface WorkerHandle {
  stop(): Promise<void>;
  holdsPollerLock(connectionId: string): boolean;
}

const jobDataSchema = z.object({ actionId: z.uuid() });

export async function startWorker(options: WorkerOptions): Promise<WorkerHandle> {
  const log = options.log ?? ((line: string) => console.log(`[bellhop-worker] ${line}`));
  const failures = new FailureLog(log);
  const config = syncConfig();
  const locks = new LockSession(options.databaseUrl, `bellhop-worker-${process.pid}`);
  const lockRetryMs = options.lockRetryMs ?? 2_000;
  let stopping = false;
  const pollers = new Map<string, PollerLoop>();

  // Wake-ups for "Sync now".
  const listener = new pg.Client({ connectionString: options.databaseUrl, application_name: "bellhop-worker-listen" });
  listener.on("error", () => undefined);
  await listener.connect();
  await listener.query(`LISTEN ${SYNC_NOW_CHANNEL}`);
  listener.on("notification", (notification) => {
    if (notification.payload) pollers.get(notification.payload)?.wake();
  });

  const runOutbound = options.runOutbound ?? true;
  const boss = runOutbound ? await outboundBoss("worker") : null;
  for (let i = 0; boss && i < (options.outboundConcurrency ?? 4); i++) {
    await boss.work(OUTBOUND_QUEUE, { includeMetadata: true, batchSize: 1, pollingIntervalSeconds: 0.5 }, async (jobs) => {
      for (const job of jobs) {
        const data = jobDataSchema.parse(job.data);
        // Held while executing: housekeeping can tell an action whose worker died from a slow one.
        if (!(await locks.tryAcquire("outbound", data.actionId))) continue;
        try {
          await executeOutboundAction(data.actionId, { retryCount: job.retryCount, retryLimit: job.retryLimit });
        } finally {
          await locks.release("outbound", data.actionId);
        }
      }
    });
  }

  let backfillRunning: Promise<void> | null = null;
  async function housekeeping(): Promise<void> {
    const connections = await db().bookingConnection.findMany({ where: { enabled: true }, select: { id: true } });
    const wanted = new Set(connections.map((connection) => connection.id));
    for (const id of wanted) {
      if (!pollers.has(id)) {
        const loop = new PollerLoop(id, locks, log, failures, lockRetryMs);
        pollers.set(id, loop);
        loop.start();
      }
    }
    for (const [id, loop] of pollers) {
      if (!wanted.has(id)) {
        pollers.delete(id);
        await loop.stop();
      }
    }
    backfillRunning ??= runPendingBackfills(locks, log, failures, () => stopping).finally(() => {
      backfillRunning = null;
    });
    await wakeExpiredSnoozes();
    await deleteAbandonedUploads();
    if (runOutbound) await sweepStaleActions(locks);
  }

  const tick = async () => {
    if (stopping) return;
    try {
      await housekeeping();
      failures.succeeded();
    } catch (error) {
      failures.failed("housekeeping", error);
    }
    if (!stopping) timer = setTimeout(() => void tick(), config.SYNC_HOUSEKEEPING_SECONDS * 1000);
  };
  let timer: NodeJS.Timeout | undefined;
  await tick();
  log("started");

  return {
    holdsPollerLock: (connectionId) => locks.holds("poller", connectionId),
    async stop() {
      if (stopping) return;
      stopping = true;
      if (timer) clearTimeout(timer);
      await Promise.all([...pollers.values()].map((loop) => loop.stop()));
      await backfillRunning?.catch(() => undefined);
      if (runOutbound) await stopOutboundBoss();
      await listener.end().catch(() => undefined);
      await locks.close();
      log("stopped");
    },
  };
}

class PollerLoop {
  private stopped = false;
  private running: Promise<void> | null = null;
  private wakeUp: (() => void) | null = null;

  constructor(
    private readonly connectionId: string,
    private readonly locks: LockSession,
    private readonly log: (line: string) => void,
    private readonly failures: FailureLog,
    private readonly lockRetryMs: number,
  ) {}

  start(): void {
    this.running = this.loop();
  }

  wake(): void {
    this.wakeUp?.();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.wake();
    await this.running;
    await this.locks.release("poller", this.connectionId);
    markPollerLock(this.connectionId, false);
  }

  private async loop(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      try {
        if (!(await this.locks.stillHolds("poller", this.connectionId))) {
          markPollerLock(this.connectionId, false);
          if (!(await this.locks.tryAcquire("poller", this.connectionId))) {
            await this.sleep(this.lockRetryMs);
            continue;
          }
          this.log(`holds the poller lock of connection ${this.connectionId}`);
          markPollerLock(this.connectionId, true);
        }
        const outcome = await pollOnce(this.connectionId, { stillAllowed: () => this.locks.stillHolds("poller", this.connectionId) });
        failures = 0;
        this.failures.succeeded();
        if (outcome.read > 0) continue; // more may be waiting: read again at once
        await this.reconcileIfDue();
        const connection = await db().bookingConnection.findUnique({ where: { id: this.connectionId }, select: { pollIntervalSeconds: true } });
        await this.sleep(pollIntervalMs(connection?.pollIntervalSeconds ?? 60));
      } catch (error) {
        failures++;
        if (!(error instanceof PollerLockLostError)) this.failures.failed(`poll of ${this.connectionId}`, error);
        await this.sleep(Math.min(60_000, 500 * 2 ** Math.min(failures, 7)));
      }
    }
  }

  private async reconcileIfDue(): Promise<void> {
    const connection = await db().bookingConnection.findUnique({ where: { id: this.connectionId }, select: { lastReconcileAt: true } });
    const dueMs = syncConfig().SYNC_RECONCILE_MINUTES * 60_000;
    if (connection?.lastReconcileAt && Date.now() - connection.lastReconcileAt.getTime() < dueMs) return;
    try {
      const outcome = await reconcileConnection(this.connectionId);
      // "Not yet delivered", not "lost": the queue may still deliver a message reconciliation stored
      // first (a benign race the unique key absorbs), so this counts no loss by itself.
      const checked = `${outcome.conversationsChecked} ${outcome.conversationsChecked === 1 ? "conversation" : "conversations"} checked`;
      const stored = `${outcome.inserted} ${outcome.inserted === 1 ? "message" : "messages"} stored that the queue had not delivered yet`;
      this.log(`reconciled ${this.connectionId}: ${checked}, ${stored}`);
    } catch (error) {
      this.failures.failed(`reconciliation of ${this.connectionId}`, error);
    }
  }

  private sleep(ms: number): Promise<void> {
    if (this.stopped) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wakeUp = done;
    });
  }
}

async function runPendingBackfills(locks: LockSession, log: (line: string) => void, failures: FailureLog, stopping: () => boolean): Promise<void> {
  // A failed backfill resumes from its cursor, so retrying costs little: once a minute, so that a
  // passing outage or a corrected password heals without anyone pressing "Re-import".
  const retryFailedBefore = new Date(Date.now() - 60_000);
  const properties = await db().property.findMany({
    where: {
      enabled: true,
      connection: { enabled: true },
      OR: [{ backfillState: { in: ["pending", "running"] } }, { backfillState: "failed", updatedAt: { lt: retryFailedBefore } }],
    },
    select: { id: true },
    orderBy: { createdAt: "asc" },
  });
  for (const property of properties) {
    if (stopping()) return;
    if (!(await locks.tryAcquire("backfill", property.id))) continue;
    try {
      log(`backfilling property ${property.id}`);
      const outcome = await runBackfill(property.id);
      log(`backfilled property ${property.id}: ${outcome.conversations} conversations, ${outcome.messages} messages`);
    } catch (error) {
      failures.failed(`backfill of property ${property.id}`, error);
    } finally {
      await locks.release("backfill", property.id);
    }
  }
}

/**
 * Re-dispatches actions whose job was lost (crash between commit and send) and actions left `running`
 * by a worker that died (no session holds the action's execution lock any more). A reply found this
 * way is in `sending` or `unknown`, so its next attempt looks for it at Booking.com before posting.
 */
async function sweepStaleActions(locks: LockSession): Promise<void> {
  const now = Date.now();
  const running = await db().outboundAction.findMany({ where: { state: "running", updatedAt: { lt: new Date(now - 5_000) } }, select: { id: true }, take: 500 });
  const alive = await locks.heldAnywhere("outbound", running.map((action) => action.id));
  const orphaned = running.map((action) => action.id).filter((id) => !alive.has(id));
  if (orphaned.length > 0) {
    await db().outboundAction.updateMany({ where: { id: { in: orphaned }, state: "running" }, data: { state: "queued" } });
  }
  const stale = await db().outboundAction.findMany({
    // A reply sent later is not stale before its time (its job waits in pg-boss until then).
    where: {
      state: "queued",
      OR: [{ updatedAt: { lt: new Date(now - 30_000) } }, { id: { in: orphaned } }],
      AND: [{ OR: [{ runAfter: null }, { runAfter: { lte: new Date(now) } }] }],
    },
    select: { id: true },
    take: 500,
  });
  if (stale.length === 0) return;
  const live = await db().$queryRawUnsafe<{ action_id: string }[]>(
    `SELECT data->>'actionId' AS action_id FROM pgboss.job
      WHERE name = $1 AND state IN ('created', 'retry') AND data->>'actionId' = ANY($2::text[])`,
    OUTBOUND_QUEUE,
    stale.map((action) => action.id),
  );
  const hasJob = new Set(live.map((row) => row.action_id));
  await dispatchOutbound(stale.map((action) => action.id).filter((id) => !hasJob.has(id)));
}
