// One pass of the queue loop for one connection: read up to 100 messages; store those of known
// conversations in one transaction (store-queue.ts: one statement in the common case, their
// conversations' inbox columns recomputed while the confirm is in flight); learn the unknown
// conversations and store their messages, and any possible copy of our own reply, in a second one
// (store-messages.ts); only after both committed confirm exactly the count read. A crash anywhere
// before the confirm means the same messages are read again and stored once (Booking ids are unique);
// a crash after it loses nothing because the stores had committed.
//
// Messages of properties we do not serve (no Property row, disabled, or on another connection) are NOT
// stored, yet they ARE confirmed: confirming is by count from the head of the queue, so holding them back
// would block every later message. They are not lost for good: enabling or adding the property starts a
// backfill that imports its whole history, and reconciliation re-reads recent conversations.
import { randomUUID } from "node:crypto";
import type { BookingClient } from "../booking/client";
import { isBookingApiError } from "../booking/errors";
import type { QueueMessage } from "../booking/types";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { clientForConnection } from "./client-cache";
import { fromQueueMessage, type ConversationFacts, type IncomingMessage } from "./incoming";
import { learnConversations, type LearnedConversation } from "./learn-conversation";
import { describeBookingFailure } from "./describe-booking-failure";
import { dispatchOutbound } from "./outbound/boss";
import { lastErrorColumns, type FailureReason } from "./outbound/errors";
import { storeBatch, type StoreResult } from "./store-messages";
import { queryRows } from "../sql-pool";
import { storeKnownQueueMessages, updateSummaries, type StoredQueueMessage } from "./store-queue";
import { enqueueWelcomeIn, type WelcomeProperty } from "./welcome";

export interface PollOutcome {
  /** Messages returned by the queue read. */
  read: number;
  inserted: number;
  duplicates: number;
  adopted: number;
  /** Messages of properties we do not serve (confirmed, not stored). */
  skipped: number;
  confirmed: number;
  newConversations: number;
  welcomes: number;
}

export interface PollHooks {
  client?: BookingClient;
  /** Runs after the store committed and before the confirm (tests simulate a crash here). */
  beforeConfirm?: () => Promise<void>;
  /** Must still be true right before confirming (the poller lock); false aborts without confirming. */
  stillAllowed?: () => Promise<boolean>;
}

export class PollerLockLostError extends Error {}

// The connection and its served properties, re-read at most every few seconds: the loop polls up to
// several times a second while a backlog drains, and this is not worth three queries per batch.
const CONTEXT_TTL_MS = 3_000;
const contexts = new Map<string, { at: number; value: Promise<ServedContext> }>();
type ServedContext = { properties: ServedProperty[] };

function servedContext(connectionId: string): Promise<ServedContext> {
  const cached = contexts.get(connectionId);
  if (cached && Date.now() - cached.at < CONTEXT_TTL_MS) return cached.value;
  const value = db()
    .bookingConnection.findUniqueOrThrow({
      where: { id: connectionId },
      include: { properties: { where: { enabled: true }, include: { welcomeReply: { select: { body: true } } } } },
    })
    .then((connection) => ({ properties: connection.properties }));
  contexts.set(connectionId, { at: Date.now(), value });
  value.catch(() => contexts.delete(connectionId));
  return value;
}

export async function pollOnce(connectionId: string, hooks: PollHooks = {}): Promise<PollOutcome> {
  const connection = await servedContext(connectionId);
  const client = hooks.client ?? (await clientForConnection(connectionId));
  try {
    const batch = await client.readQueue();
    const { outcome, updateInboxColumns } = await storeQueueBatch(batch.messages, connection.properties, client);
    await hooks.beforeConfirm?.();
    if (hooks.stillAllowed && !(await hooks.stillAllowed())) throw new PollerLockLostError("Lost the poller lock before confirming; not confirming.");
    // While the confirm is in flight (all of it only after the store committed): the health row, and the
    // inbox columns of the conversations the batch wrote to (store-queue.ts explains why not before). On
    // the plain pool: this runs for every batch, and a Prisma query costs the event loop more CPU.
    await Promise.all([
      confirm(client, batch.numberOfMessages),
      queryRows({
        text: `UPDATE booking_connections SET last_poll_at = now(), last_poll_stored = $2, queue_backlog_seen = $3 WHERE id = $1`,
        values: [connectionId, outcome.inserted + outcome.adopted, batch.numberOfMessages],
      }),
      // A failure leaves the marks for the next poll; the batch itself is stored and is confirmed.
      updateInboxColumns().catch((error: unknown) => recordPollError(connectionId, error)),
    ]);
    outcome.confirmed = batch.numberOfMessages;
    return outcome;
  } catch (error) {
    await recordPollError(connectionId, error);
    throw error;
  }
}

async function confirm(client: BookingClient, count: number): Promise<void> {
  try {
    await client.confirmQueue(count);
  } catch (error) {
    // Unknown outcome: the next read shows what is still there, and storing it again is harmless.
    if (isBookingApiError(error) && error.ambiguous) return;
    throw error;
  }
}

/**
 * The connection's last error, for the sync health: Booking.com's failures in words an admin can act
 * on, in their language (its request id is shown apart); our own failures as their text.
 */
