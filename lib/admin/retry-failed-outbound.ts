// Retrying a failed outbound action or reply from the sync health page. The sync engine owns the
// "never send twice" logic (an ambiguous send is looked for at Booking.com before posting again).
import type { Viewer } from "../auth/guard";
import { db } from "../db";
import { retryOutbound } from "../sync/outbound/enqueue";
import { recordAudit } from "./record-audit";

export async function retryFailedOutbound(viewer: Viewer, input: { actionId?: string; messageId?: string }): Promise<{ actionId: string }> {
  const result = await retryOutbound({ viewer, ...input });
  await recordAudit(db(), viewer, { action: "outbound.retry", targetType: "outbound_action", targetId: result.actionId, after: { ...input } });
  return result;
}
