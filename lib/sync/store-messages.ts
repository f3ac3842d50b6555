// Storing what Booking.com delivered, idempotently and in ONE transaction per batch:
//   1. conversations: new ones inserted, known ones updated only where a fact changed;
//   2. our own replies: a property message with an unknown Booking id is first matched to an outbound
//      row of ours still waiting for its id (sendState sending/unknown, same content, not stamped before
//      we wrote it) and that row gets the id: the queue's copy of our reply is never a second message;
//   3. the rest: one multi-row INSERT … ON CONFLICT (booking_id) DO NOTHING, so redelivered, duplicated
//      or concurrently stored messages are stored once;
//   4. read tags (when the source knows them), attachment ids, and the conversations' inbox columns;
//   5. a conversation a new guest message was stored in wakes from its snooze (snooze-wake.ts), and
//      loses a "no reply needed" mark that did not cover that message (guest-wrote-again.ts).
// The caller confirms the queue only after this commits.
//
// Staff changes win over older reads. Toggling no_reply_needed or marking messages read changes our copy
// at once and queues an OutboundAction that carries it to Booking.com later; a read of Booking.com taken
// before that action finished (reconciliation, backfill, learning) still shows the old state. So a
// no_reply_needed fact, or a message's read-by-property flag, is not applied while an action of that kind
// for it is queued or running, or finished after the read began (`observedAt`); the next read after it
// settled applies Booking.com's state (which, after a failed action, is the truth again), with one
// exception: a mark Bellhop took away (a staff member, or the guest writing again) whose removal at
// Booking.com failed for good is not learnt back from Booking.com's stale tag, which would hide the
// guest's new question again and say someone set it there; the mark Booking.com shows is learnt again
// once a later action of that kind has settled, or Booking.com has dropped it. The rows are
// locked before the actions are checked, so an action committed meanwhile is seen. A no_reply_needed
// fact that is applied was changed at Booking.com itself, and leaves a line in the thread saying so. A
// mark learnt that way covers the guest's messages of the same read (no_reply_needed_through).
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { syncConfig } from "./config";
import { sameMessageContent } from "./content-match";
import { previewSql, refreshConversationSummaries } from "./conversation-summary";
import type { ConversationFacts, IncomingMessage } from "./incoming";
import { newestGuestMessageSql, reopenMarkedConversations } from "./guest-wrote-again";
import { dispatchOutbound } from "./outbound/boss";
import { lastErrorColumns, sendErrorColumns } from "./outbound/errors";
import { wakeSnoozedConversations } from "./snooze-wake";

type Tx = Prisma.TransactionClient;

export interface StoredConversationRef {
  id: string;
  bookingId: string;
  propertyId: string;
  guestParticipantId: string | null;
  propertyParticipantId: string | null;
}

export interface StoreResult {
  inserted: number;
  /** Already stored (redelivered, duplicated in the batch, or stored by another path). */
  duplicates: number;
  /** Property messages matched to our own outbound rows. */
  adopted: number;
  /** Messages whose conversation is neither known nor described in `facts`. */
  skipped: number;
  readTagsUpdated: number;
  /** Conversations created by this batch. */
  newConversations: StoredConversationRef[];
  /** Actions removing a "no reply needed" the guest wrote after; storeBatch dispatches them after the commit. */
  reopenActionIds: string[];
}

export interface StoreInput {
  facts: ConversationFacts[];
  messages: IncomingMessage[];
  /** Runs inside the transaction after storing (e.g. the welcome message for new conversations). */
  afterStore?: (tx: Tx, result: StoreResult) => Promise<void>;
  /** When the facts and messages were read from Booking.com (before the request); default: now. */
  observedAt?: Date;
}

export async function storeBatch(input: StoreInput): Promise<StoreResult> {
  const result = await db().$transaction((tx) => storeBatchIn(tx, input), { timeout: 60_000, maxWait: 30_000 });
  await dispatchOutbound(result.reopenActionIds);
  return result;
}

