// Writing a reply before it is sent: the Message (sendState queued, shown as "sending" at once), its
// OutboundAction, and the conversation's inbox columns, in the caller's transaction.
import type { Prisma } from "../../generated/prisma/client";
import { refreshConversationSummaries } from "../conversation-summary";

type Tx = Prisma.TransactionClient;

export interface NewReply {
  conversationId: string;
  propertyId: string;
  content: string;
  clientKey: string;
  kind: "reply" | "welcome";
  authorId: string | null;
  senderName: string | null;
  attachmentIds: string[];
}

export async function createReplyIn(tx: Tx, reply: NewReply): Promise<{ messageId: string; actionId: string }> {
  const message = await tx.message.create({
    data: {
      conversationId: reply.conversationId,
      propertyId: reply.propertyId,
      senderType: "property",
      senderName: reply.senderName,
      messageType: "free_text",
      content: reply.content,
      sentAt: new Date(),
      authorId: reply.authorId,
      clientKey: reply.clientKey,
      sendState: "queued",
    },
  });
  if (reply.attachmentIds.length > 0) {
    await tx.attachment.updateMany({ where: { id: { in: reply.attachmentIds }, conversationId: reply.conversationId, messageId: null }, data: { messageId: message.id } });
  }
  const action = await tx.outboundAction.create({
    data: {
      kind: reply.kind,
      conversationId: reply.conversationId,
      messageId: message.id,
      clientKey: reply.clientKey,
      payload: { attachmentIds: reply.attachmentIds },
      createdById: reply.authorId,
    },
  });
  await refreshConversationSummaries(tx, [reply.conversationId]);
  return { messageId: message.id, actionId: action.id };
}
