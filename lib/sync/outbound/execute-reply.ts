// Sending one reply, never twice:
//   - a reply whose last attempt ended ambiguously (sendState sending/unknown) is first looked for at
//     Booking.com (find-own-message.ts) and adopted if there; only if provably absent is it posted again;
//   - images are uploaded first, each upload's Booking id saved at once so a retry does not re-upload;
//   - right before the POST the row is marked `sending`; an ambiguous failure turns it `unknown` and the
//     job is retried later (giving Booking time to show the message), a clear failure puts it back in
//     `queued` (retry) or `failed` (4xx: the API's message; a closed window also updates the conversation).
import { isBookingApiError, type BookingApiError } from "../../booking/errors";
import { db } from "../../db";
import type { OutboundAction } from "../../generated/prisma/client";
import { clientForConnection } from "../client-cache";
import { refreshConversationSummaries } from "../conversation-summary";
import { apiReason, PermanentOutboundError, READ_ONLY_REASON, RetryableOutboundError, sendErrorColumns, type FailureReason } from "./errors";
import { findOwnMessage } from "./find-own-message";

export async function executeReply(action: OutboundAction): Promise<void> {
  if (!action.messageId) throw new PermanentOutboundError({ key: "sending.noMessage" });
  let message = await db().message.findUnique({ where: { id: action.messageId }, include: { attachments: true } });
  if (!message) return; // deleted with its conversation (or cancelled): nothing left to send
  if (message.sendState === "scheduled") {
    // Its time has come: from now on it is a reply written now, sent like any other. Dated now, too:
    // after an ambiguous attempt, Booking.com's copy is looked for among messages stamped since.
    const now = new Date();
    const started = await db().$transaction(async (tx) => {
      const changed = await tx.message.updateMany({ where: { id: message!.id, sendState: "scheduled" }, data: { sendState: "queued", sentAt: now } });
      await refreshConversationSummaries(tx, [message!.conversationId]);
      return changed.count > 0;
    });
    if (!started) return;
    message = { ...message, sendState: "queued", sentAt: now };
  }
  if (message.sendState === "sent" && message.bookingId) return;
  const conversation = await db().conversation.findUniqueOrThrow({ where: { id: message.conversationId }, include: { property: true } });
  const connectionId = conversation.property.connectionId;
  if (!connectionId) throw new PermanentOutboundError({ key: "sending.notConnected" });
  const client = await clientForConnection(connectionId);
  const target = {
    messageId: message.id,
    propertyId: conversation.propertyId,
    conversationBookingId: conversation.bookingId,
    content: message.content,
    writtenAt: message.sentAt,
  };

  if (message.sendState === "sending" || message.sendState === "unknown") {
    const found = await findOwnMessage(client, target);
    if (found) {
      await markSent(message.id, message.conversationId, found.bookingId, found.timestamp);
      return;
    }
    // Read again: the poller may have matched the queue's copy to this row while we were looking.
    const again = await db().message.findUnique({ where: { id: message.id }, select: { sendState: true, bookingId: true } });
    if (again?.sendState === "sent" && again.bookingId) return;
  }

  if (conversation.access === "read_only") throw new PermanentOutboundError(READ_ONLY_REASON);

  const attachmentIds: string[] = [];
  for (const attachment of message.attachments) {
    if (attachment.bookingId) {
      attachmentIds.push(attachment.bookingId);
      continue;
    }
    if (!attachment.content || !attachment.fileType) throw new PermanentOutboundError({ key: "sending.imageMissing" });
    const uploaded = await client.uploadAttachment({
      propertyId: conversation.propertyId,
      conversationId: conversation.bookingId,
      fileName: attachment.fileName ?? "image",
      fileType: attachment.fileType,
      content: new Uint8Array(attachment.content),
    });
    await db().attachment.update({ where: { id: attachment.id }, data: { bookingId: uploaded.attachmentId } });
    attachmentIds.push(uploaded.attachmentId);
  }

  const marked = await db().message.updateMany({
    where: { id: message.id, sendState: { in: ["queued", "sending", "unknown", "failed"] }, bookingId: null },
    data: { sendState: "sending", ...sendErrorColumns(null) },
  });
  if (marked.count === 0) return; // sent meanwhile (adopted by the poller)

  try {
    const posted = await client.postMessage({ propertyId: conversation.propertyId, conversationId: conversation.bookingId, content: message.content, attachmentIds });
    await markSent(message.id, message.conversationId, posted.messageId, null);
  } catch (error) {
    if (!isBookingApiError(error)) {
      // Not Booking's answer (e.g. our process): we cannot tell whether it went out.
      await setState(message.id, "unknown", String(error));
      throw new RetryableOutboundError(String(error));
    }
    if (error.ambiguous) {
      await setState(message.id, "unknown", { key: "sending.notSureReceived", values: { detail: error.message } });
      throw new RetryableOutboundError(apiReason(error), error.ruid);
    }
    if (error.isTransient) {
      await setState(message.id, "queued", apiReason(error));
      throw new RetryableOutboundError(apiReason(error), error.ruid);
    }
    await handleRefusal(error, conversation, client);
  }
}

async function setState(messageId: string, state: "unknown" | "queued", reason: FailureReason): Promise<void> {
  await db().$transaction(async (tx) => {
    const changed = await tx.message.updateMany({ where: { id: messageId, sendState: "sending", bookingId: null }, data: { sendState: state, ...sendErrorColumns(reason) } });
    if (changed.count > 0) {
      const row = await tx.message.findUniqueOrThrow({ where: { id: messageId }, select: { conversationId: true } });
      await refreshConversationSummaries(tx, [row.conversationId]);
    }
  });
}

/** A 4xx: fail with Booking's message. A refusal because the window closed also closes our copy. */
async function handleRefusal(
  error: BookingApiError,
  conversation: { id: string; propertyId: string; bookingId: string },
  client: Awaited<ReturnType<typeof clientForConnection>>,
): Promise<never> {
  const mentionsWindow = /read_only|window|closed/i.test([error.message, ...error.apiMessages].join(" "));
  if (error.kind === "forbidden" || error.kind === "bad_request" || mentionsWindow) {
    let readOnly = mentionsWindow;
    try {
      const page = await client.getConversation({ propertyId: conversation.propertyId, conversationId: conversation.bookingId });
      readOnly = page.conversation.access === "read_only";
    } catch {
      // Keep what the refusal said.
    }
    if (readOnly) {
      await db().conversation.update({ where: { id: conversation.id }, data: { access: "read_only" } });
      throw new PermanentOutboundError(READ_ONLY_REASON, error.ruid);
    }
  }
  throw new PermanentOutboundError(apiReason(error), error.ruid);
}

/**
 * Gives our row its Booking id. If the queue's copy was already stored as a separate row (its content
 * differed too much to be matched), that copy is removed: our row is the message.
 */
async function markSent(messageId: string, conversationId: string, bookingId: string, bookingTimestamp: Date | null): Promise<void> {
  await db().$transaction(async (tx) => {
    await tx.message.deleteMany({ where: { bookingId, id: { not: messageId }, clientKey: null } });
    await tx.message.update({
      where: { id: messageId },
      data: { bookingId, sendState: "sent", ...sendErrorColumns(null), ...(bookingTimestamp ? { sentAt: bookingTimestamp } : {}) },
    });
    await refreshConversationSummaries(tx, [conversationId]);
  });
}
