// Snooze: the team puts a conversation out of the way until a time, or until the guest replies. It is a
// conversation-level state like no_reply_needed, shared by every staff member, but local to Bellhop
// (Booking.com has no snooze), so no outbound job carries it anywhere. Updating the row fires the change
// trigger: every open inbox hears it at once.
// It ends by itself: a stored guest message clears it (lib/sync/store-queue.ts, store-messages.ts), a
// passed snoozed_until counts as over in every query (lib/inbox/list-conversations.ts snoozedSql) and is
// cleared by the worker (lib/sync/snooze-wake.ts). A staff reply does not end it.
import { AppError } from "../api/errors";
import type { Viewer } from "../auth/guard";
import { db } from "../db";
import { findScopedConversation } from "./get-conversation";
import type { Snooze } from "./schemas";
import { snoozeUntilProblem } from "./snooze-window";

/** `until`: an ISO date-time (already shape-checked by snoozeBody), or null for "until the guest replies". */
export async function snoozeConversation(viewer: Viewer, conversationId: string, input: { until: string | null }): Promise<{ snooze: Snooze }> {
  const until = input.until === null ? null : new Date(input.until);
  const problem = until === null ? null : snoozeUntilProblem(until, new Date());
  if (problem !== null) throw new AppError("validation_failed", `Cannot snooze: ${problem}`, { until: problem });
  const conversation = await findScopedConversation(viewer, conversationId);
  // A new snooze replaces the one before (another time, another author).
  await db().conversation.update({ where: { id: conversation.id }, data: { snoozedAt: new Date(), snoozedUntil: until, snoozedById: viewer.id } });
  return { snooze: { until: until?.toISOString() ?? null, by: viewer.name } };
}

/** Wakes it now. Unsnoozing a conversation that is not snoozed changes nothing (and notifies nobody). */
export async function unsnoozeConversation(viewer: Viewer, conversationId: string): Promise<{ snooze: null }> {
  const conversation = await findScopedConversation(viewer, conversationId);
  await db().conversation.updateMany({ where: { id: conversation.id, snoozedAt: { not: null } }, data: { snoozedAt: null, snoozedUntil: null, snoozedById: null } });
  return { snooze: null };
}
