import type { ConversationRecord, PropertyRecord } from "./types";
import { localTimeToUtcMs } from "./time-zones";

// When each side may still send (doc §1.10, from the "Understanding the Messaging API" page):
// - property: until 7 days after checkout or cancellation, plus 14 days after any guest message;
// - guest: until 66 days after checkout or cancellation.
// Booking does not say at what time of the checkout day the clock starts. We take 12:00 local time
// on the checkout date in the property's time zone (a guess; typical checkout time).

const DAY_MS = 86_400_000;
export const PROPERTY_WINDOW_DAYS = 7;
export const PROPERTY_REPLY_EXTENSION_DAYS = 14;
export const GUEST_WINDOW_DAYS = 66;
const CHECKOUT_HOUR = 12;

/** The instant the windows count from: cancellation (incl. a rejected request to book) or checkout. */
export function stayEndMs(conversation: ConversationRecord, property: PropertyRecord): number {
  if (conversation.cancelledAtMs !== null) return conversation.cancelledAtMs;
  return localTimeToUtcMs(conversation.stay.checkout, CHECKOUT_HOUR, property.timeZone);
}

export function propertyCanSendUntilMs(conversation: ConversationRecord, property: PropertyRecord): number {
  const byStay = stayEndMs(conversation, property) + PROPERTY_WINDOW_DAYS * DAY_MS;
  const byGuest =
    conversation.lastGuestMessageMs === null
      ? -Infinity
      : conversation.lastGuestMessageMs + PROPERTY_REPLY_EXTENSION_DAYS * DAY_MS;
  return Math.max(byStay, byGuest);
}

export function guestCanSendUntilMs(conversation: ConversationRecord, property: PropertyRecord): number {
  return stayEndMs(conversation, property) + GUEST_WINDOW_DAYS * DAY_MS;
}

/** `access` as the property-side conversation endpoints report it. */
export function conversationAccess(
  conversation: ConversationRecord,
  property: PropertyRecord,
  nowMs: number,
): "read_write" | "read_only" {
  return nowMs <= propertyCanSendUntilMs(conversation, property) ? "read_write" : "read_only";
}
