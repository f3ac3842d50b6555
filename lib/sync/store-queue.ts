// The queue poller's fast path: a batch of queue messages whose conversations we already know, stored in
// one transaction of (usually) one statement on a plain `pg` connection. It runs for every batch, between
// the queue read and the confirm, so every millisecond of it shows in the drain rate (see bench/sync.ts).
//
// The statement looks the batch's conversations up itself and classifies every message:
//   store     known conversation of a served property, and nothing to adopt: inserted here with
//             INSERT … ON CONFLICT (booking_id) DO NOTHING (redelivered or duplicated messages are stored
//             once), and its conversation marked in conversation_summary_pending;
//   unknown   no conversation row yet: left to the caller, which learns the conversation first;
//   unserved  the conversation's property is not served by this connection (disabled): skipped;
//   adopt     a property message in a conversation where one of our own replies still waits for its
//             Booking id (send state sending/unknown): left to the caller's full path, which matches
//             the queue's copy to our row (store-messages.ts) instead of storing it twice.
// A reply can only be in the queue after its POST reached Booking.com, and the row is marked `sending`
// (committed) before the POST, so this statement's snapshot always sees a waiting row whose copy is in
// the batch.
//
// The conversations' inbox columns (last message, preview, needs-reply, count) are derived data, brought
// up to date by updateSummaries(), which the poller runs while the confirm is in flight, not before it
// (measured in bench/sync.ts: the conversation UPDATE, its nine indexes and the NOTIFY trigger were a
// third of this statement). The store marks each conversation it wrote to in
// conversation_summary_pending with the batch's id, in the same transaction as the messages:
//   - updateSummaries() takes the marks of its own batch and applies the new messages incrementally
//     where that is exact (only guest messages, all newer than what the row has); anything else is
//     recomputed from the messages. A mark someone else took means they recomputed the conversation
//     from the messages (this batch's included, they were committed), so the batch leaves it alone.
//   - a mark of another batch is a leftover (its worker died between the store and the update, or the
//     update failed): recomputed from the messages by whichever poll sees it first. A conversation that
//     already carries a leftover mark keeps it (ON CONFLICT DO NOTHING), so it is recomputed, never
//     incremented from a stale count.
// The message search terms stay in the store's transaction (a statement trigger on messages): a stored
// message is searchable as soon as it is committed. So do the two things a new guest message ends: a
// snooze (snooze-wake.ts) and a "no reply needed" mark it was not covered by (guest-wrote-again.ts). Only
// conversations snoozed or marked when the statement began are updated (in one UPDATE: a row can be
// updated once per statement), so a batch for conversations that are neither pays for no conversation
// UPDATE, and only rows really inserted count, so a redelivered message changes nothing. Each change
// leaves its line in the thread in the same statement; a mark taken away also queues its removal at
// Booking.com, whose action ids the caller dispatches after the commit.
import type pg from "pg";
import { syncConfig } from "./config";
import { previewSql, REFRESH_SUMMARIES_SQL } from "./conversation-summary";
import type { IncomingMessage } from "./incoming";
import { inSqlTransaction } from "../sql-pool";
import { reopenedWritesSql, uncoveredByMarkSql } from "./guest-wrote-again";
import { endedSnoozeActivitySql } from "./snooze-wake";

export type QueueMessageStatus = "store" | "unknown" | "unserved" | "adopt";

export interface StoredQueueMessage {
  messageId: string;
  conversationId: string;
  sentAt: Date;
  senderType: IncomingMessage["senderType"];
  content: string;
}

export interface FastStoreResult {
  inserted: number;
  /** The rows inserted (for updateSummaries). */
  stored: StoredQueueMessage[];
  /** `store` messages already stored (redelivered) or twice in the batch. */
  duplicates: number;
  /** Per input message, in input order. */
  statuses: QueueMessageStatus[];
  /** Actions removing a "no reply needed" the guest wrote after (guest-wrote-again.ts): to dispatch. */
  reopenActionIds: string[];
}