export async function storeBatchIn(tx: Tx, input: StoreInput): Promise<StoreResult> {
  const result: StoreResult = { inserted: 0, duplicates: 0, adopted: 0, skipped: 0, readTagsUpdated: 0, newConversations: [], reopenActionIds: [] };
  // Conversations whose inbox columns need a full recompute.
  const touched = new Set<string>();
  const observedAt = input.observedAt ?? new Date();

  // A mark learnt from this read covers the guest's messages in it.
  const newestGuestInBatch = new Map<string, Date>();
  for (const message of input.messages) {
    if (message.senderType !== "guest") continue;
    const newest = newestGuestInBatch.get(message.conversationBookingId);
    if (!newest || message.sentAt > newest) newestGuestInBatch.set(message.conversationBookingId, message.sentAt);
  }
  const conversations = await loadAndUpsert(
    tx,
    observedAt,
    input.facts,
    input.messages.map((message) => message.conversationBookingId),
    newestGuestInBatch,
    touched,
    result,
  );

  // Unique by Booking id within the batch (duplicate_in_queue delivers the same message twice).
  const unique = new Map<string, IncomingMessage>();
  for (const message of input.messages) {
    if (!unique.has(message.bookingId)) unique.set(message.bookingId, message);
    else result.duplicates++;
  }
  const wanted = [...unique.values()].filter((message) => {
    if (conversations.has(message.conversationBookingId)) return true;
    result.skipped++;
    return false;
  });

  // Only property messages (to match our own replies) and messages carrying read tags need to know
  // whether they are stored already; for the rest, INSERT … ON CONFLICT DO NOTHING answers that.
  const existing = new Set<string>();
  const toCheck = wanted.filter((message) => message.senderType === "property" || message.readBy !== undefined);
  if (toCheck.length > 0) {
    const rows = await tx.$queryRawUnsafe<{ booking_id: string }[]>(
      `SELECT booking_id FROM messages WHERE booking_id = ANY($1::text[])`,
      toCheck.map((message) => message.bookingId),
    );
    for (const row of rows) existing.add(row.booking_id);
  }
  const fresh = wanted.filter((message) => !existing.has(message.bookingId));
  result.duplicates += wanted.length - fresh.length;

  const toInsert = await adoptOwnReplies(tx, fresh, conversations, touched, result);
  await insertMessages(tx, toInsert, conversations, touched, result);
  await updateReadTags(tx, observedAt, wanted.filter((message) => existing.has(message.bookingId) && message.readBy !== undefined), conversations, touched, result);

  await refreshConversationSummaries(tx, [...touched]);
  await input.afterStore?.(tx, result);
  return result;
}

interface ConversationRow {
  id: string;
  bookingId: string;
  propertyId: string;
  guestParticipantId: string | null;
  propertyParticipantId: string | null;
  access: string;
  guestName: string | null;
  type: string;
  reference: string;
  noReplyNeeded: boolean;
}

