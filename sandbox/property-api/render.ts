import { removeUnapprovedLinks } from "../world/link-filter";
import { conversationAccess } from "../world/messaging-window";
import type { ConversationRecord, MessageRecord, PropertyRecord } from "../world/types";
import type { World } from "../world/world";

// How the property side shows records. Each endpoint has its own spelling of the same facts and we
// copy them rather than normalise (doc §1.4, §1.5, pitfall 6):
// - queue:          sender {participant_id, metadata {participant_type: "property" | "GUEST"}}
// - search results: sender {participant_id, metadata {participant_type: "hotel" | "guest"}}
// - conversations:  `sender_id`, participants with metadata.type "guest" / "property"
// Under Accept-Version 1.0/1.1 `message_type`, `attributes` and the guest's name are left out.
//
// Timestamps: the conversation field tables say "local time, no zone" but every example shows UTC
// with `Z`; we follow the examples (UTC, `Z`, milliseconds) everywhere except the queue's top-level
// `data.timestamp`, whose example has no `Z` and two fraction digits, which we copy.

export function isoUtc(ms: number): string {
  return new Date(ms).toISOString();
}

/** "2020-08-18T14:59:26.41": the form of /messages/latest `data.timestamp`. */
export function queueRequestTimestamp(ms: number): string {
  return new Date(ms).toISOString().slice(0, 22);
}

/** Java ZonedDateTime style, as in the search `expires_at` example: "2021-01-01T14:52:38.860Z[GMT]". */
export function zonedTimestamp(ms: number): string {
  return `${isoUtc(ms)}[GMT]`;
}

/** The guest's name is hidden in a request to book until the booking is confirmed. */
export function guestNameVisible(conversation: ConversationRecord): boolean {
  return conversation.requestToBook === null || conversation.requestToBook.status === "confirmed";
}

export function shownContent(world: World, message: MessageRecord, propertyId: number): string {
  const property = world.properties.get(propertyId);
  return property ? removeUnapprovedLinks(message.content, property.linkAllowlist) : message.content;
}

/**
 * Self-service messages: the managing-conversations page says v1.0 "does not support" them in the
 * conversation endpoints, so they are left out there under 1.0. For the queue the version-history
 * page says the version header plays no part, and hiding them would break confirm-by-count (PUT
 * would remove messages the client never saw), so the queue always carries them.
 */
export function visibleInConversation(message: MessageRecord, v12: boolean): boolean {
  return v12 || message.type !== "self_service_event";
}

function participantIdOf(world: World, conversation: ConversationRecord, message: MessageRecord): string {
  return message.sender === "guest" ? conversation.guest.participantId : (world.properties.get(conversation.propertyId)?.participantId ?? "");
}

function recipientIdOf(world: World, conversation: ConversationRecord, message: MessageRecord): string {
  return message.sender === "guest" ? (world.properties.get(conversation.propertyId)?.participantId ?? "") : conversation.guest.participantId;
}

/** One entry of GET /messages/latest. */
export function renderQueueMessage(world: World, message: MessageRecord, v12: boolean): Record<string, unknown> {
  const conversation = world.conversations.get(message.conversationId);
  if (!conversation) return { message_id: message.id };
  const property = world.properties.get(conversation.propertyId) as PropertyRecord;
  const metadata: Record<string, unknown> = { participant_type: message.sender === "guest" ? "GUEST" : "property" };
  if (v12) {
    if (message.sender === "property") metadata.name = property.name;
    else if (guestNameVisible(conversation)) metadata.name = conversation.guest.name;
  }
  if (message.sender === "property") metadata.email_alias = property.emailAlias;
  const out: Record<string, unknown> = {
    message_id: message.id,
    content: shownContent(world, message, conversation.propertyId),
    timestamp: isoUtc(message.timestampMs),
    attachment_ids: message.attachmentIds,
    // "ID of the participant to which the message is sent" (a participant id, not a message id).
    reply_to: recipientIdOf(world, conversation, message),
    sender: { participant_id: participantIdOf(world, conversation, message), metadata },
    conversation: {
      property_id: String(conversation.propertyId),
      conversation_id: conversation.id,
      conversation_reference: conversation.reference,
      conversation_type: conversation.type,
    },
  };
  if (v12) {
    out.message_type = message.type;
    if (message.attributes) out.attributes = message.attributes;
  }
  return out;
}

/** One message inside the conversation endpoints. */
export function renderConversationMessage(world: World, conversation: ConversationRecord, message: MessageRecord, v12: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {
    message_id: message.id,
    content: shownContent(world, message, conversation.propertyId),
    timestamp: isoUtc(message.timestampMs),
    sender_id: participantIdOf(world, conversation, message),
  };
  // The examples leave `attachment_ids` out on messages without attachments.
  if (message.attachmentIds.length > 0) out.attachment_ids = message.attachmentIds;
  if (v12) {
    out.message_type = message.type;
    if (message.attributes) out.attributes = message.attributes;
  }
  // The docs' example prints `tags.read` as a separate array element, which reads as a formatting
  // slip (doc §1.5); it belongs on the message, as the field table and POC have it.
  out.tags = { read: { set: message.readBy.length > 0, participants: message.readBy } };
  return out;
}

export function renderParticipants(world: World, conversation: ConversationRecord, v12: boolean): Record<string, unknown>[] {
  const property = world.properties.get(conversation.propertyId) as PropertyRecord;
  const guestMetadata: Record<string, unknown> = { type: "guest" };
  if (v12 && guestNameVisible(conversation)) guestMetadata.name = conversation.guest.name;
  return [
    { participant_id: conversation.guest.participantId, metadata: guestMetadata },
    // The property id is a number here in every example (the table says string).
    { participant_id: property.participantId, metadata: { type: "property", id: property.id } },
  ];
}

export function renderConversationHead(world: World, conversation: ConversationRecord, v12: boolean, nowMs: number): Record<string, unknown> {
  const property = world.properties.get(conversation.propertyId) as PropertyRecord;
  return {
    conversation_id: conversation.id,
    // A string in every example, although the table types it integer.
    conversation_reference: conversation.reference,
    conversation_type: conversation.type,
    access: conversationAccess(conversation, property, nowMs),
    participants: renderParticipants(world, conversation, v12),
    tags: { no_reply_needed: { set: conversation.noReplyNeeded } },
  };
}

/** One entry of GET /messages/search/result/{job_id}. */
export function renderSearchMessage(world: World, message: MessageRecord, v12: boolean): Record<string, unknown> {
  const conversation = world.conversations.get(message.conversationId);
  if (!conversation) return { message_id: message.id };
  const property = world.properties.get(conversation.propertyId) as PropertyRecord;
  const metadata: Record<string, unknown> = { participant_type: message.sender === "guest" ? "guest" : "hotel" };
  if (v12) {
    if (message.sender === "property") metadata.name = property.name;
    else if (guestNameVisible(conversation)) metadata.name = conversation.guest.name;
  }
  const out: Record<string, unknown> = {
    message_id: message.id,
    content: shownContent(world, message, conversation.propertyId),
    timestamp: isoUtc(message.timestampMs),
    attachment_ids: message.attachmentIds,
    property_id: String(conversation.propertyId),
    sender: { participant_id: participantIdOf(world, conversation, message), metadata },
    conversation: {
      conversation_id: conversation.id,
      conversation_reference: conversation.reference,
      conversation_type: conversation.type,
    },
  };
  if (v12) {
    out.message_type = message.type;
    if (message.attributes) out.attributes = message.attributes;
  }
  return out;
}