const STORE_SQL = `
WITH m AS (
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
         WITH ORDINALITY AS m(booking_id, conversation_booking_id, sender_type, sender_pid, sender_name, message_type, content, attributes, sent_at, ord)
), classified AS (
  SELECT m.*, c.id AS conversation_id, c.property_id, c.snoozed_at IS NOT NULL AS snoozed, c.no_reply_needed AS marked,
         CASE WHEN c.id IS NULL THEN 'unknown'
              WHEN NOT (c.property_id = ANY($10::text[])) THEN 'unserved'
              WHEN m.sender_type = 'property' AND EXISTS (
                     SELECT 1 FROM messages o
                      WHERE o.conversation_id = c.id AND o.booking_id IS NULL AND o.send_state IN ('sending', 'unknown')) THEN 'adopt'
              ELSE 'store' END AS status
    FROM m LEFT JOIN conversations c ON c.booking_id = m.conversation_booking_id
), ins AS (
  INSERT INTO messages (id, booking_id, conversation_id, property_id, sender_type, sender_participant_id, sender_name,
                        message_type, content, attributes, sent_at)
  SELECT DISTINCT ON (booking_id) gen_random_uuid(), booking_id, conversation_id, property_id, sender_type::"SenderType", sender_pid,
         sender_name, message_type, content, attributes::jsonb, sent_at::timestamptz
    FROM classified WHERE status = 'store' ORDER BY booking_id, ord
  ON CONFLICT (booking_id) DO NOTHING
  RETURNING id, booking_id, conversation_id, sender_type, sent_at
), pending AS (
  INSERT INTO conversation_summary_pending (conversation_id, batch_id)
  SELECT DISTINCT conversation_id, $11::uuid FROM ins ORDER BY 1
  ON CONFLICT DO NOTHING
), guest_target AS (
  -- Read again under the lock: a snooze or mark changed since the statement began counts as it is now.
  SELECT c.id, c.snoozed_until, c.snoozed_at IS NOT NULL AS wakes,
         c.no_reply_needed AND EXISTS (
           SELECT 1 FROM ins WHERE ins.conversation_id = c.id AND ins.sender_type = 'guest' AND ${uncoveredByMarkSql("c", "ins.sent_at")}) AS reopens
    FROM conversations c
   WHERE c.id = ANY(ARRAY(
           SELECT classified.conversation_id FROM classified JOIN ins ON ins.booking_id = classified.booking_id
            WHERE (classified.snoozed OR classified.marked) AND ins.sender_type = 'guest'))
     AND (c.snoozed_at IS NOT NULL OR c.no_reply_needed)
   FOR UPDATE
), changed AS (
  UPDATE conversations c
     SET snoozed_at = CASE WHEN t.wakes THEN NULL ELSE c.snoozed_at END,
         snoozed_until = CASE WHEN t.wakes THEN NULL ELSE c.snoozed_until END,
         snoozed_by = CASE WHEN t.wakes THEN NULL ELSE c.snoozed_by END,
         no_reply_needed = c.no_reply_needed AND NOT t.reopens,
         updated_at = now()
    FROM guest_target t WHERE c.id = t.id AND (t.wakes OR t.reopens)
  RETURNING c.id, t.snoozed_until, t.wakes, t.reopens
), woken_activity AS (
  ${endedSnoozeActivitySql("(SELECT id, snoozed_until FROM changed WHERE wakes) AS woken")}
), ${reopenedWritesSql("(SELECT id FROM changed WHERE reopens) AS reopened")}
SELECT classified.ord::int AS ord, classified.status, ins.id AS message_id, ins.conversation_id,
       ARRAY(SELECT id::text FROM reopened_action) AS reopen_action_ids
  FROM classified
  LEFT JOIN ins ON classified.status = 'store' AND ins.booking_id = classified.booking_id`;

interface Row {
  ord: number;
  status: QueueMessageStatus;
  message_id: string | null;
  conversation_id: string | null;
  /** The same on every row (the statement's own), read from the first. */
  reopen_action_ids: string[];
}

/** Below this many messages a batch is not worth splitting. */
const MIN_MESSAGES_PER_PART = 20;

/**
 * Stores what it can of `messages` (see the file comment); the caller handles `unknown` and `adopt`.
 * A large batch is split by conversation into up to SYNC_STORE_PARALLELISM parts stored in parallel, each
 * in its own transaction (on its own connection, so Postgres works on them at once). Parts share no
 * conversation, hence no row. Resolves only when every part committed; if any failed it rejects (after
 * the others settled), nothing may be confirmed, and the redelivered batch stores only what is missing.
 */
