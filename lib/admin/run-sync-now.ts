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
  if (!connection) throw new AppError("not_found", "No such connection.");
  if (!connection.enabled) throw new AppError("conflict", "This connection is disabled. Enable it first.");
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
  if (error instanceof ConnectionConfigError || error instanceof SecretDecryptionError) return new AppError("unprocessable", error.message);
  if (isBookingApiError(error)) {
    if (error.kind === "authentication" || error.kind === "forbidden") {
      return new AppError("unprocessable", `Booking.com refused this connection (${error.message}). Check its credentials and the properties it may access.`);
    }
    return new AppError("upstream_unavailable", `Booking.com did not answer (${error.message}). Nothing is lost: the sync worker keeps reading the queue on its own.`);
  }
  console.error("[bellhop] sync now failed", error);
  return new AppError("internal", "The sync pass failed. It has been logged.");
}