/** Known conversations of the batch by Booking id, after inserting/updating those described in `facts`. */
async function loadAndUpsert(
  tx: Tx,
  observedAt: Date,
  facts: ConversationFacts[],
  messageConversationIds: string[],
  newestGuestInBatch: ReadonlyMap<string, Date>,
  touched: Set<string>,
  result: StoreResult,
): Promise<Map<string, StoredConversationRef>> {
  const byBookingId = new Map<string, ConversationFacts>();
  for (const fact of facts) byBookingId.set(fact.bookingId, fact);
  const ids = [...byBookingId.keys()];
  const lookup = [...new Set([...ids, ...messageConversationIds])];
  const map = new Map<string, StoredConversationRef>();
  if (lookup.length === 0) return map;

  // Raw and narrow: this runs for every queue batch.
  const existing = await tx.$queryRawUnsafe<ConversationRow[]>(
    `SELECT id, booking_id AS "bookingId", property_id AS "propertyId", guest_participant_id AS "guestParticipantId",
            property_participant_id AS "propertyParticipantId", access::text AS access, guest_name AS "guestName",
            type::text AS type, reference, no_reply_needed AS "noReplyNeeded"
       FROM conversations WHERE booking_id = ANY($1::text[])`,
    lookup,
  );
  const heldBack = await pendingNoReplyNeeded(
    tx,
    observedAt,
    existing.flatMap((row) => {
      const fact = byBookingId.get(row.bookingId)?.noReplyNeeded;
      return fact !== undefined && fact !== row.noReplyNeeded ? [{ id: row.id, learnsMark: fact }] : [];
    }),
  );
  for (const row of existing) {
    map.set(row.bookingId, refOf(row));
    const fact = byBookingId.get(row.bookingId);
    if (!fact) continue;
    const changes: Prisma.ConversationUpdateInput = {};
    if (fact.access !== undefined && fact.access !== row.access) changes.access = fact.access;
    if (fact.guestName !== undefined && fact.guestName !== row.guestName) changes.guestName = fact.guestName;
    if (fact.guestParticipantId !== undefined && fact.guestParticipantId !== row.guestParticipantId) changes.guestParticipantId = fact.guestParticipantId;
    if (fact.propertyParticipantId !== undefined && fact.propertyParticipantId !== row.propertyParticipantId) changes.propertyParticipantId = fact.propertyParticipantId;
    // After a request to book is confirmed the thread may carry the reservation's type and reference.
    if (fact.type !== row.type) changes.type = fact.type;
    if (fact.reference !== row.reference) changes.reference = fact.reference;
    if (fact.noReplyNeeded !== undefined && fact.noReplyNeeded !== row.noReplyNeeded && !heldBack.has(row.id)) changes.noReplyNeeded = fact.noReplyNeeded;
    if (Object.keys(changes).length > 0) {
      const updated = await tx.conversation.update({ where: { id: row.id }, data: changes });
      map.set(row.bookingId, refOf(updated));
      if (changes.noReplyNeeded !== undefined) {
        // What the mark covers: the guest's messages stored and those of this read (guest-wrote-again.ts).
        await tx.$executeRawUnsafe(
          `UPDATE conversations c SET no_reply_needed_through = CASE WHEN c.no_reply_needed THEN greatest(${newestGuestMessageSql("c")}, $2::timestamptz) END
            WHERE c.id = $1::uuid`,
          row.id,
          newestGuestInBatch.get(row.bookingId)?.toISOString() ?? null,
        );
        // needs_reply_since depends on no_reply_needed.
        touched.add(row.id);
        // Not a staff change waiting to reach Booking.com (held back above): someone changed it there.
        await tx.conversationActivity.create({ data: { conversationId: row.id, kind: changes.noReplyNeeded ? "no_reply_needed_on_booking" : "reply_needed_on_booking" } });
      }
    }
  }

  const missing = ids.flatMap((id) => (map.has(id) ? [] : [byBookingId.get(id)!]));
  if (missing.length > 0) {
    const inserted = await tx.$queryRawUnsafe<{ id: string; booking_id: string; property_id: string; guest_participant_id: string | null; property_participant_id: string | null }[]>(
      `INSERT INTO conversations (id, booking_id, property_id, type, reference, access, guest_name, guest_participant_id,
                                  property_participant_id, no_reply_needed, no_reply_needed_through, updated_at)
       SELECT gen_random_uuid(), f.booking_id, f.property_id, f.type::"ConversationType", f.reference,
              coalesce(f.access, 'read_write')::"ConversationAccess", f.guest_name, f.guest_pid, f.property_pid,
              coalesce(f.no_reply_needed, false), CASE WHEN f.no_reply_needed THEN f.newest_guest END, now()
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::bool[], $10::timestamptz[])
              AS f(booking_id, property_id, type, reference, access, guest_name, guest_pid, property_pid, no_reply_needed, newest_guest)
       ON CONFLICT (booking_id) DO NOTHING
       RETURNING id, booking_id, property_id, guest_participant_id, property_participant_id`,
      missing.map((fact) => fact.bookingId),
      missing.map((fact) => fact.propertyId),
      missing.map((fact) => fact.type),
      missing.map((fact) => fact.reference),
      missing.map((fact) => fact.access ?? null),
      missing.map((fact) => fact.guestName ?? null),
      missing.map((fact) => fact.guestParticipantId ?? null),
      missing.map((fact) => fact.propertyParticipantId ?? null),
      missing.map((fact) => fact.noReplyNeeded ?? null),
      missing.map((fact) => newestGuestInBatch.get(fact.bookingId)?.toISOString() ?? null),
    );
    for (const row of inserted) {
      const ref: StoredConversationRef = {
        id: row.id,
        bookingId: row.booking_id,
        propertyId: row.property_id,
        guestParticipantId: row.guest_participant_id,
        propertyParticipantId: row.property_participant_id,
      };
      map.set(row.booking_id, ref);
      result.newConversations.push(ref);
    }
    // Inserted concurrently by another path (backfill vs poller): read them back.
    const raced = missing.filter((fact) => !map.has(fact.bookingId)).map((fact) => fact.bookingId);
    if (raced.length > 0) {
      for (const row of await tx.conversation.findMany({ where: { bookingId: { in: raced } } })) map.set(row.bookingId, refOf(row));
    }
  }
  return map;
}