export async function storeKnownQueueMessages(messages: readonly IncomingMessage[], servedPropertyIds: readonly string[], batchId: string): Promise<FastStoreResult> {
  const parts = splitByConversation(messages, Math.min(syncConfig().SYNC_STORE_PARALLELISM, Math.floor(messages.length / MIN_MESSAGES_PER_PART)));
  const settled = await Promise.allSettled(parts.map((part) => storePart(part.map((index) => messages[index]!), servedPropertyIds, batchId)));
  const result: FastStoreResult = { inserted: 0, stored: [], duplicates: 0, statuses: new Array<QueueMessageStatus>(messages.length), reopenActionIds: [] };
  for (const [i, outcome] of settled.entries()) {
    if (outcome.status === "rejected") throw outcome.reason;
    result.inserted += outcome.value.inserted;
    result.stored.push(...outcome.value.stored);
    result.duplicates += outcome.value.duplicates;
    result.reopenActionIds.push(...outcome.value.reopenActionIds);
    parts[i]!.forEach((index, j) => (result.statuses[index] = outcome.value.statuses[j]!));
  }
  return result;
}

/** Message indexes in at most `count` parts, whole conversations per part, balanced by message count. */
function splitByConversation(messages: readonly IncomingMessage[], count: number): number[][] {
  if (count <= 1) return messages.length === 0 ? [] : [messages.map((_, index) => index)];
  const byConversation = new Map<string, number[]>();
  messages.forEach((message, index) => {
    const group = byConversation.get(message.conversationBookingId);
    if (group) group.push(index);
    else byConversation.set(message.conversationBookingId, [index]);
  });
  const parts: number[][] = Array.from({ length: Math.min(count, byConversation.size) }, () => []);
  for (const group of [...byConversation.values()].sort((a, b) => b.length - a.length)) {
    parts.reduce((smallest, part) => (part.length < smallest.length ? part : smallest)).push(...group);
  }
  return parts.map((part) => part.sort((a, b) => a - b));
}

async function storePart(messages: readonly IncomingMessage[], servedPropertyIds: readonly string[], batchId: string): Promise<FastStoreResult> {
  return inSqlTransaction(async (client) => {
    const { rows } = await client.query<Row>({
      // Named: parsed and planned once per connection.
      name: "bellhop-store-queue-batch",
      text: STORE_SQL,
      values: [
        messages.map((message) => message.bookingId),
        messages.map((message) => message.conversationBookingId),
        messages.map((message) => message.senderType),
        messages.map((message) => message.senderParticipantId),
        messages.map((message) => message.senderName),
        messages.map((message) => message.messageType),
        messages.map((message) => message.content),
        messages.map((message) => (message.attributes ? JSON.stringify(message.attributes) : null)),
        messages.map((message) => message.sentAt.toISOString()),
        servedPropertyIds,
        batchId,
      ],
    });
    const statuses: QueueMessageStatus[] = new Array<QueueMessageStatus>(messages.length);
    const insertedIds = new Map<string, { messageId: string; conversationId: string }>();
    const stored: StoredQueueMessage[] = [];
    let toStore = 0;
    for (const row of rows) {
      statuses[row.ord - 1] = row.status;
      if (row.status !== "store") continue;
      toStore++;
      if (row.message_id === null || row.conversation_id === null || insertedIds.has(row.message_id)) continue;
      insertedIds.set(row.message_id, { messageId: row.message_id, conversationId: row.conversation_id });
      const message = messages[row.ord - 1]!;
      stored.push({ messageId: row.message_id, conversationId: row.conversation_id, sentAt: message.sentAt, senderType: message.senderType, content: message.content });
    }
    await insertAttachments(client, messages, rows, insertedIds);
    return { inserted: insertedIds.size, stored, duplicates: toStore - insertedIds.size, statuses, reopenActionIds: rows[0]?.reopen_action_ids ?? [] };
  });
}

/** Attachment ids become rows without bytes; the inbox downloads them once, on first view. */
async function insertAttachments(
  client: pg.PoolClient,
  messages: readonly IncomingMessage[],
  rows: Row[],
  inserted: Map<string, { messageId: string; conversationId: string }>,
): Promise<void> {
  const attachments: { bookingId: string; messageId: string; conversationId: string }[] = [];
  const done = new Set<string>();
  for (const row of rows) {
    if (row.message_id === null || done.has(row.message_id)) continue;
    const stored = inserted.get(row.message_id);
    const message = messages[row.ord - 1];
    if (!stored || !message) continue;
    done.add(row.message_id);
    for (const bookingId of message.attachmentIds) attachments.push({ bookingId, ...stored });
  }
  if (attachments.length === 0) return;
  await client.query(
    `INSERT INTO attachments (id, booking_id, conversation_id, message_id)
     SELECT gen_random_uuid(), a.booking_id, a.conversation_id, a.message_id
       FROM unnest($1::text[], $2::uuid[], $3::uuid[]) AS a(booking_id, conversation_id, message_id)
     ON CONFLICT (booking_id) DO NOTHING`,
    [attachments.map((attachment) => attachment.bookingId), attachments.map((attachment) => attachment.conversationId), attachments.map((attachment) => attachment.messageId)],
  );
}