export async function recordPollError(connectionId: string, error: unknown): Promise<void> {
  try {
    const reason = await pollFailureReason(connectionId, error);
    await db().bookingConnection.update({ where: { id: connectionId }, data: { lastErrorAt: new Date(), ...lastErrorColumns(reason, isBookingApiError(error) ? error.ruid : null) } });
  } catch {
    // The database is unreachable too (an outage is logged as one event): nothing to record it in.
  }
}

async function pollFailureReason(connectionId: string, error: unknown): Promise<FailureReason> {
  const text = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
  if (!isBookingApiError(error)) return text;
  const connection = await db().bookingConnection.findUnique({ where: { id: connectionId }, select: { baseUrl: true } });
  return connection ? describeBookingFailure(error, { baseUrl: connection.baseUrl, withRequestId: false }).words : text;
}

type ServedProperty = WelcomeProperty & { id: string };

export interface StoredQueueBatch {
  outcome: PollOutcome;
  /**
   * Brings the inbox columns of the conversations written to by the fast path up to date (and any left
   * over by an earlier batch); meant to run while the confirm is in flight (store-queue.ts).
   */
  updateInboxColumns: () => Promise<void>;
}

export async function storeQueueBatch(queueMessages: QueueMessage[], properties: ServedProperty[], client: BookingClient): Promise<StoredQueueBatch> {
  const outcome: PollOutcome = { read: queueMessages.length, inserted: 0, duplicates: 0, adopted: 0, skipped: 0, confirmed: 0, newConversations: 0, welcomes: 0 };
  const batchId = randomUUID();
  let stored: StoredQueueMessage[] = [];
  const batch: StoredQueueBatch = { outcome, updateInboxColumns: () => updateSummaries(batchId, stored) };
  if (queueMessages.length === 0) return batch;
  const served = new Map(properties.map((property) => [property.id, property]));
  const servedIds = [...served.keys()];

  // 1. Messages of known conversations: one transaction, usually one statement (store-queue.ts).
  const fast = await storeKnownQueueMessages(queueMessages.map(fromQueueMessage), servedIds, batchId);
  stored = fast.stored;
  // Committed: the removals of "no reply needed" the guest wrote after can go to Booking.com.
  await dispatchOutbound(fast.reopenActionIds);
  outcome.inserted += fast.inserted;
  outcome.duplicates += fast.duplicates;
  const rest: QueueMessage[] = [];
  queueMessages.forEach((message, index) => {
    const status = fast.statuses[index];
    if (status === "unserved") outcome.skipped++;
    else if (status === "unknown" || status === "adopt") rest.push(message);
  });
  if (rest.length === 0) return batch;

  // 2. The rest (new conversations, possible copies of our own replies): learn, then the full path.
  const conversationIds = [...new Set(rest.map((message) => message.conversation.conversationId))];
  const known = new Map(
    (
      await db().$queryRawUnsafe<{ booking_id: string; property_id: string }[]>(
        `SELECT booking_id, property_id FROM conversations WHERE booking_id = ANY($1::text[])`,
        conversationIds,
      )
    ).map((row) => [row.booking_id, row.property_id]),
  );
  const hints = new Map(rest.map((message) => [message.conversation.conversationId, message.conversation.propertyId]));
  const toLearn = conversationIds
    .filter((id) => !known.has(id))
    .map((id) => ({ bookingId: id, ...(hints.get(id) !== undefined ? { propertyIdHint: hints.get(id) } : {}) }))
    .filter((item) => item.propertyIdHint === undefined || served.has(item.propertyIdHint));
  const observedAt = new Date();
  const learned = await learnConversations(client, toLearn, servedIds);

  const propertyOf = (conversationId: string): string | undefined => known.get(conversationId) ?? learned.get(conversationId)?.facts.propertyId;
  const messages: IncomingMessage[] = [];
  for (const message of rest) {
    const propertyId = propertyOf(message.conversation.conversationId);
    if (propertyId === undefined || !served.has(propertyId)) outcome.skipped++;
    else messages.push(fromQueueMessage(message));
  }
  const facts: ConversationFacts[] = [...learned.values()].map((conversation) => conversation.facts);

  const welcomeActions: string[] = [];
  const result: StoreResult = await storeBatch({
    facts,
    messages,
    observedAt,
    afterStore: async (tx, stored) => {
      for (const conversation of stored.newConversations) {
        const property = served.get(conversation.propertyId);
        const learnedConversation = learned.get(conversation.bookingId);
        if (!property || !learnedConversation) continue;
        const actionId = await welcomeFor(tx, property, conversation, learnedConversation);
        if (actionId) welcomeActions.push(actionId);
      }
    },
  });
  await dispatchOutbound(welcomeActions);
  outcome.inserted += result.inserted;
  outcome.duplicates += result.duplicates;
  outcome.adopted += result.adopted;
  outcome.skipped += result.skipped;
  outcome.newConversations = result.newConversations.length;
  outcome.welcomes = welcomeActions.length;
  return batch;
}

function welcomeFor(
  tx: Prisma.TransactionClient,
  property: ServedProperty,
  conversation: StoreResult["newConversations"][number],
  learned: LearnedConversation,
): Promise<string | null> {
  return enqueueWelcomeIn(tx, property, {
    conversation,
    type: learned.facts.type,
    reference: learned.facts.reference,
    guestName: learned.facts.guestName ?? null,
    newestMessages: learned.newestMessages,
  });
}
