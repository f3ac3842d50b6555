// Saved replies usable in one conversation (shared ones and its property's), rendered with that
// conversation's values so the picker shows exactly what will be inserted.
import type { Viewer } from "../auth/guard";
import { db } from "../db";
import { findScopedConversation } from "./get-conversation";
import { renderReply } from "./placeholders";
import type { SavedReplyPreview } from "./schemas";

export async function listSavedReplies(viewer: Viewer, conversationId: string): Promise<{ replies: SavedReplyPreview[] }> {
  const conversation = await findScopedConversation(viewer, conversationId);
  const replies = await db().savedReply.findMany({
    where: { OR: [{ propertyId: null }, { propertyId: conversation.propertyId }] },
    orderBy: [{ title: "asc" }, { id: "asc" }],
    select: { id: true, title: true, body: true },
  });
  const values = { guest_name: conversation.guestName, property_name: conversation.property.name, reservation_number: conversation.reference };
  return { replies: replies.map((reply) => ({ id: reply.id, title: reply.title, ...renderReply(reply.body, values) })) };
}