// Staff actions whose effect a read of Booking.com may not show yet (see the file comment).
const NO_REPLY_NEEDED_KINDS = `'set_no_reply_needed', 'clear_no_reply_needed'`;
const READ_TAG_KINDS = `'mark_read', 'mark_unread'`;
/** SQL: action `a` is still to be carried out, or was carried out after the read (which may predate it). */
const unsettled = (observedAt: string) => `(a.state IN ('queued', 'running') OR a.updated_at >= ${observedAt})`;

/**
 * Of `rows` (conversations whose no_reply_needed the read would change; `learnsMark`: to true), those
 * whose value must stay: a staff change not yet settled, or a removal that failed for good (see the file
 * comment).
 */
async function pendingNoReplyNeeded(tx: Tx, observedAt: Date, rows: { id: string; learnsMark: boolean }[]): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const ids = rows.map((row) => row.id);
  // Lock first, then look in a new statement (a new snapshot): an enqueue that changed the row and
  // committed its action while we waited is then visible; a later one waits for us and wins.
  await tx.$queryRawUnsafe(`SELECT id FROM conversations WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE`, ids);
  const pending = await tx.$queryRawUnsafe<{ conversation_id: string }[]>(
    `SELECT DISTINCT a.conversation_id FROM outbound_actions a
      WHERE a.conversation_id = ANY($1::uuid[]) AND a.kind IN (${NO_REPLY_NEEDED_KINDS}) AND ${unsettled("$2::timestamptz")}`,
    ids,
    observedAt,
  );
  const marking = rows.filter((row) => row.learnsMark).map((row) => row.id);
  // The conversation's latest action of the kind failed: Booking.com still shows the mark that Bellhop
  // (where it is off: these rows learn it) could not take away there.
  const failedRemovals =
    marking.length === 0
      ? []
      : await tx.$queryRawUnsafe<{ conversation_id: string }[]>(
          `SELECT latest.conversation_id FROM (
             SELECT DISTINCT ON (a.conversation_id) a.conversation_id, a.state FROM outbound_actions a
              WHERE a.conversation_id = ANY($1::uuid[]) AND a.kind IN (${NO_REPLY_NEEDED_KINDS})
              ORDER BY a.conversation_id, a.created_at DESC, a.id DESC) latest
            WHERE latest.state = 'failed'`,
          marking,
        );
  return new Set([...pending, ...failedRemovals].map((row) => row.conversation_id));
}

function refOf(row: { id: string; bookingId: string; propertyId: string; guestParticipantId: string | null; propertyParticipantId: string | null }): StoredConversationRef {
  return {
    id: row.id,
    bookingId: row.bookingId,
    propertyId: row.propertyId,
    guestParticipantId: row.guestParticipantId,
    propertyParticipantId: row.propertyParticipantId,
  };
}

