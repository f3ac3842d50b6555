// Writing a reply before it is sent: the Message (sendState queued, shown as "sending" at once), its
// OutboundAction, and the conversation's inbox columns, in the caller's transaction. A reply to send
// later is `scheduled`, dated at its time, and its action waits for it (runAfter); at that time the
// action turns it into a queued reply written then, and sends it like any other (execute-reply.ts).
import { AppError } from "../../api/errors";
import type { Prisma } from "../../generated/prisma/client";
import { refreshConversationSummaries } from "../conversation-summary";

type Tx = Prisma.TransactionClient;

/** An image the reply names is not this conversation's unsent upload (any more): the staff member uploads it again. */
export function attachmentGone(): AppError {
  return AppError.worded("bad_request", "replies.attachmentGone");
}

export interface NewReply {
  conversationId: string;
  propertyId: string;
  content: string;
  clientKey: string;
  kind: "reply" | "welcome";
  authorId: string | null;
  senderName: string | null;
  attachmentIds: string[];
  /** Send later, at this time; absent: now. */
  sendAt?: Date;
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
      sentAt: reply.sendAt ?? new Date(),
      authorId: reply.authorId,
      clientKey: reply.clientKey,
      sendState: reply.sendAt ? "scheduled" : "queued",
    },
  });
  if (reply.attachmentIds.length > 0) {
    const taken = await tx.attachment.updateMany({ where: { id: { in: reply.attachmentIds }, conversationId: reply.conversationId, messageId: null }, data: { messageId: message.id } });
    // Checked before, but an image can go in between (another reply took it, or housekeeping deleted an
    // abandoned upload, lib/sync/abandoned-uploads.ts): the reply must not go without it. The
    // transaction rolls back, and nothing is written.
    if (taken.count !== new Set(reply.attachmentIds).size) throw attachmentGone();
  }
  const action = await tx.outboundAction.create({
    data: {
      kind: reply.kind,
      conversationId: reply.conversationId,
      messageId: message.id,
      clientKey: reply.clientKey,
      payload: { attachmentIds: reply.attachmentIds },
      createdById: reply.authorId,
      runAfter: reply.sendAt ?? null,
    },
  });
  await refreshConversationSummaries(tx, [reply.conversationId]);
  return { messageId: message.id, actionId: action.id };
}
