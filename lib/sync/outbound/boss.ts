// pg-boss carries outbound actions to the worker. The OutboundAction row (written first, in the same
// transaction as the reply's Message) is the source of truth; the pg-boss job only says "work on action
// X now" and brings retries with backoff. So:
// - The web process creates a lazy singleton with no supervision, maintenance or scheduling: it only
//   `send`s (pg-boss installs/migrates its schema on first start, under its own advisory lock).
// - The worker process runs the same singleton with supervision (expiry, retention) and `work`s.
// - A job is sent after the action's transaction commits. If that send is lost (crash in between), the
//   worker's housekeeping re-sends actions left queued (see sweepStaleActions in worker.ts); executing an
//   action twice is harmless because execution first claims the row (state queued → running).
import PgBoss from "pg-boss";
import { isDatabaseUnavailable, markPgConnectionFailure } from "../../api/database-unavailable";
import { serverEnv } from "../../env";
import { syncConfig } from "../config";

export const OUTBOUND_QUEUE = "bellhop-outbound";

/**
 * pg-boss reports each of its pooled connections that the database drops (a restart, a shutdown): one
 * line per connection, a handful each time. It reconnects by itself, so a lost database is one line,
 * and the next loss is reported again once pg-boss has worked since (a send went through) or a minute
 * has passed. Anything else is reported every time.
 */
class BossErrorLog {
  private connectionLossReportedAt: number | null = null;

  report(role: BossRole, error: Error): void {
    const prefix = role === "worker" ? "[bellhop-worker] pg-boss:" : "[bellhop] pg-boss:";
    // pg-boss talks only to the database, so pg's connection errors here are about it (lib/sql-pool.ts).
    if (isDatabaseUnavailable(markPgConnectionFailure(error))) {
      const now = Date.now();
      if (this.connectionLossReportedAt !== null && now - this.connectionLossReportedAt < 60_000) return;
      this.connectionLossReportedAt = now;
      console.error(`${prefix} lost its database connections (${error.message}); it reconnects by itself`);
      return;
    }
    console.error(prefix, error.message);
  }

  worked(): void {
    this.connectionLossReportedAt = null;
  }
}
const bossErrors = new BossErrorLog();

export interface OutboundJobData {
  actionId: string;
}

type BossRole = "web" | "worker";

const holder = globalThis as unknown as { bellhopBoss?: { role: BossRole; boss: Promise<PgBoss>; url: string } };

/** The process's pg-boss. The first caller decides the role (the worker calls with "worker" at start). */
export function outboundBoss(role: BossRole = "web"): Promise<PgBoss> {
  const url = serverEnv().DATABASE_URL;
  if (holder.bellhopBoss && holder.bellhopBoss.url === url) return holder.bellhopBoss.boss;
  const boss = (async () => {
    const instance = new PgBoss({
      connectionString: url,
      application_name: `bellhop-boss-${role}`,
      max: role === "worker" ? 6 : 3,
      supervise: role === "worker",
      schedule: false,
      migrate: true,
    });
    instance.on("error", (error) => bossErrors.report(role, error));
    await instance.start();
    await createOutboundQueue(instance);
    return instance;
  })();
  holder.bellhopBoss = { role, boss, url };
  boss.catch(() => {
    if (holder.bellhopBoss?.boss === boss) holder.bellhopBoss = undefined;
  });
  return boss;
}

/**
 * Two processes starting at once on a database without the queue (two workers of a fresh deployment)
 * can deadlock in createQueue, which creates the queue's partition table: Postgres aborts one of them
 * (40P01) and the worker would exit. createQueue does nothing when the queue exists, so the aborted one
 * retries and finds the queue the other made.
 */
async function createOutboundQueue(boss: PgBoss): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await boss.createQueue(OUTBOUND_QUEUE);
      return;
    } catch (error) {
      const deadlock = typeof error === "object" && error !== null && "code" in error && error.code === "40P01";
      if (!deadlock || attempt >= 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    }
  }
}

export async function stopOutboundBoss(): Promise<void> {
  const current = holder.bellhopBoss;
  holder.bellhopBoss = undefined;
  if (!current) return;
  const boss = await current.boss.catch(() => null);
  await boss?.stop({ graceful: true, timeout: 5_000, wait: true });
}

/**
 * Asks the worker to execute these actions, at once or (a reply sent later) not before `startAfter`.
 * Never throws: a lost send is repaired by housekeeping.
 */
export async function dispatchOutbound(actionIds: readonly string[], startAfter?: Date): Promise<void> {
  if (actionIds.length === 0) return;
  const config = syncConfig();
  try {
    const boss = await outboundBoss();
    for (const actionId of actionIds) {
      const data: OutboundJobData = { actionId };
      await boss.send(OUTBOUND_QUEUE, data, {
        retryLimit: config.SYNC_OUTBOUND_RETRY_LIMIT,
        retryDelay: config.SYNC_OUTBOUND_RETRY_DELAY_SECONDS,
        retryBackoff: true,
        expireInSeconds: 10 * 60,
        ...(startAfter ? { startAfter } : {}),
      });
    }
    bossErrors.worked();
  } catch (error) {
    console.error("[bellhop] could not dispatch outbound actions (housekeeping will retry):", error instanceof Error ? error.message : error);
  }
}
