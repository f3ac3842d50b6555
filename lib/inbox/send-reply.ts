// Staff actions that go to Booking.com are queued by the sync engine (lib/sync/outbound): the inbox
// checks scope first (a foreign conversation is a 404) and hands over the browser's idempotency key,
// so a double click or a retried request is one message.
import { z } from "zod";
import { AppError } from "../api/errors";
import type { Viewer } from "../auth/guard";
import { db } from "../db";
import { cancelScheduled, enqueueNoReplyNeeded, enqueueReply, retryOutbound } from "../sync/outbound/enqueue";
import { clearDraft } from "./drafts";
import { findScopedConversation } from "./get-conversation";

export async function sendReply(
  viewer: Viewer,
  conversationId: string,
  input: { content: string; clientKey: string; attachmentIds?: string[]; sendAt?: string; seenReplyAt?: string | null },
): Promise<{ messageId: string; created: boolean }> {
  const conversation = await findScopedConversation(viewer, conversationId);
  const sent = await enqueueReply({ viewer, conversationId: conversation.id, ...input });
  // What the box held has gone (or is scheduled to): its draft, on every device, with it.
  await clearDraft(viewer, conversation.id);
  return sent;
}

/** Cancels a reply scheduled for later, before it starts to go (then 409). */
export async function cancelScheduledReply(viewer: Viewer, conversationId: string, messageId: string): Promise<{ cancelled: true }> {
  const conversation = await findScopedConversation(viewer, conversationId);
  await cancelScheduled({ viewer, messageId: await messageOf(conversation.id, messageId) });
  return { cancelled: true };
}

export async function retryReply(viewer: Viewer, conversationId: string, messageId: string): Promise<{ ok: true }> {
  const conversation = await findScopedConversation(viewer, conversationId);
  await retryOutbound({ viewer, messageId: await messageOf(conversation.id, messageId) });
  return { ok: true };
}

export async function setNoReplyNeeded(viewer: Viewer, conversationId: string, input: { value: boolean; clientKey?: string; seenGuestMessageAt?: string | null }): Promise<{ noReplyNeeded: boolean }> {
  const conversation = await findScopedConversation(viewer, conversationId);
  await enqueueNoReplyNeeded({ viewer, conversationId: conversation.id, value: input.value, clientKey: input.clientKey, seenGuestMessageAt: input.seenGuestMessageAt });
  return { noReplyNeeded: input.value };
}

/** The message must belong to the (already scope-checked) conversation, or it does not exist. */
async function messageOf(conversationId: string, messageId: string): Promise<string> {
  const id = z.uuid().safeParse(messageId);
  const message = id.success ? await db().message.findFirst({ where: { id: id.data, conversationId }, select: { id: true } }) : null;
  if (!message) throw AppError.worded("not_found", "replies.messageNotFound");
  return message.id;
}
