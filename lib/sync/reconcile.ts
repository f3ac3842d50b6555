// Reconciliation: the queue can lose messages (a confirm that removed more than we read, a queue reset,
// an outage longer than the queue keeps messages) and tags change without any queue message (read tags,
// no_reply_needed, access turning read_only, the guest name after a request to book is confirmed).
// Periodically (hourly by default) the poller that holds a connection's lock re-reads, per property, the
// first N pages of the conversation list and each listed conversation's newest page of messages,
// inserting what is missing and updating tags; storing is idempotent, so what comes back twice counts once.
// After a long outage (the last successful poll older than SYNC_OUTAGE_HOURS) it also runs Booking's
// message search from the last poll on and stores the results like queue messages.
import type { BookingClient } from "../booking/client";
import { db } from "../db";
import { clientForConnection } from "./client-cache";
import { syncConfig } from "./config";
import { importConversation } from "./import-conversation";
import { storeQueueBatch } from "./queue-poller";

export interface ReconcileOutcome {
  conversationsChecked: number;
  inserted: number;
  readTagsUpdated: number;
  searched: boolean;
  searchMessages: number;
}

export interface ReconcileOptions {
  client?: BookingClient;
  pages?: number;
  /** Run the search recovery whatever the last poll time. */
  forceSearch?: boolean;
  /** Waits between search-result polls (tests shorten it). */
  searchPollMs?: number;
}

export async function reconcileConnection(connectionId: string, options: ReconcileOptions = {}): Promise<ReconcileOutcome> {
  const config = syncConfig();
  const connection = await db().bookingConnection.findUniqueOrThrow({
    where: { id: connectionId },
    include: { properties: { where: { enabled: true }, include: { welcomeReply: { select: { body: true } } } } },
  });
  const client = options.client ?? (await clientForConnection(connectionId));
  const outcome: ReconcileOutcome = { conversationsChecked: 0, inserted: 0, readTagsUpdated: 0, searched: false, searchMessages: 0 };
  const startedAt = new Date();

  const outageMs = config.SYNC_OUTAGE_HOURS * 3_600_000;
  const lastPoll = connection.lastPollAt?.getTime();
  if (options.forceSearch || (lastPoll !== undefined && startedAt.getTime() - lastPoll > outageMs)) {
    const after = new Date((lastPoll ?? startedAt.getTime() - 89 * 86_400_000) - 3_600_000);
    const found = await recoverBySearch(client, connection.properties, after, options.searchPollMs ?? 1_000);
    outcome.searched = true;
    outcome.searchMessages = found.read;
    outcome.inserted += found.inserted;
  }

  // Properties still being backfilled get their whole history from the backfill.
  for (const property of connection.properties.filter((candidate) => candidate.backfillState === "done")) {
    let pageId: string | undefined;
    for (let page = 0; page < (options.pages ?? config.SYNC_RECONCILE_PAGES); page++) {
      const list = await client.listConversations({ propertyId: property.id, pageId });
      for (const conversation of list.conversations) {
        const imported = await importConversation(client, property.id, conversation.conversationId, { maxPages: 1 });
        outcome.conversationsChecked++;
        outcome.inserted += imported.inserted;
        outcome.readTagsUpdated += imported.readTagsUpdated;
      }
      if (!list.nextPageId) break;
      pageId = list.nextPageId;
    }
  }
  await db().bookingConnection.update({ where: { id: connectionId }, data: { lastReconcileAt: startedAt } });
  return outcome;
}

async function recoverBySearch(
  client: BookingClient,
  properties: Parameters<typeof storeQueueBatch>[1],
  after: Date,
  pollMs: number,
): Promise<{ read: number; inserted: number }> {
  // The window is at most 90 days and both bounds must lie in the past.
  const before = new Date(Date.now() - 1_000);
  const earliest = new Date(before.getTime() - 89 * 86_400_000);
  const job = await client.startMessageSearch({ after: after < earliest ? earliest : after, before, orderBy: "asc" });
  let pageId: string | undefined;
  let read = 0;
  let inserted = 0;
  for (let polls = 0; polls < 600; polls++) {
    const page = await client.getMessageSearchResult({ jobId: job.jobId, pageId });
    if (!page.ready) {
      await new Promise((resolve) => setTimeout(resolve, pollMs));
      continue;
    }
    const { outcome: stored, updateInboxColumns } = await storeQueueBatch(page.messages, properties, client);
    await updateInboxColumns();
    read += stored.read;
    inserted += stored.inserted + stored.adopted;
    if (!page.nextPageId) return { read, inserted };
    pageId = page.nextPageId;
  }
  throw new Error("The message search did not finish in time; it will be tried again at the next reconciliation.");
}
