// After an ambiguous send (timeout, dropped connection, 5xx after the request left) our reply may or may
// not be at Booking.com. Before ANY new attempt we read the conversation's newest messages and adopt our
// own message if it is there. A Booking message is ours when: the property sent it, its content matches
// (whitespace-insensitive, links possibly stripped), it is not stamped before we wrote the reply (minus a
// clock-skew allowance), and no OTHER row of ours already holds its id (our own row may have been given
// it by the poller meanwhile, which is still a match). Only when no such message exists is the
// reply provably absent and posted again.
import type { BookingClient } from "../../booking/client";
import { db } from "../../db";
import { syncConfig } from "../config";
import { sameMessageContent } from "../content-match";

export interface FoundMessage {
  bookingId: string;
  timestamp: Date;
}

const MAX_PAGES = 3;

export async function findOwnMessage(
  client: BookingClient,
  target: { messageId: string; propertyId: string; conversationBookingId: string; content: string; writtenAt: Date },
): Promise<FoundMessage | null> {
  const earliest = target.writtenAt.getTime() - syncConfig().SYNC_CLOCK_SKEW_SECONDS * 1000;
  let pageId: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await client.getConversation({ propertyId: target.propertyId, conversationId: target.conversationBookingId, pageId });
    const candidates = result.conversation.messages.filter(
      (message) => message.senderType === "property" && message.timestamp.getTime() >= earliest && sameMessageContent(target.content, message.content),
    );
    if (candidates.length > 0) {
      const taken = new Set(
        (await db().message.findMany({ where: { bookingId: { in: candidates.map((message) => message.messageId) }, id: { not: target.messageId } }, select: { bookingId: true } })).map(
          (row) => row.bookingId,
        ),
      );
      // Oldest free match first: two identical replies sent in a row are adopted in order.
      const free = candidates.filter((message) => !taken.has(message.messageId)).sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
      const first = free[0];
      if (first) return { bookingId: first.messageId, timestamp: first.timestamp };
    }
    const oldest = result.conversation.messages[result.conversation.messages.length - 1];
    if (!result.nextPageId || !oldest || oldest.timestamp.getTime() < earliest) return null;
    pageId = result.nextPageId;
  }
  return null;
}
