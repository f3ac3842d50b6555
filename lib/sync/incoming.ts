// The sync engine's own shapes for what Booking.com tells us, whatever endpoint it came from (queue,
// conversation pages, search results), so storing is written once.
import type { Conversation, ConversationMessage, MessageAttributes, QueueMessage } from "../booking/types";

export type StoredConversationType = "reservation" | "request_to_book";
export type StoredSenderType = "guest" | "property";

export interface IncomingMessage {
  bookingId: string;
  conversationBookingId: string;
  senderType: StoredSenderType;
  senderParticipantId: string | null;
  senderName: string | null;
  messageType: string;
  content: string;
  attributes: MessageAttributes | null;
  sentAt: Date;
  attachmentIds: string[];
  /** Participant ids that set the `read` tag (conversation reads only; undefined = not known). */
  readBy?: string[];
}

/** What we know about a conversation; undefined fields are unknown and leave the stored value alone. */
export interface ConversationFacts {
  bookingId: string;
  propertyId: string;
  type: StoredConversationType;
  reference: string;
  access?: "read_write" | "read_only";
  guestName?: string;
  guestParticipantId?: string;
  propertyParticipantId?: string;
  noReplyNeeded?: boolean;
}

export function storedConversationType(type: string): StoredConversationType {
  return type === "request_to_book" ? "request_to_book" : "reservation";
}

/** 1.0 responses carry no message_type: everything then reads as free text. */
function messageTypeOf(type: string | undefined): string {
  return type ?? "free_text";
}

function attributesOf(attributes: MessageAttributes | undefined): MessageAttributes | null {
  if (!attributes || Object.keys(attributes).length === 0) return null;
  return attributes;
}

export function fromQueueMessage(message: QueueMessage): IncomingMessage {
  return {
    bookingId: message.messageId,
    conversationBookingId: message.conversation.conversationId,
    senderType: message.sender.type,
    senderParticipantId: message.sender.participantId,
    senderName: message.sender.name ?? null,
    messageType: messageTypeOf(message.messageType),
    content: message.content,
    attributes: attributesOf(message.attributes),
    sentAt: message.timestamp,
    attachmentIds: message.attachmentIds,
  };
}

export function factsOfConversation(conversation: Conversation, propertyId: string): ConversationFacts {
  const guest = conversation.participants.find((participant) => participant.type === "guest");
  const property = conversation.participants.find((participant) => participant.type === "property");
  return {
    bookingId: conversation.conversationId,
    propertyId,
    type: storedConversationType(conversation.type),
    reference: conversation.reference,
    ...(conversation.access ? { access: conversation.access } : {}),
    ...(guest?.name ? { guestName: guest.name } : {}),
    ...(guest ? { guestParticipantId: guest.participantId } : {}),
    ...(property ? { propertyParticipantId: property.participantId } : {}),
    ...(conversation.noReplyNeeded !== undefined ? { noReplyNeeded: conversation.noReplyNeeded } : {}),
  };
}

export function fromConversationMessage(conversation: Conversation, message: ConversationMessage): IncomingMessage | null {
  // A sender that is not among the participants cannot be attributed; skip rather than guess.
  const senderType = message.senderType;
  if (!senderType) return null;
  const sender = conversation.participants.find((participant) => participant.participantId === message.senderId);
  return {
    bookingId: message.messageId,
    conversationBookingId: conversation.conversationId,
    senderType,
    senderParticipantId: message.senderId,
    senderName: sender?.name ?? null,
    messageType: messageTypeOf(message.messageType),
    content: message.content,
    attributes: attributesOf(message.attributes),
    sentAt: message.timestamp,
    attachmentIds: message.attachmentIds,
    readBy: message.readBy,
  };
}

export function messagesOfConversation(conversation: Conversation): IncomingMessage[] {
  return conversation.messages.flatMap((message) => fromConversationMessage(conversation, message) ?? []);
}
