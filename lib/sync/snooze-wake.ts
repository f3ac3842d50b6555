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
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";

type Tx = Prisma.TransactionClient;

/** SET clause that ends a snooze. */
export const CLEAR_SNOOZE_SQL = `snoozed_at = NULL, snoozed_until = NULL, snoozed_by = NULL, updated_at = now()`;

/** Ends the snooze of those of `conversationIds` that are snoozed (a guest wrote in them). */
export async function wakeSnoozedConversations(tx: Tx, conversationIds: readonly string[]): Promise<number> {
  if (conversationIds.length === 0) return 0;
  return tx.$executeRawUnsafe(
    `UPDATE conversations SET ${CLEAR_SNOOZE_SQL} WHERE id = ANY($1::uuid[]) AND snoozed_at IS NOT NULL`,
    [...new Set(conversationIds)],
  );
}

/**
 * Clears every snooze whose time has passed; returns how many. Reads only the partial index of snoozed
 * conversations (conversations_snoozed_until_idx), so it costs next to nothing when none is due, and
 * several workers running it at once clear each snooze once.
 */
export async function wakeExpiredSnoozes(): Promise<number> {
  return db().$executeRawUnsafe(`UPDATE conversations SET ${CLEAR_SNOOZE_SQL} WHERE snoozed_at IS NOT NULL AND snoozed_until <= now()`);
}
