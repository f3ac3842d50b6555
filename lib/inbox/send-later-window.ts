// When a reply can be sent later: at least a minute ahead (nearer is "now": use Send) and at most 30
// days ahead (a stay's horizon; Booking.com's sending window may close before that, in which case the
// reply fails at its time and says why). No zod and no server imports: the composer's picker checks
// the same rule before it sends, and lib/sync/outbound/enqueue.ts enforces it.
import { addDays } from "date-fns";

export const SEND_LATER_MIN_AHEAD_MS = 60_000;
export const SEND_LATER_MAX_DAYS = 30;

/** Why a reply cannot be sent at `at`, seen at `now`, in words for staff; null when it can. */
export function sendLaterProblem(at: Date, now: Date): string | null {
  if (Number.isNaN(at.getTime())) return "Choose a date and time.";
  if (at.getTime() < now.getTime() + SEND_LATER_MIN_AHEAD_MS) return "Choose a time at least a minute ahead (to send now, use Send).";
  if (at.getTime() > latestSendLater(now).getTime()) return `A reply can be sent at most ${SEND_LATER_MAX_DAYS} days ahead.`;
  return null;
}

export function latestSendLater(now: Date): Date {
  return addDays(now, SEND_LATER_MAX_DAYS);
}
