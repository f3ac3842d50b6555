// A conversation as the sync engine would have stored it for integration tests: guest messages only,
// so it is waiting for a reply since the first, with the list's denormalised columns filled to match.
import { randomUUID } from "node:crypto";
import { db } from "@/lib/db";

export async function waitingConversation(propertyId: string, messages: { content: string; at: Date }[]): Promise<string> {
  const first = messages[0];
  const last = messages[messages.length - 1];
  if (!first || !last) throw new Error("a waiting conversation needs at least one guest message");
  const row = await db().conversation.create({
    data: {
      bookingId: randomUUID(),
      propertyId,
      type: "reservation",
      reference: String(Math.floor(Math.random() * 1e10)),
      guestName: "Ana Souza",
      lastMessageAt: last.at,
      lastMessagePreview: last.content,
      lastMessageSender: "guest",
      lastGuestMessageAt: last.at,
      needsReplySince: first.at,
      messageCount: messages.length,
    },
  });
  for (const message of messages) {
    await db().message.create({ data: { bookingId: randomUUID(), conversationId: row.id, propertyId, senderType: "guest", content: message.content, sentAt: message.at } });
  }
  return row.id;
}
