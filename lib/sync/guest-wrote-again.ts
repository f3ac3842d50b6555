// "No reply needed" is taken away when the guest writes again.
//
// Why: the mark takes a conversation out of Needs reply, the queue staff work from. Without this, a guest
// who said "Thanks!" (marked: no reply needed) and then asked "Can we check in early?" stayed out of
// that queue, shown only as unread, so the question could go unanswered. Shared inboxes reopen a
// conversation the customer writes in again, and so does Bellhop.
//
// What "again" means: the mark covers the guest's messages up to the newest one when it was set
// (conversations.no_reply_needed_through, set wherever the mark is set: by staff in Bellhop, or learnt
// from a read of Booking.com, where it covers the messages of that read too). A guest message stored
// later, and sent after that, takes it away:
//   - a redelivered message is not stored again, so it takes nothing away;
//   - a message older than the mark (history imported by backfill, a gap repaired by reconciliation)
//     was covered by it, and takes nothing away either.
// Taking the mark away happens in the transaction that stores the message (the queue's one statement,
// store-queue.ts, or the full path, store-messages.ts), under the row lock, with:
//   - a line in the thread with no actor: "The guest wrote again: no longer "no reply needed"";
//   - an OutboundAction that removes the tag at Booking.com too, dispatched after the commit (a lost
//     dispatch is repaired by the worker's housekeeping). Otherwise the next read of the conversation
//     would bring Booking.com's tag back as if someone had set it there, and the guest would still be
//     told that no reply is needed. Until that action has settled, reads do not bring it back
//     (store-messages.ts holds a no_reply_needed fact back while an action of that kind is unsettled).
// The column stays after that, so the guest's wait (needs_reply_since, conversation-summary.ts) counts
// from the first message the mark did not cover, not from the "Thanks!" it did.
import type { Prisma } from "../generated/prisma/client";

type Tx = Prisma.TransactionClient;

/** SQL: a guest message sent at `sentAt` is not covered by the mark of conversation row `conversation`. */
export function uncoveredByMarkSql(conversation: string, sentAt: string): string {
  return `(${conversation}.no_reply_needed_through IS NULL OR ${sentAt} > ${conversation}.no_reply_needed_through)`;
}

/**
 * Two CTEs for the conversations of `source` (rows with `id`) whose mark was just taken away: the
 * thread's line (reopened_activity) and the action removing the tag at Booking.com (reopened_action,
 * RETURNING its id and conversation_id).
 */
export function reopenedWritesSql(source: string): string {
  return `reopened_activity AS (
    INSERT INTO conversation_activity (id, conversation_id, kind, created_at)
    SELECT gen_random_uuid(), id, 'reply_needed_guest_wrote', now() FROM ${source}
  ), reopened_action AS (
    INSERT INTO outbound_actions (id, kind, conversation_id, client_key, state, updated_at)
    SELECT gen_random_uuid(), 'clear_no_reply_needed', id, 'guest-wrote-again:' || gen_random_uuid(), 'queued', now() FROM ${source}
    RETURNING id, conversation_id
  )`;
}

const REOPEN_SQL = `
WITH written AS (
  SELECT conversation_id, max(sent_at) AS newest FROM unnest($1::uuid[], $2::timestamptz[]) AS w(conversation_id, sent_at) GROUP BY conversation_id
), target AS (
  SELECT c.id FROM conversations c JOIN written w ON w.conversation_id = c.id
   WHERE c.no_reply_needed AND ${uncoveredByMarkSql("c", "w.newest")}
   ORDER BY c.id FOR UPDATE OF c
), reopened AS (
  UPDATE conversations c SET no_reply_needed = false, updated_at = now() FROM target t WHERE c.id = t.id RETURNING c.id
), ${reopenedWritesSql("reopened")}
SELECT conversation_id::text AS conversation_id, id::text AS action_id FROM reopened_action`;

/**
 * The full store path's part: `written` are guest messages this transaction really inserted (not
 * redelivered ones). Takes the mark away where one of them is newer than what it covered; returns those
 * conversations (their inbox columns need a recompute) and the actions to dispatch after the commit.
 */
export async function reopenMarkedConversations(tx: Tx, written: readonly { conversationId: string; sentAt: Date }[]): Promise<{ conversationIds: string[]; actionIds: string[] }> {
  if (written.length === 0) return { conversationIds: [], actionIds: [] };
  const rows = await tx.$queryRawUnsafe<{ conversation_id: string; action_id: string }[]>(
    REOPEN_SQL,
    written.map((message) => message.conversationId),
    written.map((message) => message.sentAt.toISOString()),
  );
  return { conversationIds: rows.map((row) => row.conversation_id), actionIds: rows.map((row) => row.action_id) };
}

/** SQL: the newest guest message stored in conversation row `conversation`: what a mark set now covers. */
export function newestGuestMessageSql(conversation: string): string {
  return `(SELECT max(m.sent_at) FROM messages m WHERE m.conversation_id = ${conversation}.id AND m.sender_type = 'guest')`;
}
