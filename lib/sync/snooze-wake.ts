// The sync engine's side of snooze (lib/inbox/snooze-conversation.ts): the two ways a snooze ends by
// itself, as writes, so that the change trigger tells every open inbox.
//   - a new guest message wakes its conversation, whatever the snooze's kind, in the transaction that
//     stores the message. The queue's fast path does it inside its one statement (store-queue.ts); the
//     full path calls wakeSnoozedConversations() with the conversations it inserted guest messages into
//     (store-messages.ts). Both only count rows their INSERT … ON CONFLICT DO NOTHING really inserted,
//     so a redelivered message never wakes a conversation snoozed after it was first stored.
//   - a snooze whose time has passed is already over for every query (snoozedSql() in
//     lib/inbox/list-conversations.ts); the worker's housekeeping clears it with wakeExpiredSnoozes(),
//     so the update's NOTIFY refreshes the open inboxes when it ends. Correctness never waits for it.
// Either way the thread gets a line with no actor, in the same statement as the clearing: "The guest
// wrote: the snooze ended", or "The snooze ended", dated at the snooze's own end (the worker may clear it
// seconds later; a guest message after that time finds a snooze that had already ended).
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";

type Tx = Prisma.TransactionClient;

/** SET clause that ends a snooze. */
const CLEAR_SNOOZE_SQL = `snoozed_at = NULL, snoozed_until = NULL, snoozed_by = NULL, updated_at = now()`;

/**
 * The thread's line for snoozes that ended by themselves, from `source` (rows of id and the snooze's
 * snoozed_until, read under the row lock): past its time, "snooze_ended" dated at that time; otherwise
 * the guest wrote, now.
 */
export function endedSnoozeActivitySql(source: string): string {
  return `INSERT INTO conversation_activity (id, conversation_id, kind, until, created_at)
  SELECT gen_random_uuid(), id,
         (CASE WHEN snoozed_until <= now() THEN 'snooze_ended' ELSE 'snooze_ended_guest_wrote' END)::"ConversationActivityKind",
         snoozed_until, CASE WHEN snoozed_until <= now() THEN snoozed_until ELSE now() END
    FROM ${source}`;
}

/** Clears the snoozes of the snoozed conversations `condition` selects, each with its line. */
function endSnoozesSql(condition: string): string {
  return `WITH target AS (
    SELECT id, snoozed_until FROM conversations WHERE snoozed_at IS NOT NULL AND ${condition} FOR UPDATE
  ), woken AS (
    UPDATE conversations c SET ${CLEAR_SNOOZE_SQL} FROM target t WHERE c.id = t.id RETURNING c.id, t.snoozed_until
  )
  ${endedSnoozeActivitySql("woken")}`;
}

/** Ends the snooze of those of `conversationIds` that are snoozed (a guest wrote in them). */
export async function wakeSnoozedConversations(tx: Tx, conversationIds: readonly string[]): Promise<number> {
  if (conversationIds.length === 0) return 0;
  return tx.$executeRawUnsafe(endSnoozesSql("id = ANY($1::uuid[])"), [...new Set(conversationIds)]);
}

/**
 * Clears every snooze whose time has passed; returns how many. Reads only the partial index of snoozed
 * conversations (conversations_snoozed_until_idx), so it costs next to nothing when none is due, and
 * several workers running it at once clear each snooze once.
 */
export async function wakeExpiredSnoozes(): Promise<number> {
  return db().$executeRawUnsafe(endSnoozesSql("snoozed_until <= now()"));
}