// The batch's own marks, applied incrementally where exact: a conversation whose new messages are all
// from the guest and all newer than its last message gets them added to its columns (the condition also
// fails when another writer already recomputed the row from the messages, this batch's included, so a
// message is never counted twice). Returns the conversations left to recompute.
const APPLY_OWN_MARKS_SQL = `
WITH mine AS (
  DELETE FROM conversation_summary_pending WHERE batch_id = $1::uuid RETURNING conversation_id
), new_messages AS (
  -- stored_at from the rows themselves (the time the store committed them, by Bellhop's clock): a
  -- probe of the primary key per message.
  SELECT i.*, m.stored_at
    FROM unnest($2::uuid[], $3::uuid[], $4::timestamptz[], $5::"SenderType"[], $6::text[]) AS i(id, conversation_id, sent_at, sender_type, content)
    JOIN messages m ON m.id = i.id
   WHERE i.conversation_id IN (SELECT conversation_id FROM mine)
), fresh AS (
  -- One row per conversation, its newest message picked by array_agg ORDER BY (a join of two such
  -- derived tables became a nested loop of 100 x 100 rows, each probing the conversations index).
  SELECT conversation_id, count(*)::int AS n, min(sent_at) AS min_at, bool_and(sender_type = 'guest') AS all_guest, max(sent_at) AS max_at, max(stored_at) AS max_stored_at,
         (array_agg(content ORDER BY sent_at DESC, id DESC))[1] AS latest_content
    FROM new_messages GROUP BY conversation_id
), fast AS (
  UPDATE conversations c
     SET message_count = c.message_count + fresh.n,
         last_message_at = fresh.max_at,
         last_message_preview = ${previewSql("fresh.latest_content")},
         last_message_sender = 'guest',
         last_guest_message_at = greatest(c.last_guest_message_at, fresh.max_at),
         last_guest_stored_at = greatest(c.last_guest_stored_at, fresh.max_stored_at),
         needs_reply_since = CASE WHEN c.no_reply_needed THEN NULL ELSE coalesce(c.needs_reply_since, fresh.min_at) END,
         updated_at = now()
    FROM fresh
   WHERE c.id = fresh.conversation_id AND fresh.all_guest AND (c.last_message_at IS NULL OR fresh.min_at > c.last_message_at)
  RETURNING c.id
)
SELECT conversation_id FROM mine WHERE conversation_id NOT IN (SELECT id FROM fast)`;

// Leftover marks of other batches. ORDER BY + FOR UPDATE SKIP LOCKED: concurrent pollers take them in one
// order and leave those another poller is working on to it.
const TAKE_LEFTOVER_MARKS_SQL = `
DELETE FROM conversation_summary_pending WHERE conversation_id IN (
  SELECT conversation_id FROM conversation_summary_pending WHERE batch_id <> $1::uuid ORDER BY 1 FOR UPDATE SKIP LOCKED)
RETURNING conversation_id`;

/**
 * Brings the inbox columns of the conversations a batch wrote to up to date (see the file comment), and
 * those of any leftover marks, in one transaction. Updating the rows fires the change trigger, i.e. the
 * live NOTIFY.
 */
export async function updateSummaries(batchId: string, stored: readonly StoredQueueMessage[]): Promise<void> {
  await inSqlTransaction(async (client) => {
    const recompute = new Set<string>();
    if (stored.length > 0) {
      const own = await client.query<{ conversation_id: string }>({
        name: "bellhop-apply-own-summary-marks",
        text: APPLY_OWN_MARKS_SQL,
        values: [
          batchId,
          stored.map((message) => message.messageId),
          stored.map((message) => message.conversationId),
          stored.map((message) => message.sentAt.toISOString()),
          stored.map((message) => message.senderType),
          stored.map((message) => message.content),
        ],
      });
      for (const row of own.rows) recompute.add(row.conversation_id);
    }
    const leftovers = await client.query<{ conversation_id: string }>({ name: "bellhop-take-leftover-summary-marks", text: TAKE_LEFTOVER_MARKS_SQL, values: [batchId] });
    for (const row of leftovers.rows) recompute.add(row.conversation_id);
    if (recompute.size > 0) await client.query(REFRESH_SUMMARIES_SQL, [[...recompute]]);
  });
}
