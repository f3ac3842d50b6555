// Importing one conversation's history page by page (50 messages each, newest first), one transaction
// per page. Shared by backfill (whole history) and reconciliation (newest page only).
import type { BookingClient } from "../booking/client";
import { factsOfConversation, messagesOfConversation } from "./incoming";
import { storeBatch, type StoreResult } from "./store-messages";

export interface ImportOutcome {
  pages: number;
  inserted: number;
  readTagsUpdated: number;
}

export async function importConversation(
  client: BookingClient,
  propertyId: string,
  conversationId: string,
  options: { maxPages?: number } = {},
): Promise<ImportOutcome> {
  const outcome: ImportOutcome = { pages: 0, inserted: 0, readTagsUpdated: 0 };
  let pageId: string | undefined;
  do {
    // Tags staff changed after this moment are not overwritten with what this read shows (store-messages.ts).
    const observedAt = new Date();
    const page = await client.getConversation({ propertyId, conversationId, pageId });
    const result: StoreResult = await storeBatch({
      facts: [factsOfConversation(page.conversation, propertyId)],
      messages: messagesOfConversation(page.conversation),
      observedAt,
    });
    outcome.pages++;
    outcome.inserted += result.inserted + result.adopted;
    outcome.readTagsUpdated += result.readTagsUpdated;
    pageId = page.nextPageId ?? undefined;
  } while (pageId && outcome.pages < (options.maxPages ?? Number.POSITIVE_INFINITY));
  return outcome;
}
