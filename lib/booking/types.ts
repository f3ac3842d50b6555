// Domain types the rest of Bellhop sees. Raw Booking.com shapes never leave lib/booking: the schemas in
// schemas.ts parse and normalise every response into these camelCase types (ids as strings, timestamps as
// Dates, participant types as 'guest' | 'property').

export type ParticipantType = "guest" | "property";

/** Values documented for `message_type` (Accept-Version 1.2). Unknown values are passed through as strings. */
export type KnownMessageType =
  | "free_text"
  | "email"
  | "automatically_sent_template"
  | "self_service_event"
  | "request_to_book_event";
// `string & {}` keeps editor completion for the known values while accepting new ones Booking may add.
export type MessageType = KnownMessageType | (string & {});

/** Documented values are `reservation` and `request_to_book`. */
export type ConversationType = "reservation" | "request_to_book" | (string & {});

export type ConversationAccess = "read_only" | "read_write";

/** Present only under Accept-Version 1.2. */
export interface MessageAttributes {
  selfServiceTopic?: string;
  templateId?: string;
  templateName?: string;
}

/** A message from the machine-account queue (GET /messages/latest) or from a search job result. */
export interface QueueMessage {
  messageId: string;
  /** Absent under Accept-Version 1.0; the caller decides what a missing type means. */
  messageType?: MessageType;
  content: string;
  timestamp: Date;
  attachmentIds: string[];
  attributes?: MessageAttributes;
  /** The participant id the message is addressed to (not a message id, unlike the Demand API's field). */
  replyTo?: string;
  sender: {
    participantId: string;
    type: ParticipantType;
    name?: string;
  };
  conversation: {
    /** Not present on every queue message; search results carry it at message level. */
    propertyId?: string;
    conversationId: string;
    reference: string;
    type: ConversationType;
  };
}

export interface QueueBatch {
  messages: QueueMessage[];
  /**
   * The count to pass to confirmQueue(). Taken from `data.number_of_messages` when present, else the
   * number of messages returned; confirm exactly this many and only after storing them.
   */
  numberOfMessages: number;
  /** Booking's time of the request, when sent. */
  requestTime?: Date;
}

export interface ConversationParticipant {
  participantId: string;
  type: ParticipantType;
  /** Guest name (1.2 only; hidden in request-to-book conversations until the booking is confirmed). */
  name?: string;
  /** For the property participant: the property (hotel) id. */
  propertyId?: string;
}

export interface ConversationMessage {
  messageId: string;
  messageType?: MessageType;
  content: string;
  timestamp: Date;
  senderId: string;
  /** Resolved from the conversation's participants; undefined if the sender is not among them. */
  senderType?: ParticipantType;
  attachmentIds: string[];
  attributes?: MessageAttributes;
  /** Participant ids for whom the `read` tag is set on this message (empty when unset or unknown). */
  readBy: string[];
}

export interface Conversation {
  conversationId: string;
  reference: string;
  type: ConversationType;
  access?: ConversationAccess;
  participants: ConversationParticipant[];
  /** Newest first, as Booking returns them. In the list endpoint only the latest message is included. */
  messages: ConversationMessage[];
  /** `tags.no_reply_needed.set`; undefined when the response carries no tags object. */
  noReplyNeeded?: boolean;
}

export interface ConversationListPage {
  conversations: Conversation[];
  /** Pass as `pageId` to get the next page; null on the last page. */
  nextPageId: string | null;
}

export interface ConversationPage {
  conversation: Conversation;
  /** Pass as `pageId` to get the next page of messages; null on the last page. */
  nextPageId: string | null;
}

export interface PostedMessage {
  messageId: string;
  /** When false, Booking emails the guest, who can reply by email. */
  guestHasAccount?: boolean;
}

export interface TagResult {
  /** Booking answers `read` for the message_read endpoints. */
  tag: string;
  /**
   * As reported by Booking. Note: for DELETE message_read the docs say false but the real API was observed
   * to return true ("operation succeeded"), so do not read meaning into it for that call.
   */
  isSet: boolean;
}

/** An entry of the tag catalogue (GET /properties/{id}/tags). */
export interface TagDescription {
  tag: string;
  description?: string;
  usage?: string;
}

export interface AttachmentInfo {
  fileName: string;
  fileType: string;
  fileSize: number;
}

export interface DownloadedAttachment {
  attachmentId?: string;
  conversationId?: string;
  content: Uint8Array;
}

export interface MessageSearchJob {
  jobId: string;
  /** When the job id stops being valid (48 h after the query is ready). */
  expiresAt?: Date;
}

export interface MessageSearchResultPage {
  /**
   * False while Booking is still running the query (the not-ready response is undocumented: we treat a
   * response without a `messages` array, or with a non-ready status, as not ready). Poll again later.
   */
  ready: boolean;
  /** Booking's status string if it sent one. */
  status?: string;
  messages: QueueMessage[];
  /** Pass as `pageId` for the next page; null on the last page (Booking sends ""). */
  nextPageId: string | null;
}

export interface TokenExchangeResult {
  jwt: string;
  ruid?: string;
  /** Seconds, if the exchange ever sends it (undocumented). */
  expiresIn?: number;
}
