import { z } from "zod";
import { badRequest, notFound } from "../http/http-error";
import { parseJsonBody, type Reply, type RequestContext } from "../http/router";
import type { ConversationRecord } from "../world/types";
import type { World } from "../world/world";
import { okReply } from "./envelope";
import { conversationScope, propertyScope, refuseInRequestToBook } from "./lookup";

// Tags (Managing tags page). Partners can set only `no_reply_needed` (per conversation) and `read`
// (per message and participant). Responses are `{tag, is_set}` with no `ok`, as documented (POC's
// extra `ok: true` is not in Booking's text). The read tag's response says "read", not
// "message_read". Tagging is disabled in request-to-book conversations.

const CATALOGUE = [
  { tag: "pending_none", description: "Nobody has to reply.", usage: "Internal, can only be retrieved with conversation." },
  { tag: "no_reply_needed", description: "The conversation does not need a reply.", usage: "Can be set and removed by partners on a conversation." },
  { tag: "read", description: "The message was read by the participant.", usage: "Can be set and removed by partners on messages, per participant." },
  { tag: "delivered", description: "The message was delivered.", usage: "Internal, can only be retrieved with conversation." },
  { tag: "replied", description: "The message was replied to.", usage: "Internal, can only be retrieved with conversation." },
  { tag: "pending_guest", description: "Waiting for the guest to reply.", usage: "Internal, can only be retrieved with conversation." },
  { tag: "pending_property", description: "Waiting for the property to reply.", usage: "Internal, can only be retrieved with conversation." },
  { tag: "sent", description: "The message was sent.", usage: "Internal, can only be retrieved with conversation." },
];

export function listTags(ctx: RequestContext): Reply {
  propertyScope(ctx);
  return okReply({ tags: CATALOGUE });
}

function setNoReplyNeeded(world: World, conversation: ConversationRecord, value: boolean): Reply {
  refuseInRequestToBook(conversation, "Tags");
  conversation.noReplyNeeded = value;
  world.onChange();
  return okReply({ tag: "no_reply_needed", is_set: value });
}

export function putNoReplyNeeded(ctx: RequestContext): Reply {
  const { conversation } = conversationScope(ctx);
  return setNoReplyNeeded(ctx.world, conversation, true);
}

export function deleteNoReplyNeeded(ctx: RequestContext): Reply {
  const { conversation } = conversationScope(ctx);
  return setNoReplyNeeded(ctx.world, conversation, false);
}

const readTagBody = z.object({
  message_ids: z.array(z.string().min(1)).min(1, "must list at least one message id"),
  participant_id: z.string().min(1),
});

function setRead(ctx: RequestContext, conversation: ConversationRecord, messageIds: string[], participantId: string, value: boolean): void {
  refuseInRequestToBook(conversation, "Tags");
  const property = ctx.world.properties.get(conversation.propertyId);
  if (participantId !== conversation.guest.participantId && participantId !== property?.participantId) {
    throw badRequest(`participant_id "${participantId}" is not a participant of this conversation.`);
  }
  const messages = messageIds.map((id) => {
    const message = ctx.world.messages.get(id);
    if (!message || message.conversationId !== conversation.id) throw notFound(`Message ${id} not found in conversation ${conversation.id}.`);
    return message;
  });
  for (const message of messages) {
    const has = message.readBy.includes(participantId);
    if (value && !has) message.readBy.push(participantId);
    if (!value && has) message.readBy = message.readBy.filter((id) => id !== participantId);
  }
  ctx.world.onChange();
}

export function putMessageRead(ctx: RequestContext): Reply {
  const { conversation } = conversationScope(ctx);
  const body = parseJsonBody(ctx, readTagBody);
  setRead(ctx, conversation, body.message_ids, body.participant_id, true);
  return okReply({ tag: "read", is_set: true });
}

export function deleteMessageRead(ctx: RequestContext): Reply {
  const { conversation } = conversationScope(ctx);
  const body = parseJsonBody(ctx, readTagBody);
  setRead(ctx, conversation, body.message_ids, body.participant_id, false);
  // Docs: false. Observed live (POC): true, meaning "the operation succeeded". Configurable.
  return okReply({ tag: "read", is_set: ctx.options.messageReadDeleteIsSet });
}

// The experimental generic endpoints ("for testing purposes"): body {tag, message_ids?, participant_id?}.
const genericTagBody = z.discriminatedUnion("tag", [
  z.object({ tag: z.literal("no_reply_needed") }),
  z.object({ tag: z.literal("read"), message_ids: readTagBody.shape.message_ids, participant_id: readTagBody.shape.participant_id }),
]);

function genericTag(ctx: RequestContext, value: boolean): Reply {
  const { conversation } = conversationScope(ctx);
  const body = parseJsonBody(ctx, genericTagBody);
  if (body.tag === "no_reply_needed") return setNoReplyNeeded(ctx.world, conversation, value);
  setRead(ctx, conversation, body.message_ids, body.participant_id, value);
  return okReply({ tag: "read", is_set: value });
}

export const postGenericTag = (ctx: RequestContext): Reply => genericTag(ctx, true);
export const deleteGenericTag = (ctx: RequestContext): Reply => genericTag(ctx, false);
