// "Sync now": one pass of the sync engine for a connection. If a worker holds the connection's poller
// lock, the engine asks that worker to poll at once instead of polling beside it (see lib/sync/sync-pass.ts).
import { AppError } from "../api/errors";
import type { Viewer } from "../auth/guard";
import { db } from "../db";
import { runSyncPass } from "../sync/sync-pass";
import { recordAudit } from "./record-audit";

export type SyncNowResult = { mode: "ran" | "notified"; message: string };

// A button press should answer within seconds; a deep backlog is the worker's job, not this request's.
const MAX_POLLS = 20;

export async function runSyncNow(viewer: Viewer, connectionId: string): Promise<SyncNowResult> {
  const connection = await db().bookingConnection.findUnique({ where: { id: connectionId }, select: { id: true, enabled: true } });
  if (!connection) throw new AppError("not_found", "No such connection.");
  if (!connection.enabled) throw new AppError("conflict", "This connection is disabled. Enable it first.");
  const result = await runSyncPass(connectionId, { maxPolls: MAX_POLLS });
  await recordAudit(db(), viewer, { action: "connection.sync_now", targetType: "connection", targetId: connectionId, after: { mode: result.mode } });
  if (result.mode === "notified") return { mode: "notified", message: "The sync worker was asked to read the queue now." };
  const { read, inserted } = result.totals;
  return { mode: "ran", message: `Read the queue ${result.polls} time${result.polls === 1 ? "" : "s"}: ${read} message${read === 1 ? "" : "s"} received, ${inserted} new.` };
}
