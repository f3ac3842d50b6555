// The inbox list reads denormalised columns on conversations (last message, preview, needs-reply,
// count). They are recomputed here from the messages, in the caller's transaction, whenever messages
// of a conversation change. Updating the row also fires the change trigger (change_seq + NOTIFY), which
// is how live inbox clients hear about new messages, send states and read tags.
import type { Prisma } from "../generated/prisma/client";

type Tx = Prisma.TransactionClient;

/** SQL for the inbox preview of a content expression: one line, at most 140 characters. */
export function previewSql(content: string): string {
  const line = `btrim(regexp_replace(${content}, '\\s+', ' ', 'g'))`;
  return `CASE WHEN length(${line}) > 140 THEN left(${line}, 139) || '…' ELSE ${line} END`;
}

/**
 * needs_reply_since: the oldest guest message newer than the last reply from the property, and newer
 * than what a "no reply needed" mark covered (no_reply_needed_through: the guest wrote again after the
 * mark, lib/sync/guest-wrote-again.ts). A reply counts as soon as staff sent it
 * (queued/sending/unknown/sent); a failed one does not. Cleared while the conversation carries
 * no_reply_needed. A reply scheduled for later (send_state `scheduled`) counts for nothing until it goes.
 *
 * The recompute as SQL with one parameter, $1::uuid[] (also run on a plain `pg` client by the queue store).
 */
export const REFRESH_SUMMARIES_SQL = `
    WITH agg AS (
      SELECT m.conversation_id,
             count(*)::int AS message_count,
             max(m.sent_at) FILTER (WHERE m.sender_type = 'guest') AS last_guest_at,
             max(m.stored_at) FILTER (WHERE m.sender_type = 'guest') AS last_guest_stored_at,
             max(m.sent_at) FILTER (WHERE m.sender_type = 'property' AND m.send_state IS DISTINCT FROM 'failed') AS last_reply_at
        FROM messages m
       WHERE m.conversation_id = ANY($1::uuid[]) AND m.send_state IS DISTINCT FROM 'scheduled'
       GROUP BY m.conversation_id
    ), latest AS (
      SELECT DISTINCT ON (m.conversation_id) m.conversation_id, m.sent_at, m.content, m.sender_type
        FROM messages m
       WHERE m.conversation_id = ANY($1::uuid[]) AND m.send_state IS DISTINCT FROM 'scheduled'
       ORDER BY m.conversation_id, m.sent_at DESC, m.id DESC
    ), waiting AS (
      SELECT m.conversation_id, min(m.sent_at) AS since
        FROM messages m JOIN agg a ON a.conversation_id = m.conversation_id
        JOIN conversations covered ON covered.id = m.conversation_id
       WHERE m.sender_type = 'guest' AND (a.last_reply_at IS NULL OR m.sent_at > a.last_reply_at)
         AND (covered.no_reply_needed_through IS NULL OR m.sent_at > covered.no_reply_needed_through)
       GROUP BY m.conversation_id
    )
    UPDATE conversations c
       SET message_count = agg.message_count,
           last_message_at = latest.sent_at,
           last_message_preview = ${previewSql("latest.content")},
           last_message_sender = latest.sender_type,
           last_guest_message_at = agg.last_guest_at,
           last_guest_stored_at = agg.last_guest_stored_at,
           needs_reply_since = CASE WHEN c.no_reply_needed THEN NULL ELSE waiting.since END,
           updated_at = now()
      FROM agg
      JOIN latest ON latest.conversation_id = agg.conversation_id
      LEFT JOIN waiting ON waiting.conversation_id = agg.conversation_id
     WHERE c.id = agg.conversation_id`;

/**
 * The soonest reply scheduled for later, for the list's "Reply scheduled" (a reply written but not yet
 * sent must keep colleagues from answering again). Apart from the summary above, which leaves scheduled
 * replies out and does not touch a conversation that has nothing else: one that so far has only a
 * scheduled reply still gets it. Only a real change touches the row (and announces it).
 */
const REFRESH_SCHEDULED_SQL = `
    UPDATE conversations c
       SET next_scheduled_reply_at = s.at
      FROM (SELECT ids.id,
                   (SELECT min(m.sent_at) FROM messages m WHERE m.conversation_id = ids.id AND m.send_state = 'scheduled') AS at
              FROM unnest($1::uuid[]) AS ids(id)) s
     WHERE c.id = s.id AND c.next_scheduled_reply_at IS DISTINCT FROM s.at`;

export async function refreshConversationSummaries(tx: Tx, conversationIds: readonly string[]): Promise<void> {
  if (conversationIds.length === 0) return;
  const ids = [...new Set(conversationIds)];
  await tx.$executeRawUnsafe(REFRESH_SUMMARIES_SQL, ids);
  await tx.$executeRawUnsafe(REFRESH_SCHEDULED_SQL, ids);
}