/** Returns the messages that still need inserting. */
async function adoptOwnReplies(
  tx: Tx,
  fresh: IncomingMessage[],
  conversations: Map<string, StoredConversationRef>,
  touched: Set<string>,
  result: StoreResult,
): Promise<IncomingMessage[]> {
  const fromProperty = fresh.filter((message) => message.senderType === "property");
  if (fromProperty.length === 0) return fresh;
  const conversationIds = [...new Set(fromProperty.map((message) => conversations.get(message.conversationBookingId)!.id))];
  // FOR UPDATE: the outbound executor may be finishing the same row right now.
  const candidates = await tx.$queryRawUnsafe<{ id: string; conversation_id: string; content: string; sent_at: Date }[]>(
    `SELECT id, conversation_id, content, sent_at FROM messages
      WHERE conversation_id = ANY($1::uuid[]) AND booking_id IS NULL AND send_state IN ('sending', 'unknown')
      ORDER BY sent_at, id FOR UPDATE`,
    conversationIds,
  );
  if (candidates.length === 0) return fresh;
  const skewMs = syncConfig().SYNC_CLOCK_SKEW_SECONDS * 1000;
  const used = new Set<string>();
  const adoptedIds = new Set<string>();
  for (const message of [...fromProperty].sort((a, b) => a.sentAt.getTime() - b.sentAt.getTime())) {
    const conversationId = conversations.get(message.conversationBookingId)!.id;
    const match = candidates.find(
      (candidate) =>
        !used.has(candidate.id) &&
        candidate.conversation_id === conversationId &&
        message.sentAt.getTime() >= new Date(candidate.sent_at).getTime() - skewMs &&
        sameMessageContent(candidate.content, message.content),
    );
    if (!match) continue;
    used.add(match.id);
    adoptedIds.add(message.bookingId);
    await tx.message.update({
      where: { id: match.id },
      data: { bookingId: message.bookingId, sendState: "sent", ...sendErrorColumns(null), sentAt: message.sentAt, senderParticipantId: message.senderParticipantId },
    });
    await tx.outboundAction.updateMany({ where: { messageId: match.id, state: { not: "succeeded" } }, data: { state: "succeeded", ...lastErrorColumns(null) } });
    touched.add(conversationId);
    result.adopted++;
  }
  return fresh.filter((message) => !adoptedIds.has(message.bookingId));
}

function readFlags(message: IncomingMessage, conversation: StoredConversationRef): { byGuest: boolean; byProperty: boolean } | null {
  if (message.readBy === undefined) return null;
  return {
    byGuest: message.senderType === "property" && conversation.guestParticipantId !== null && message.readBy.includes(conversation.guestParticipantId),
    byProperty:
      message.senderType === "guest" && conversation.propertyParticipantId !== null && message.readBy.includes(conversation.propertyParticipantId),
  };
}

