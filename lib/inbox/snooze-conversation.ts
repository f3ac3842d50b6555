// Snooze: the team puts a conversation out of the way until a time, or until the guest replies. It is a
// conversation-level state like no_reply_needed, shared by every staff member, but local to Bellhop
// (Booking.com has no snooze), so no outbound job carries it anywhere. Updating the row fires the change
// trigger: every open inbox hears it at once.
// It ends by itself: a stored guest message clears it (lib/sync/store-queue.ts, store-messages.ts), a
// passed snoozed_until counts as over in every query (lib/inbox/list-conversations.ts snoozedSql) and is
// cleared by the worker (lib/sync/snooze-wake.ts). A staff reply does not end it.
// Snoozing and waking by hand leave a line in the thread (conversation_activity), with its author; ending
// by itself leaves one without (snooze-wake.ts). A snooze whose time passed but that nobody cleared yet
// gets its "ended" line here when staff wake or re-snooze it, or it would never get one.
import { AppError, type ErrorWords } from "../api/errors";
import type { Viewer } from "../auth/guard";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { endedSnoozeActivitySql } from "../sync/snooze-wake";
import { conversationNotFound, findScopedConversation } from "./get-conversation";
import type { Snooze } from "./schemas";
import { snoozeUntilProblemKind } from "./snooze-window";
import { guestWroteSince, guestWroteSinceSql } from "./unseen-guest-message";

/**
 * The "snooze ended" line of a snooze in `target` whose time had passed before staff touched it: the
 * worker clears such snoozes (and writes this line) within seconds, but a click can come first.
 */
function endedSnoozeActivity(targetRows = "target"): Prisma.Sql {
  return Prisma.raw(endedSnoozeActivitySql(`(select id, snoozed_until from ${targetRows} where snoozed_until <= now()) expired`));
}

/**
 * `until`: an ISO date-time (already shape-checked by snoozeBody), or null for "until the guest replies".
 * `seenGuestMessageAt`: the newest guest message the page shows; when the guest has written since,
 * nothing is snoozed and the answer is a 409 (unseen-guest-message.ts).
 */
export async function snoozeConversation(viewer: Viewer, conversationId: string, input: { until: string | null; seenGuestMessageAt?: string | null }): Promise<{ snooze: Snooze }> {
  const until = input.until === null ? null : new Date(input.until);
  const problem = until === null ? null : snoozeUntilProblemKind(until, new Date());
  if (problem !== null) {
    const words: ErrorWords = { key: `snooze.${problem}` };
    throw AppError.worded("validation_failed", "snooze.refused", { values: { problem: words }, fields: { until: words } });
  }
  const conversation = await findScopedConversation(viewer, conversationId);
  const unseenGuestMessage = guestWroteSinceSql(Prisma.sql`c.id`, input.seenGuestMessageAt);
  // A new snooze replaces the one before (another time, another author); the thread's activity says so.
  // Checked and written in one statement, under the row lock.
  const [outcome] = await db().$queryRaw<{ fresh: boolean }[]>`
    with target as (
      select c.id, c.snoozed_until, not ${unseenGuestMessage} as fresh from conversations c where c.id = ${conversation.id}::uuid for update
    ), ended as (
      ${endedSnoozeActivity("(select * from target where fresh) fresh_target")}
    ), snoozed as (
      update conversations c set snoozed_at = now(), snoozed_until = ${until}, snoozed_by = ${viewer.id}::uuid, updated_at = now()
      from target t where c.id = t.id and t.fresh
      returning c.id
    ), line as (
      insert into conversation_activity (id, conversation_id, actor_id, kind, until)
      select gen_random_uuid(), id, ${viewer.id}::uuid, 'snoozed', ${until} from snoozed
    )
    select fresh from target`;
  if (!outcome) throw conversationNotFound(); // deleted since it was found
  if (!outcome.fresh) throw guestWroteSince("snooze");
  return { snooze: { until: until?.toISOString() ?? null, by: viewer.name } };
}

/** Wakes it now. Unsnoozing a conversation that is not snoozed changes nothing (and notifies nobody). */
export async function unsnoozeConversation(viewer: Viewer, conversationId: string): Promise<{ snooze: null }> {
  const conversation = await findScopedConversation(viewer, conversationId);
  // The activity is recorded only for a conversation still snoozed: one whose time has passed is awake
  // already (the row is merely not cleared yet), and nobody woke it.
  await db().$executeRaw`
    with target as (
      select id, snoozed_until, (snoozed_until is null or snoozed_until > now()) as snoozed_now
      from conversations where id = ${conversation.id}::uuid and snoozed_at is not null for update
    ), ended as (
      ${endedSnoozeActivity()}
    ), woken as (
      update conversations c set snoozed_at = null, snoozed_until = null, snoozed_by = null, updated_at = now()
      from target t where c.id = t.id
      returning c.id, t.snoozed_now
    )
    insert into conversation_activity (id, conversation_id, actor_id, kind)
    select gen_random_uuid(), id, ${viewer.id}::uuid, 'unsnoozed' from woken where snoozed_now`;
  return { snooze: null };
}
