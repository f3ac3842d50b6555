// Tag actions: no_reply_needed on the conversation, and the `read` tag on guest messages (participant =
// the conversation's property participant). Tag calls are idempotent, so the client retries them itself
// and a repeated job is harmless.
import { db } from "../../db";
import type { OutboundAction } from "../../generated/prisma/client";
import { clientForConnection } from "../client-cache";
import { PermanentOutboundError } from "./errors";

export async function executeTag(action: OutboundAction): Promise<void> {
  const conversation = await db().conversation.findUnique({ where: { id: action.conversationId }, include: { property: true } });
  if (!conversation) return;
  if (!conversation.property.connectionId) throw new PermanentOutboundError({ key: "sending.notConnected" });
  const client = await clientForConnection(conversation.property.connectionId);
  const ref = { propertyId: conversation.propertyId, conversationId: conversation.bookingId };

  switch (action.kind) {
    // Either kind sends the mark as it is now, not as it was when the action was queued. Actions run in
    // no fixed order (retries with backoff, several workers), and a guest message can queue a removal
    // right after a staff member set the mark (lib/sync/guest-wrote-again.ts): whichever runs last must
    // leave Booking.com with Bellhop's current mark, or the next read would bring back a stale one.
    case "set_no_reply_needed":
    case "clear_no_reply_needed":
      if (conversation.noReplyNeeded) await client.setNoReplyNeeded(ref);
      else await client.clearNoReplyNeeded(ref);
      return;
    case "mark_read":
    case "mark_unread": {
      const messageIds = readPayload(action.payload);
      if (messageIds.length === 0) return;
      let participantId = conversation.propertyParticipantId;
      if (!participantId) {
        const page = await client.getConversation(ref);
        participantId = page.conversation.participants.find((participant) => participant.type === "property")?.participantId ?? null;
        if (participantId) await db().conversation.update({ where: { id: conversation.id }, data: { propertyParticipantId: participantId } });
      }
      if (!participantId) throw new PermanentOutboundError({ key: "sending.noParticipantId" });
      const input = { ...ref, messageIds, participantId };
      if (action.kind === "mark_read") await client.markMessagesRead(input);
      else await client.unmarkMessagesRead(input);
      return;
    }
    default:
      throw new PermanentOutboundError(`Not a tag action: ${action.kind}`);
  }
}

function readPayload(payload: unknown): string[] {
  if (typeof payload !== "object" || payload === null || !("messageIds" in payload) || !Array.isArray(payload.messageIds)) return [];
  return payload.messageIds.filter((id): id is string => typeof id === "string");
}
