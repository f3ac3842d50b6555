// Conversations as the sync engine would have stored them, for integration tests: the list's
// denormalised columns filled to match what the guest wrote.
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

/**
 * A conversation row alone (no message rows), as the list sees it: the guest wrote `ago` ms before now
 * (default an hour; null: nothing written yet), unread for everyone and waiting for a reply unless
 * `waiting` is false or it is marked "no reply needed".
 */
export async function listedConversation(seed: { ago?: number | null; at?: Date; propertyId?: string; guestName?: string; waiting?: boolean; noReplyNeeded?: boolean } = {}) {
  const at = seed.at ?? (seed.ago === null ? null : new Date(Date.now() - (seed.ago ?? 60 * 60_000)));
  return db().conversation.create({
    data: {
      bookingId: randomUUID(),
      propertyId: seed.propertyId ?? "111",
      type: "reservation",
      reference: String(Math.floor(Math.random() * 1e10)),
      guestName: seed.guestName ?? "Ana Souza",
      lastMessageAt: at,
      lastMessagePreview: at ? "Hello" : null,
      lastMessageSender: at ? "guest" : null,
      lastGuestMessageAt: at,
      needsReplySince: at && seed.waiting !== false && !seed.noReplyNeeded ? at : null,
      noReplyNeeded: seed.noReplyNeeded ?? false,
    },
  });
}