async function insertMessages(
  tx: Tx,
  messages: IncomingMessage[],
  conversations: Map<string, StoredConversationRef>,
  touched: Set<string>,
  result: StoreResult,
): Promise<void> {
  if (messages.length === 0) return;
  const rows = messages.map((message) => {
    const conversation = conversations.get(message.conversationBookingId)!;
    const flags = readFlags(message, conversation);
    return { message, conversation, flags };
  });
  // One statement: insert, and for the common case (only guest messages, all newer than what the
  // conversation has) update the conversation's inbox columns from the new rows alone: count += n, last
  // message = newest new one, needs_reply_since kept or set to the oldest new guest message. O(batch)
  // instead of re-reading whole conversations; other conversations get the full recompute afterwards.
  const inserted = await tx.$queryRawUnsafe<{ id: string; booking_id: string; conversation_id: string; sender_type: string; sent_at: Date; fast: boolean }[]>(
    `WITH ins AS (
       INSERT INTO messages (id, booking_id, conversation_id, property_id, sender_type, sender_participant_id, sender_name,
                             message_type, content, attributes, sent_at, read_by_guest, read_by_property)
       SELECT gen_random_uuid(), m.booking_id, m.conversation_id, m.property_id, m.sender_type::"SenderType", m.sender_pid,
              m.sender_name, m.message_type, m.content, m.attributes::jsonb, m.sent_at::timestamptz, m.read_by_guest, m.read_by_property
         FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[],
                     $10::text[], $11::bool[], $12::bool[])
              AS m(booking_id, conversation_id, property_id, sender_type, sender_pid, sender_name, message_type, content,
                   attributes, sent_at, read_by_guest, read_by_property)
       ON CONFLICT (booking_id) DO NOTHING
       RETURNING id, booking_id, conversation_id, sent_at, sender_type, content, stored_at
     ), fresh AS (
       SELECT conversation_id, count(*)::int AS n, min(sent_at) AS min_at, bool_and(sender_type = 'guest') AS all_guest,
              min(sent_at) AS min_guest, max(sent_at) AS max_guest, max(stored_at) AS max_guest_stored
         FROM ins GROUP BY conversation_id
     ), latest AS (
       SELECT DISTINCT ON (conversation_id) conversation_id, sent_at, content, sender_type
         FROM ins ORDER BY conversation_id, sent_at DESC, id DESC
     ), fast AS (
       UPDATE conversations c
          SET message_count = c.message_count + fresh.n,
              last_message_at = latest.sent_at,
              last_message_preview = ${previewSql("latest.content")},
              last_message_sender = latest.sender_type,
              last_guest_message_at = greatest(c.last_guest_message_at, fresh.max_guest),
              last_guest_stored_at = greatest(c.last_guest_stored_at, fresh.max_guest_stored),
              needs_reply_since = CASE WHEN c.no_reply_needed THEN NULL ELSE coalesce(c.needs_reply_since, fresh.min_guest) END,
              updated_at = now()
         FROM fresh JOIN latest ON latest.conversation_id = fresh.conversation_id
        WHERE c.id = fresh.conversation_id AND fresh.all_guest AND (c.last_message_at IS NULL OR fresh.min_at > c.last_message_at)
        RETURNING c.id
     )
     SELECT ins.id, ins.booking_id, ins.conversation_id, ins.sender_type::text AS sender_type, ins.sent_at, (fast.id IS NOT NULL) AS fast
       FROM ins LEFT JOIN fast ON fast.id = ins.conversation_id`,
    rows.map((row) => row.message.bookingId),
    rows.map((row) => row.conversation.id),
    rows.map((row) => row.conversation.propertyId),
    rows.map((row) => row.message.senderType),
    rows.map((row) => row.message.senderParticipantId),
    rows.map((row) => row.message.senderName),
    rows.map((row) => row.message.messageType),
    rows.map((row) => row.message.content),
    rows.map((row) => (row.message.attributes ? JSON.stringify(row.message.attributes) : null)),
    rows.map((row) => row.message.sentAt.toISOString()),
    rows.map((row) => row.flags?.byGuest ?? false),
    rows.map((row) => row.flags?.byProperty ?? false),
  );
  result.inserted += inserted.length;
  result.duplicates += messages.length - inserted.length;
  for (const row of inserted) if (!row.fast) touched.add(row.conversation_id);
  // Its own statement: the one above may already have updated these rows (a row is updated once per
  // statement). Only rows really inserted: a redelivered message wakes nothing.
  const guestRows = inserted.filter((row) => row.sender_type === "guest");
  await wakeSnoozedConversations(tx, guestRows.map((row) => row.conversation_id));
  const reopened = await reopenMarkedConversations(tx, guestRows.map((row) => ({ conversationId: row.conversation_id, sentAt: row.sent_at })));
  // The statement above counted them as still marked: their needs_reply_since needs the recompute.
  for (const id of reopened.conversationIds) touched.add(id);
  result.reopenActionIds.push(...reopened.actionIds);

  // Attachment ids become rows without bytes; the inbox downloads them once, on first view.
  const messageIdByBookingId = new Map(inserted.map((row) => [row.booking_id, row]));
  const attachments = rows.flatMap((row) => {
    const stored = messageIdByBookingId.get(row.message.bookingId);
    if (!stored) return [];
    return row.message.attachmentIds.map((attachmentId) => ({ attachmentId, messageId: stored.id, conversationId: stored.conversation_id }));
  });
  if (attachments.length > 0) {
    await tx.$executeRawUnsafe(
      `INSERT INTO attachments (id, booking_id, conversation_id, message_id)
       SELECT gen_random_uuid(), a.booking_id, a.conversation_id, a.message_id
         FROM unnest($1::text[], $2::uuid[], $3::uuid[]) AS a(booking_id, conversation_id, message_id)
       ON CONFLICT (booking_id) DO NOTHING`,
      attachments.map((attachment) => attachment.attachmentId),
      attachments.map((attachment) => attachment.conversationId),
      attachments.map((attachment) => attachment.messageId),
    );
  }
}

