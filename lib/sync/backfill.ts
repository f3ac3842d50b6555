// Importing a property's whole history when it is added (or re-enabled): every conversation (list pages
// of 50) and every message (pages of 50), with progress on the Property row for the admin page.
//
// backfillTotal: the API gives no count, so a first pass pages through the conversation list (cheap: 50
// per call, no messages) and counts. New conversations may appear while importing, so the total is
// raised to `done` if it is ever passed; the bar never goes past 100 %.
//
// Resuming: backfillCursor is the next_page_id of the list page to import next, written together with
// backfillDone after a whole page of conversations is stored. A crash redoes at most one page, and
// storing is idempotent, so nothing is counted or stored twice.
//
// Activity during the import: the list is ordered by recent activity, and a message arriving while a
// thread is paged is not on the later pages. New messages reach us through the queue anyway (the poller
// stores messages of known properties from the start), and the final step re-reads list page 1 and
// each of those conversations' newest page, which repairs what moved or arrived meanwhile.
import type { BookingClient } from "../booking/client";
import { db } from "../db";
import { clientForConnection } from "./client-cache";
import { importConversation } from "./import-conversation";

export interface BackfillHooks {
  client?: BookingClient;
  /** After each stored list page (tests simulate a crash here). */
  afterPage?: (done: number) => Promise<void>;
}

export interface BackfillOutcome {
  conversations: number;
  messages: number;
}

/** For the admin page: (re)start a property's backfill; the worker picks it up within seconds. */
export async function startBackfill(propertyId: string): Promise<void> {
  await db().property.update({
    where: { id: propertyId },
    data: {
      backfillState: "pending",
      backfillCursor: null,
      backfillDone: 0,
      backfillTotal: null,
      backfillError: null,
      backfillStartedAt: null,
      backfillFinishedAt: null,
    },
  });
}

export async function runBackfill(propertyId: string, hooks: BackfillHooks = {}): Promise<BackfillOutcome> {
  const property = await db().property.findUniqueOrThrow({ where: { id: propertyId } });
  if (!property.connectionId) throw new Error(`Property ${propertyId} has no Booking.com connection`);
  const client = hooks.client ?? (await clientForConnection(property.connectionId, { fresh: true }));
  const outcome: BackfillOutcome = { conversations: 0, messages: 0 };
  await db().property.update({
    where: { id: propertyId },
    data: { backfillState: "running", backfillError: null, backfillStartedAt: property.backfillStartedAt ?? new Date() },
  });
  try {
    let total = property.backfillTotal;
    if (total === null) {
      total = await countConversations(client, propertyId);
      await db().property.update({ where: { id: propertyId }, data: { backfillTotal: total } });
    }
    let cursor = property.backfillCursor;
    let done = property.backfillDone;
    for (;;) {
      const page = await client.listConversations({ propertyId, ...(cursor ? { pageId: cursor } : {}) });
      for (const conversation of page.conversations) {
        const imported = await importConversation(client, propertyId, conversation.conversationId);
        outcome.messages += imported.inserted;
        outcome.conversations++;
      }
      done += page.conversations.length;
      cursor = page.nextPageId;
      total = Math.max(total, done);
      await db().property.update({ where: { id: propertyId }, data: { backfillCursor: cursor, backfillDone: done, backfillTotal: total } });
      await hooks.afterPage?.(done);
      if (!cursor) break;
    }
    // What moved to the top or arrived while we were paging.
    const first = await client.listConversations({ propertyId });
    for (const conversation of first.conversations) {
      outcome.messages += (await importConversation(client, propertyId, conversation.conversationId, { maxPages: 1 })).inserted;
    }
    await db().property.update({
      where: { id: propertyId },
      data: { backfillState: "done", backfillFinishedAt: new Date(), backfillCursor: null, backfillTotal: Math.max(total, done) },
    });
    return outcome;
  } catch (error) {
    await db()
      .property.update({ where: { id: propertyId }, data: { backfillState: "failed", backfillError: (error instanceof Error ? error.message : String(error)).slice(0, 1000) } })
      .catch(() => undefined);
    throw error;
  }
}

async function countConversations(client: BookingClient, propertyId: string): Promise<number> {
  let count = 0;
  let pageId: string | null = null;
  do {
    const page = await client.listConversations({ propertyId, ...(pageId ? { pageId } : {}) });
    count += page.conversations.length;
    pageId = page.nextPageId;
  } while (pageId);
  return count;
}
