// "Sync now": one pass of the sync engine for a connection. If a worker holds the connection's poller
// lock, the engine asks that worker to poll at once instead of polling beside it (see lib/sync/sync-pass.ts).
import { AppError } from "../api/errors";
import type { Viewer } from "../auth/guard";
import { isBookingApiError } from "../booking/errors";
import { db } from "../db";
import { SecretDecryptionError } from "../secrets";
import { ConnectionConfigError } from "../sync/connection-client";
import { runSyncPass, type SyncPassResult } from "../sync/sync-pass";
import { recordAudit } from "./record-audit";

export type SyncNowResult = { mode: "ran" | "notified"; message: string };

// A button press should answer within seconds; a deep backlog is the worker's job, not this request's.
const MAX_POLLS = 20;

export async function runSyncNow(viewer: Viewer, connectionId: string): Promise<SyncNowResult> {
  const connection = await db().bookingConnection.findUnique({ where: { id: connectionId }, select: { id: true, enabled: true } });
  if (!connection) throw AppError.worded("not_found", "connections.notFound");
  if (!connection.enabled) throw AppError.worded("conflict", "connections.disabled");
  let result: SyncPassResult;
  try {
    result = await runSyncPass(connectionId, { maxPolls: MAX_POLLS });
  } catch (error) {
    // The press is audited either way: a failed one is what an admin looks for afterwards.
    const failure = asAppError(error);
    await recordAudit(db(), viewer, { action: "connection.sync_now", targetType: "connection", targetId: connectionId, after: { mode: "failed", reason: failure.message } });
    throw failure;
  }
  await recordAudit(db(), viewer, { action: "connection.sync_now", targetType: "connection", targetId: connectionId, after: { mode: result.mode } });
  if (result.mode === "notified") return { mode: "notified", message: "The sync worker was asked to read the queue now." };
  const { read, inserted } = result.totals;
  return { mode: "ran", message: `Read the queue ${result.polls} time${result.polls === 1 ? "" : "s"}: ${read} message${read === 1 ? "" : "s"} received, ${inserted} new.` };
}

/**
 * Booking.com's failures are not Bellhop's: a 503 (or a 422 for credentials or access to fix) with what
 * Booking said, never a 500. Whatever was read before the failure is stored and confirmed already.
 */
function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  // The sync engine's own English (lib/sync/connection-client.ts, lib/secrets.ts), which the worker also logs.
  if (error instanceof ConnectionConfigError || error instanceof SecretDecryptionError) return new AppError("unprocessable", error.message);
  if (isBookingApiError(error)) {
    // What Booking.com said stays as it came: a value in the words.
    const values = { detail: error.message };
    if (error.kind === "authentication" || error.kind === "forbidden") return AppError.worded("unprocessable", "connections.refused", { values });
    return AppError.worded("upstream_unavailable", "connections.noAnswer", { values });
  }
  console.error("[bellhop] sync now failed", error);
  return AppError.worded("internal", "connections.syncFailed");
}
