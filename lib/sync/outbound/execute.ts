// Executes one OutboundAction (called by the pg-boss worker with the job's retry metadata).
//   claim: state queued → running (atomic), so duplicate jobs for one action do nothing;
//   run the kind's executor;
//   success → succeeded; a retryable failure with attempts left → back to queued and rethrow (pg-boss
//   retries with backoff); a permanent failure or the last attempt → failed, with the API's message and
//   ruid, so staff can see why and retry.
import { isBookingApiError } from "../../booking/errors";
import { db } from "../../db";
import type { OutboundAction } from "../../generated/prisma/client";
import { refreshConversationSummaries } from "../conversation-summary";
import { apiReason, lastErrorColumns, PermanentOutboundError, RetryableOutboundError, sendErrorColumns, type FailureReason } from "./errors";
import { executeReply } from "./execute-reply";
import { executeTag } from "./execute-tags";

export interface AttemptInfo {
  /** pg-boss's retry count for this job (0 on the first run). */
  retryCount: number;
  retryLimit: number;
}

export type ExecuteOutcome = "succeeded" | "retrying" | "failed" | "skipped";

export async function executeOutboundAction(actionId: string, attempt: AttemptInfo): Promise<ExecuteOutcome> {
  // Not before its time (a reply sent later): a job that came early leaves it queued, and housekeeping
  // sends it again once it is due.
  const claimed = await db().outboundAction.updateMany({
    where: { id: actionId, state: "queued", OR: [{ runAfter: null }, { runAfter: { lte: new Date() } }] },
    data: { state: "running", attempts: { increment: 1 } },
  });
  if (claimed.count === 0) return "skipped";
  const action = await db().outboundAction.findUniqueOrThrow({ where: { id: actionId } });
  try {
    await runAction(action);
    await db().outboundAction.update({ where: { id: action.id }, data: { state: "succeeded", ...lastErrorColumns(null) } });
    return "succeeded";
  } catch (error) {
    const classified = classify(error);
    const lastAttempt = attempt.retryCount >= attempt.retryLimit;
    if (classified.retryable && !lastAttempt) {
      await db().outboundAction.update({ where: { id: action.id }, data: { state: "queued", ...lastErrorColumns(classified.reason, classified.ruid) } });
      throw error instanceof Error ? error : new Error(String(error));
    }
    await markFailed(action, classified.reason, classified.ruid);
    return "failed";
  }
}

async function runAction(action: OutboundAction): Promise<void> {
  switch (action.kind) {
    case "reply":
    case "welcome":
      return executeReply(action);
    case "set_no_reply_needed":
    case "clear_no_reply_needed":
    case "mark_read":
    case "mark_unread":
      return executeTag(action);
  }
}

function classify(error: unknown): { retryable: boolean; reason: FailureReason; ruid?: string } {
  if (error instanceof PermanentOutboundError) return { retryable: false, reason: error.reason, ruid: error.ruid };
  if (error instanceof RetryableOutboundError) return { retryable: true, reason: error.reason, ruid: error.ruid };
  if (isBookingApiError(error)) return { retryable: error.isTransient || error.ambiguous, reason: apiReason(error), ruid: error.ruid };
  // Our own failures (database hiccup): worth retrying. Their text stays as it came, in English.
  return { retryable: true, reason: error instanceof Error ? error.message : String(error) };
}

async function markFailed(action: OutboundAction, reason: FailureReason, ruid: string | undefined): Promise<void> {
  await db().$transaction(async (tx) => {
    await tx.outboundAction.update({ where: { id: action.id }, data: { state: "failed", ...lastErrorColumns(reason, ruid) } });
    if (action.messageId) {
      // An `unknown` reply stays unknown (it may have been sent); anything else not sent has failed.
      await tx.message.updateMany({
        where: { id: action.messageId, sendState: { in: ["queued", "sending"] } },
        data: { sendState: "failed", ...sendErrorColumns(reason) },
      });
      await tx.message.updateMany({ where: { id: action.messageId, sendState: "unknown" }, data: sendErrorColumns(reason) });
      await refreshConversationSummaries(tx, [action.conversationId]);
    }
    if (action.kind === "set_no_reply_needed" || action.kind === "clear_no_reply_needed") {
      // The thread says Booking.com did not take the mark (getConversation's noReplyNeededProblem):
      // touching the row announces it to every open inbox, as any change of the conversation is.
      await tx.conversation.update({ where: { id: action.conversationId }, data: { updatedAt: new Date() } });
    }
  });
}