async function updateReadTags(
  tx: Tx,
  observedAt: Date,
  messages: IncomingMessage[],
  conversations: Map<string, StoredConversationRef>,
  touched: Set<string>,
  result: StoreResult,
): Promise<void> {
  const updates = messages.flatMap((message) => {
    const conversation = conversations.get(message.conversationBookingId);
    const flags = conversation ? readFlags(message, conversation) : null;
    return flags ? [{ bookingId: message.bookingId, ...flags }] : [];
  });
  if (updates.length === 0) return;
  // The property's flag is what staff change (mark read/unread). Lock the rows, then look for unsettled
  // actions in a new statement (see the file comment); their messages keep our flag for now.
  const current = await tx.$queryRawUnsafe<{ booking_id: string; conversation_id: string; read_by_property: boolean }[]>(
    `SELECT booking_id, conversation_id, read_by_property FROM messages WHERE booking_id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE`,
    updates.map((update) => update.bookingId),
  );
  const wanted = new Map(updates.map((update) => [update.bookingId, update.byProperty]));
  const differing = current.filter((row) => wanted.get(row.booking_id) !== row.read_by_property);
  const keep = new Set<string>();
  if (differing.length > 0) {
    const pending = await tx.$queryRawUnsafe<{ booking_id: string }[]>(
      `SELECT DISTINCT ids.booking_id FROM outbound_actions a
              CROSS JOIN LATERAL jsonb_array_elements_text(CASE WHEN jsonb_typeof(a.payload->'messageIds') = 'array' THEN a.payload->'messageIds' ELSE '[]' END) AS ids(booking_id)
        WHERE a.conversation_id = ANY($1::uuid[]) AND a.kind IN (${READ_TAG_KINDS}) AND ${unsettled("$3::timestamptz")} AND ids.booking_id = ANY($2::text[])`,
      [...new Set(differing.map((row) => row.conversation_id))],
      differing.map((row) => row.booking_id),
      observedAt,
    );
    for (const row of pending) keep.add(row.booking_id);
  }
  const changed = await tx.$queryRawUnsafe<{ conversation_id: string }[]>(
    `UPDATE messages m SET read_by_guest = u.by_guest, read_by_property = CASE WHEN u.keep THEN m.read_by_property ELSE u.by_property END
       FROM unnest($1::text[], $2::bool[], $3::bool[], $4::bool[]) AS u(booking_id, by_guest, by_property, keep)
      WHERE m.booking_id = u.booking_id
        AND (m.read_by_guest, m.read_by_property) IS DISTINCT FROM (u.by_guest, CASE WHEN u.keep THEN m.read_by_property ELSE u.by_property END)
      RETURNING m.conversation_id`,
    updates.map((update) => update.bookingId),
    updates.map((update) => update.byGuest),
    updates.map((update) => update.byProperty),
    updates.map((update) => keep.has(update.bookingId)),
  );
  result.readTagsUpdated += changed.length;
  for (const row of changed) touched.add(row.conversation_id);
}
