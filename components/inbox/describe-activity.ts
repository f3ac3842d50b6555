// What the team did, as one line of the thread: "Ada Admin assigned this to Sam Staff". Names are
// today's names (an account renamed since shows its new name); a deleted account reads "A former
// colleague". Snooze times are in the staff member's own zone, as the snooze menu offers them.
import type { ThreadActivity } from "@/lib/inbox/schemas";
import type { TimeFormat } from "./format-time";

const FORMER = "A former colleague";

export function describeActivity(activity: ThreadActivity, timeZone: string, time: Pick<TimeFormat, "snoozeUntil">): string {
  const actor = activity.actorName ?? FORMER;
  const subject = activity.subjectName ?? "a former colleague";
  const self = activity.actorIsSubject;
  switch (activity.kind) {
    case "assigned":
      return self ? `${actor} took this conversation` : `${actor} assigned this to ${subject}`;
    case "unassigned":
      return self ? `${actor} handed this conversation back` : `${actor} unassigned ${subject}`;
    case "assignment_cleared":
      return `${activity.subjectName ?? FORMER} was unassigned: no longer has access to this property`;
    case "snoozed":
      return activity.until ? `${actor} snoozed this until ${time.snoozeUntil(activity.until, timeZone)}` : `${actor} snoozed this until the guest replies`;
    case "unsnoozed":
      return `${actor} woke this conversation`;
    case "no_reply_needed":
      return `${actor} marked this as no reply needed`;
    case "reply_needed":
      return `${actor} took away "no reply needed"`;
    // Set or cleared at Booking.com itself: nobody on the team did it in Bellhop.
    case "no_reply_needed_on_booking":
      return `Marked as no reply needed on Booking.com, outside Bellhop`;
    case "reply_needed_on_booking":
      return `"No reply needed" was taken away on Booking.com, outside Bellhop`;
    // Ended by itself: the line's own time is when (its snooze's end, or the guest's message).
    case "snooze_ended":
      return "The snooze ended: back in the inbox";
    case "snooze_ended_guest_wrote":
      return "The guest wrote: the snooze ended";
    // The guest wrote after the mark (lib/sync/guest-wrote-again.ts): back in Needs reply.
    case "reply_needed_guest_wrote":
      return 'The guest wrote again: no longer marked "no reply needed"';
    // The name it had then: a label renamed or deleted since keeps its line as it was.
    case "labelled":
      return `${actor} added the label “${activity.labelName ?? "a label"}”`;
    case "unlabelled":
      return `${actor} removed the label “${activity.labelName ?? "a label"}”`;
  }
}
