// "New" in a thread: the guest messages that reached Bellhop after this staff member last read the
// conversation. By arrival, not by Booking.com's time: a message the queue delivered late, or a gap
// that reconciliation repaired, sits higher in the thread (by its time) than messages read long ago,
// and is the one most easily missed. The same comparison as the list's unread (lib/inbox/list-conversations.ts
// unreadSql): a read covers every message that had arrived when it was made.
import type { ThreadMessage } from "@/lib/inbox/schemas";

/**
 * The ids of the new guest messages: those that arrived after `readBefore`, undefined while it is not
 * known yet (nothing is marked).
 */
export function newSinceRead(messages: readonly ThreadMessage[], readBefore: string | undefined): ReadonlySet<string> {
  if (!readBefore) return EMPTY;
  const readAt = Date.parse(readBefore);
  return new Set(messages.filter((message) => message.senderType === "guest" && Date.parse(message.arrivedAt) > readAt).map((message) => message.id));
}

/**
 * What the thread compares arrivals with, from one answer of "mark read" (the opening's, or one made
 * for a guest message that came in while the thread was open): the read before it; for a conversation
 * never read before, that read itself (what was there on opening is not marked, what comes in after it
 * is).
 */
export function readBeforeOf(answer: { readBefore: string | null; readAt: string }): string {
  return answer.readBefore ?? answer.readAt;
}

/**
 * The earliest of those answers. A read only moves forward (lib/inbox/mark-conversation-read.ts), so it
 * is the opening's, whichever answer came back first.
 */
export function earliestRead(known: string | undefined, told: string): string {
  if (known === undefined) return told;
  return Date.parse(told) < Date.parse(known) ? told : known;
}

const EMPTY: ReadonlySet<string> = new Set();
