import { z } from "zod";
import { HttpError, badRequest, notFound } from "../http/http-error";
import { parseJsonBody, type Reply, type RequestContext } from "../http/router";
import { isoUtc, shownContent } from "../property-api/render";
import { guestCanSendUntilMs } from "../world/messaging-window";
import type { AffiliateRecord, ConversationRecord, MessageRecord } from "../world/types";
import type { World } from "../world/world";
import { authenticateAffiliate, bareReply, dataReply, wantsSandboxExtensions } from "./envelope";

// Demand API messaging (3.1, with the 3.2-Beta differences under /demand/3.2). All POST.
// An affiliate sees only the conversations of bookings it made ("associated to your AID").

export type DemandVersion = "3.1" | "3.2";

export const GUEST_LATEST_LIMIT = 100;

/** Ids arrive as strings or numbers in the guides' examples ("6819547" and 2098153); accept both. */
export const numericId = z.union([z.string().regex(/^\d+$/, "must be a numeric id"), z.number().int().positive()]).transform(String);

export function affiliateConversation(ctx: RequestContext, affiliate: AffiliateRecord, accommodation: string, ids: { conversation?: string; reservation?: string }): ConversationRecord {
  let byId: ConversationRecord | undefined;
  let byReservation: ConversationRecord | undefined;
  if (ids.conversation !== undefined) {
    byId = ctx.world.conversations.get(ids.conversation);
    if (!byId || byId.affiliateId !== affiliate.id) throw notFound(`Conversation ${ids.conversation} not found.`);
  }
  if (ids.reservation !== undefined) {
    byReservation = ctx.world.findByReference(Number(accommodation), "reservation", ids.reservation);
    if (!byReservation || byReservation.affiliateId !== affiliate.id) throw notFound(`No conversation for reservation ${ids.reservation} at accommodation ${accommodation}.`);
  }
  if (byId && byReservation && byId.id !== byReservation.id) throw badRequest("conversation and reservation name different conversations.");
  const conversation = byId ?? byReservation;
  if (!conversation) throw badRequest("Either conversation or reservation is required.");
  if (String(conversation.propertyId) !== accommodation) throw notFound(`Conversation ${conversation.id} does not belong to accommodation ${accommodation}.`);
  return conversation;
}

// ---------- POST /messages/send ----------

const sendBody = z.object({
  conversation: z.string().min(1).optional(),
  // The guides send `reservation` instead of `conversation` ("starts one if none exists"); the spec
  // requires `conversation`. We accept either (doc §2.2).
  reservation: numericId.optional(),
  accommodation: numericId,
  content: z
    .string()
    .max(20_000)
    .refine((text) => text.trim().length > 0, "must not be empty"),
  attachments: z.array(z.string().min(1)).max(10).optional(),
});

export function sendMessage(ctx: RequestContext): Reply {
  const affiliate = authenticateAffiliate(ctx);
  const body = parseJsonBody(ctx, sendBody);
  const attachmentIds = body.attachments ?? [];
  let conversation: ConversationRecord;
  if (body.conversation === undefined && body.reservation === undefined) {
    // A guide example sends only accommodation + attachments + content. An uploaded attachment
    // belongs to one conversation, so that is where the message goes; without one we cannot tell.
    const owner = attachmentIds.length > 0 ? ctx.world.attachments.get(attachmentIds[0] as string)?.conversationId : undefined;
    if (owner === undefined) throw badRequest("Either conversation or reservation is required.");
    conversation = affiliateConversation(ctx, affiliate, body.accommodation, { conversation: owner });
  } else {
    conversation = affiliateConversation(ctx, affiliate, body.accommodation, { conversation: body.conversation, reservation: body.reservation });
  }
  if (attachmentIds.length > 0 && conversation.type === "request_to_book") throw badRequest("Attachments are not available in request_to_book conversations.");
  for (const id of attachmentIds) {
    const attachment = ctx.world.attachments.get(id);
    if (!attachment || attachment.conversationId !== conversation.id) throw badRequest(`Unknown attachment "${id}": upload it to this conversation first.`);
  }
  const property = ctx.world.properties.get(conversation.propertyId);
  if (property && ctx.world.clock.now() > guestCanSendUntilMs(conversation, property)) {
    throw new HttpError(ctx.options.windowClosedStatus, "window_closed", `Guests can send messages until 66 days after checkout or cancellation; that was ${isoUtc(guestCanSendUntilMs(conversation, property))}.`);
  }
  const message = ctx.world.addMessage({
    conversationId: conversation.id,
    sender: "guest",
    type: "free_text",
    content: body.content,
    attachmentIds,
    origin: "guest_api",
  });
  return dataReply({ message: message.id });
}

// ---------- POST /messages/latest and /messages/latest/confirm ----------

/**
 * The guides and the spec disagree on the shape of a latest message: the spec has `message_id`,
 * `conversation.id` and `sender.metadata.name`; the use-case guide shows `message`,
 * `conversation.conversation` and `sender.metadata.id` (holding the hotel's name). The guest side
 * only feeds the sandbox's own guest page and tests, so we send both spellings rather than pick one.
 */
