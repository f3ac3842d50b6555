import { LANGUAGES, REQUEST_TO_BOOK_EVENTS, fillTemplate, type LanguagePack } from "./demo-content";
import type { ConversationRecord, ConversationType, MessageRecord } from "./types";
import type { World } from "./world";

// What happens in Booking's world outside the Messaging API: bookings are made, cancelled, and
// requests to book confirmed. The control API and the demo generator both go through here, so a
// booking made in a test looks exactly like one in the generated world.

export interface NewBooking {
  propertyId: number;
  guestName: string;
  language: string;
  checkin: string;
  checkout: string;
  type: ConversationType;
  affiliateId: number | null;
  guestHasAccount?: boolean;
  /** Reservations: send the property's welcome template (Booking does when one is configured). */
  sendWelcome?: boolean;
  /** Requests to book open with the guest's own message; a reservation gets it after the welcome template. */
  firstGuestMessage?: string;
  reservationId?: string;
}

export function languagePack(code: string): LanguagePack {
  return LANGUAGES.find((pack) => pack.code === code) ?? (LANGUAGES[0] as LanguagePack);
}

const dateFormatters = new Map<string, Intl.DateTimeFormat>();

export function formatStayDate(isoDate: string, language: string): string {
  let formatter = dateFormatters.get(language);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat(language, { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
    dateFormatters.set(language, formatter);
  }
  return formatter.format(new Date(`${isoDate}T00:00:00Z`));
}

export function newReservationId(world: World): string {
  for (;;) {
    const id = String(world.rng.int(3_000_000_000, 6_999_999_999));
    if (!world.findByReservation(id)) return id;
  }
}

export function createBooking(world: World, booking: NewBooking): { conversation: ConversationRecord; messages: MessageRecord[] } {
  const property = world.properties.get(booking.propertyId);
  if (!property) throw new Error(`Unknown property ${booking.propertyId}`);
  const guest = {
    participantId: world.newNameId(),
    name: booking.guestName,
    language: booking.language,
    hasAccount: booking.guestHasAccount ?? true,
  };
  const messages: MessageRecord[] = [];
  if (booking.type === "reservation") {
    const reservationId = booking.reservationId ?? newReservationId(world);
    const conversation = world.addConversation({
      propertyId: property.id,
      type: "reservation",
      reference: reservationId,
      reservationId,
      affiliateId: booking.affiliateId,
      guest,
      stay: { checkin: booking.checkin, checkout: booking.checkout },
    });
    if (booking.sendWelcome ?? true) messages.push(sendWelcomeTemplate(world, conversation));
    if (booking.firstGuestMessage) {
      messages.push(world.addMessage({ conversationId: conversation.id, sender: "guest", type: "free_text", content: booking.firstGuestMessage, origin: "control" }));
    }
    return { conversation, messages };
  }
  const bookingRequestId = String(world.rng.int(100_000_000_000, 999_999_999_999));
  const conversation = world.addConversation({
    propertyId: property.id,
    type: "request_to_book",
    reference: bookingRequestId,
    reservationId: null,
    requestToBook: { bookingRequestId, status: "pending" },
    affiliateId: booking.affiliateId,
    guest,
    stay: { checkin: booking.checkin, checkout: booking.checkout },
  });
  messages.push(
    world.addMessage({
      conversationId: conversation.id,
      sender: "guest",
      type: "free_text",
      content: booking.firstGuestMessage ?? languagePack(booking.language).guestMessages[0] ?? "Hello",
      origin: "control",
    }),
    world.addMessage({
      conversationId: conversation.id,
      sender: "guest",
      type: "request_to_book_event",
      content: REQUEST_TO_BOOK_EVENTS.requested,
      origin: "control",
    }),
  );
  return { conversation, messages };
}

export interface HistoryOptions {
  timestampMs: number;
  id?: string;
  deliver: { propertyQueues: boolean; affiliate: boolean };
}

/** `history` is for the generator, which writes the past; live calls leave it out. */
export function sendWelcomeTemplate(world: World, conversation: ConversationRecord, history?: HistoryOptions): MessageRecord {
  const property = world.properties.get(conversation.propertyId);
  if (!property) throw new Error(`Unknown property ${conversation.propertyId}`);
  const pack = languagePack(conversation.guest.language);
  const firstName = conversation.guest.name.split(" ")[0] ?? conversation.guest.name;
  return world.addMessage({
    conversationId: conversation.id,
    sender: "property",
    type: "automatically_sent_template",
    content: fillTemplate(pack.welcome, {
      guest: firstName,
      hotel: property.name,
      checkin: formatStayDate(conversation.stay.checkin, pack.code),
    }),
    attributes: { template_id: property.welcomeTemplate.id, template_name: property.welcomeTemplate.name },
    origin: history ? "generated" : "control",
    timestampMs: history?.timestampMs,
    id: history?.id,
    deliver: history?.deliver,
  });
}

export function cancelBooking(world: World, conversation: ConversationRecord): void {
  if (conversation.cancelledAtMs !== null) return;
  conversation.cancelledAtMs = world.clock.now();
  if (conversation.requestToBook && conversation.requestToBook.status === "pending") {
    conversation.requestToBook.status = "rejected";
    world.addMessage({
      conversationId: conversation.id,
      sender: "property",
      type: "request_to_book_event",
      content: REQUEST_TO_BOOK_EVENTS.rejected,
      origin: "control",
    });
  }
  world.touch(conversation);
}

/**
 * A request to book becomes a reservation. The docs say the Booking Request Object id is the
 * `conversation_reference` "until the booking is confirmed" and that "the same thread stays in use";
 * they do not say what the type becomes (open question 13). Our reading: the type stays
 * `request_to_book`, the reference becomes the reservation id, and the conversation can be found by
 * type `reservation` + reservation id as well as by its old reference. The guest's name is shown
 * from now on, on old and new messages alike.
 */
export function confirmRequestToBook(world: World, conversation: ConversationRecord): MessageRecord {
  if (!conversation.requestToBook) throw new Error("Not a request to book");
  const reservationId = newReservationId(world);
  conversation.requestToBook.status = "confirmed";
  conversation.reservationId = reservationId;
  conversation.reference = reservationId;
  world.addReference(conversation, "reservation", reservationId);
  world.addReference(conversation, "request_to_book", reservationId);
  world.addMessage({
    conversationId: conversation.id,
    sender: "property",
    type: "request_to_book_event",
    content: REQUEST_TO_BOOK_EVENTS.accepted,
    origin: "control",
  });
  return world.addMessage({
    conversationId: conversation.id,
    sender: "guest",
    type: "request_to_book_event",
    content: REQUEST_TO_BOOK_EVENTS.confirmed,
    origin: "control",
  });
}
