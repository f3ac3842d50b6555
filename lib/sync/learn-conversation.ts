// A queue message may belong to a conversation we have never seen. Its participants, guest name, type,
// reference and access come only from the conversation endpoint, which needs the property id: the queue
// message usually carries it, and when it does not we try each property of the connection in turn
// (a wrong property answers 404/403).
import type { BookingClient } from "../booking/client";
import { isBookingApiError } from "../booking/errors";
import type { Conversation } from "../booking/types";
import { factsOfConversation, messagesOfConversation, type ConversationFacts, type IncomingMessage } from "./incoming";

export interface LearnedConversation {
  facts: ConversationFacts;
  /** The newest page (up to 50 messages), e.g. to see whether the property already wrote. */
  newestMessages: IncomingMessage[];
  raw: Conversation;
}

export interface ConversationToLearn {
  bookingId: string;
  /** From the queue message, when present. */
  propertyIdHint?: string;
}

/**
 * Learns conversations in parallel (bounded), each trying only properties in `allowedPropertyIds`.
 * Conversations of other properties are left out of the result (the caller skips their messages).
 * Any other failure throws: the batch is then not stored and not confirmed, and is read again later.
 */
export async function learnConversations(
  client: BookingClient,
  wanted: ConversationToLearn[],
  allowedPropertyIds: readonly string[],
  concurrency = 8,
): Promise<Map<string, LearnedConversation>> {
  const learned = new Map<string, LearnedConversation>();
  let next = 0;
  async function lane(): Promise<void> {
    while (next < wanted.length) {
      const item = wanted[next++]!;
      const candidates = item.propertyIdHint !== undefined ? allowedPropertyIds.filter((id) => id === item.propertyIdHint) : allowedPropertyIds;
      for (const propertyId of candidates) {
        const found = await fetchIfThere(client, propertyId, item.bookingId);
        if (found) {
          learned.set(item.bookingId, found);
          break;
        }
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, wanted.length) }, lane));
  return learned;
}

async function fetchIfThere(client: BookingClient, propertyId: string, conversationId: string): Promise<LearnedConversation | null> {
  try {
    const page = await client.getConversation({ propertyId, conversationId });
    return { facts: factsOfConversation(page.conversation, propertyId), newestMessages: messagesOfConversation(page.conversation), raw: page.conversation };
  } catch (error) {
    if (isBookingApiError(error) && (error.kind === "not_found" || error.kind === "forbidden")) return null;
    throw error;
  }
}