function renderLatestMessage(world: World, message: MessageRecord): Record<string, unknown> {
  const conversation = world.conversations.get(message.conversationId) as ConversationRecord;
  const property = world.properties.get(conversation.propertyId);
  const participantId = message.sender === "guest" ? conversation.guest.participantId : (property?.participantId ?? "");
  const metadata = message.sender === "guest" ? { type: "guest", id: "" } : { type: "property", name: property?.name ?? "", id: property?.name ?? "" };
  return {
    message_id: message.id,
    message: message.id,
    reply_to: null,
    conversation: {
      id: conversation.id,
      conversation: conversation.id,
      accommodation: String(conversation.propertyId),
      reservation: conversation.reservationId ?? conversation.reference,
    },
    content: shownContent(world, message, conversation.propertyId),
    sender: { participant_id: participantId, metadata },
    attachments: message.attachmentIds,
    timestamp: isoUtc(message.timestampMs),
  };
}

export function latestMessages(ctx: RequestContext): Reply {
  const affiliate = authenticateAffiliate(ctx);
  // "Send an empty body; anything in the body is ignored."
  const messages = ctx.world.affiliateLatest(affiliate.id, GUEST_LATEST_LIMIT);
  return dataReply({ messages: messages.map((message) => renderLatestMessage(ctx.world, message)) });
}

const confirmBody = z.object({ messages: z.array(z.string().min(1)).min(1, "must list at least one message id").max(1_000) });

/**
 * 3.1 documents no response body for confirm; 3.2-Beta and the newest page give
 * `{request_id, confirmedMessages}` (at the top level, not under `data`). We answer that on both
 * versions. Ids the affiliate cannot see are ignored and not listed as confirmed.
 */
export function confirmLatest(ctx: RequestContext): Reply {
  const affiliate = authenticateAffiliate(ctx);
  const body = parseJsonBody(ctx, confirmBody);
  const confirmed = body.messages.filter((id) => {
    const message = ctx.world.messages.get(id);
    return message !== undefined && ctx.world.conversations.get(message.conversationId)?.affiliateId === affiliate.id;
  });
  ctx.world.affiliateConfirm(affiliate.id, confirmed);
  return bareReply({ confirmedMessages: confirmed });
}

// ---------- POST /messages/conversations ----------

const conversationsBody = z
  .object({ accommodation: numericId, conversation: z.string().min(1).optional(), reservation: numericId.optional() })
  .refine((body) => body.conversation !== undefined || body.reservation !== undefined, "one of conversation or reservation is required");

export function conversationHistory(version: DemandVersion) {
  return (ctx: RequestContext): Reply => {
    const affiliate = authenticateAffiliate(ctx);
    const body = parseJsonBody(ctx, conversationsBody);
    const conversation = affiliateConversation(ctx, affiliate, body.accommodation, body);
    const property = ctx.world.properties.get(conversation.propertyId);
    const extensions = wantsSandboxExtensions(ctx);
    const messages = ctx.world.messagesOf(conversation).map((message) => {
      const out: Record<string, unknown> = {
        id: message.id,
        sender: message.sender === "guest" ? conversation.guest.participantId : (property?.participantId ?? ""),
        content: shownContent(ctx.world, message, conversation.propertyId),
        attachments: message.attachmentIds,
        timestamp: isoUtc(message.timestampMs),
      };
      // 3.2-Beta drops reply_to; the 3.1 description says "the message this replies to" (nullable).
      if (version === "3.1") out.reply_to = null;
      if (extensions) out.sandbox_read_by = message.readBy;
      return out;
    });
    const rendered: Record<string, unknown> = {
      id: conversation.id,
      reservation: conversation.reservationId ?? conversation.reference,
      messages,
      participants: [
        { id: conversation.guest.participantId, metadata: { type: "guest" } },
        // The spec example has `accommodation_id`; the use-case guide shows the id under `name`.
        { id: property?.participantId ?? "", metadata: { type: "property", name: String(conversation.propertyId), accommodation_id: String(conversation.propertyId) } },
      ],
    };
    if (extensions && property) {
      rendered.sandbox = {
        property_name: property.name,
        property_participant_id: property.participantId,
        guest_name: conversation.guest.name,
        checkin: conversation.stay.checkin,
        checkout: conversation.stay.checkout,
        cancelled: conversation.cancelledAtMs !== null,
        guest_can_send_until: isoUtc(guestCanSendUntilMs(conversation, property)),
      };
    }
    // The 3.1 guides and the migration guide say 3.1 answers `data.conversations` (an object) and
    // 3.2-Beta renamed it `conversation`; the archived 3.1 spec already says `conversation`. We follow
    // the guides for 3.1 (two sources, and the seed example) and use `conversation` under /3.2.
    return dataReply(version === "3.1" ? { conversations: rendered } : { conversation: rendered });
  };
}
