// The worker's guard against one pg-boss fault during a database outage (see below).
import { isDatabaseUnavailable, markPgConnectionFailure } from "../api/database-unavailable";

/**
 * pg-boss 10.4.2 (the newest 10.x) does not await the complete() or fail() it calls after each job
 * (src/manager.js, watch → onFetch). When the database goes away at that moment, that rejection is
 * unhandled and Node ends the worker (seen in e2e/database-restart.spec.ts). It is harmless to go on:
 * a job left active is retried after its expiry, and executing an action again only finds it settled
 * (lib/sync/outbound/execute.ts claims queued → running). So a database outage is logged and the
 * worker carries on; any other unhandled rejection still ends it, as Node would.
 */
export function survivePgBossCompletionDuringOutage(reason: unknown): void {
  if (!isDatabaseUnavailable(markPgConnectionFailure(reason))) throw reason;
  console.error(`[bellhop-worker] pg-boss could not record a job's outcome (${reason instanceof Error ? reason.message : String(reason)}); the job is retried after it expires`);
}
