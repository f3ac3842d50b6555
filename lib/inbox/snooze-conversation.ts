// Snooze: the team puts a conversation out of the way until a time, or until the guest replies. It is a
// conversation-level state like no_reply_needed, shared by every staff member, but local to Bellhop
// (Booking.com has no snooze), so no outbound job carries it anywhere. Updating the row fires the change
// trigger: every open inbox hears it at once.
// It ends by itself: a stored guest message clears it (lib/sync/store-queue.ts, store-messages.ts), a
// passed snoozed_until counts as over in every query (lib/inbox/list-conversations.ts snoozedSql) and is
// cleared by the worker (lib/sync/snooze-wake.ts). A staff reply does not end it.
// Snoozing and waking by hand leave a line in the thread (conversation_activity); ending by itself does not.
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
  // A new snooze replaces the one before (another time, another author); the thread's activity says so.
  await db().$transaction([
    db().conversation.update({ where: { id: conversation.id }, data: { snoozedAt: new Date(), snoozedUntil: until, snoozedById: viewer.id } }),
    db().conversationActivity.create({ data: { conversationId: conversation.id, actorId: viewer.id, kind: "snoozed", until } }),
  ]);
  return { snooze: { until: until?.toISOString() ?? null, by: viewer.name } };
}

/** Wakes it now. Unsnoozing a conversation that is not snoozed changes nothing (and notifies nobody). */
export async function unsnoozeConversation(viewer: Viewer, conversationId: string): Promise<{ snooze: null }> {
  const conversation = await findScopedConversation(viewer, conversationId);
  // The activity is recorded only for a conversation still snoozed: one whose time has passed is awake
  // already (the row is merely not cleared yet), and nobody woke it.
  await db().$executeRaw`
    with target as (
      select id, (snoozed_until is null or snoozed_until > now()) as snoozed_now
      from conversations where id = ${conversation.id}::uuid and snoozed_at is not null for update
    ), woken as (
      update conversations c set snoozed_at = null, snoozed_until = null, snoozed_by = null
      from target t where c.id = t.id
      returning c.id, t.snoozed_now
    )
    insert into conversation_activity (conversation_id, actor_id, kind)
    select id, ${viewer.id}::uuid, 'unsnoozed' from woken where snoozed_now`;
  return { snooze: null };
}
