// The records the simulated Booking.com world is made of. Both API sides and the control API read
// and change the same records, which is what makes a guest message show up in the property queue.

export const CONVERSATION_TYPES = ["reservation", "request_to_book"] as const;
export type ConversationType = (typeof CONVERSATION_TYPES)[number];

export const MESSAGE_TYPES = [
  "free_text",
  "email",
  "automatically_sent_template",
  "self_service_event",
  "request_to_book_event",
] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export const SELF_SERVICE_TOPICS = [
  "checkin",
  "checkout",
  "change_dates_nr",
  "cancel_booking",
  "booking_basic_waive_fee",
  "parking",
  "free_text_parking",
  "bed_type",
  "extra_crib",
  "extra_bed",
] as const;
export type SelfServiceTopic = (typeof SELF_SERVICE_TOPICS)[number];

export interface MessageAttributes {
  self_service_topic?: SelfServiceTopic;
  template_id?: string;
  template_name?: string;
}

export type SenderRole = "guest" | "property";

/** Where a message came from; only the control API's inspection shows it. */
export type MessageOrigin = "generated" | "property_api" | "guest_api" | "control";

export interface PropertyRecord {
  id: number;
  name: string;
  timeZone: string;
  participantId: string;
  /** Hosts that may appear as links in messages (the Extranet "messaging security link setting"). */
  linkAllowlist: string[];
  welcomeTemplate: { id: string; name: string };
  /** The property's sender alias, shown as `email_alias` in queue messages. */
  emailAlias: string;
}

export type RequestToBookStatus = "pending" | "confirmed" | "rejected";

export interface ConversationRecord {
  id: string;
  /** Creation order; the tie-breaker in sort keys and page cursors. */
  seq: number;
  propertyId: number;
  type: ConversationType;
  /** Reservation id, or the Booking Request Object id of a request to book until it is confirmed. */
  reference: string;
  reservationId: string | null;
  requestToBook: { bookingRequestId: string; status: RequestToBookStatus } | null;
  /** The Demand API affiliate that made the booking (guest side visibility). */
  affiliateId: number | null;
  guest: { participantId: string; name: string; language: string; hasAccount: boolean };
  stay: { checkin: string; checkout: string };
  cancelledAtMs: number | null;
  noReplyNeeded: boolean;
  /** Chronological. */
  messageIds: string[];
  createdAtMs: number;
  lastActivityMs: number;
  lastGuestMessageMs: number | null;
}

export interface MessageRecord {
  id: string;
  /** Global creation order; tie-breaker in page cursors. */
  seq: number;
  conversationId: string;
  sender: SenderRole;
  type: MessageType;
  /** As posted. Unapproved links are removed when the content is shown, not when it is stored. */
  content: string;
  timestampMs: number;
  attachmentIds: string[];
  attributes: MessageAttributes | null;
  /** Participant ids that have a `read` tag on this message. */
  readBy: string[];
  origin: MessageOrigin;
}

export interface AttachmentRecord {
  id: string;
  conversationId: string;
  fileName: string;
  fileType: string;
  data: Buffer;
  createdAtMs: number;
}

export interface ChunkUploadRecord {
  uploadId: string;
  conversationId: string;
  fileName: string;
  fileType: string;
  fileSize: number;
  nextChunk: number;
  chunks: Buffer[];
  receivedBytes: number;
}

export interface SearchJobRecord {
  jobId: string;
  accountId: string;
  messageIds: string[];
  readyAtMs: number;
  expiresAtMs: number;
}

export interface MachineAccountRecord {
  id: string;
  username: string;
  password: string;
  clientId: string;
  clientSecret: string;
  propertyIds: number[];
  /** "Endpoint access" for /messages/latest in the Provider Portal. */
  latestEnabled: boolean;
  /** FIFO of message ids; entries before `queueHead` have been confirmed. */
  queue: string[];
  queueHead: number;
  /** The most recently confirmed ids, kept so a fault can redeliver them as Booking admits it may. */
  recentlyConfirmed: string[];
  tokenIssuedAtMs: number[];
}

export interface AffiliateRecord {
  id: number;
  token: string;
  /** Message ids not yet confirmed through /messages/latest/confirm, oldest first. */
  pending: string[];
}
