// What the team did, as one line of the thread: "Ada Admin assigned this to Sam Staff". Names are
// today's names (an account renamed since shows its new name); a deleted account reads "A former
// colleague". Snooze times are in the staff member's own zone, as the snooze menu offers them. The
// words come from the thread catalogue's `activity` messages.
import type { Messages } from "@/lib/i18n/english";
import type { ThreadActivity } from "@/lib/inbox/schemas";
import type { TimeFormat } from "./format-time";

type ActivityKey = `activity.${keyof Messages["thread"]["activity"]}`;
/** `t` of the thread namespace (useTranslations("thread"), or englishTranslator("thread")). */
export type ActivityWords = (key: ActivityKey, values?: Record<string, string>) => string;

export function describeActivity(activity: ThreadActivity, timeZone: string, time: Pick<TimeFormat, "snoozeUntil">, t: ActivityWords): string {
  const former = t("activity.formerColleague");
  const actor = activity.actorName ?? former;
  const subject = activity.subjectName ?? t("activity.formerColleagueInSentence");
  const self = activity.actorIsSubject;
  switch (activity.kind) {
    case "assigned":
      return self ? t("activity.took", { actor }) : t("activity.assigned", { actor, subject });
    case "unassigned":
      return self ? t("activity.handedBack", { actor }) : t("activity.unassigned", { actor, subject });
    case "assignment_cleared":
      return t("activity.assignmentCleared", { subject: activity.subjectName ?? former });
    case "snoozed":
      return activity.until ? t("activity.snoozedUntil", { actor, time: time.snoozeUntil(activity.until, timeZone) }) : t("activity.snoozedUntilReply", { actor });
    case "unsnoozed":
      return t("activity.unsnoozed", { actor });
    case "no_reply_needed":
      return t("activity.noReplyNeeded", { actor });
    case "reply_needed":
      return t("activity.replyNeeded", { actor });
    // Set or cleared at Booking.com itself: nobody on the team did it in Bellhop.
    case "no_reply_needed_on_booking":
      return t("activity.noReplyNeededOnBooking");
    case "reply_needed_on_booking":
      return t("activity.replyNeededOnBooking");
    // Ended by itself: the line's own time is when (its snooze's end, or the guest's message).
    case "snooze_ended":
      return t("activity.snoozeEnded");
    case "snooze_ended_guest_wrote":
      return t("activity.snoozeEndedGuestWrote");
    // The guest wrote after the mark (lib/sync/guest-wrote-again.ts): back in Needs reply.
    case "reply_needed_guest_wrote":
      return t("activity.replyNeededGuestWrote");
    // The name it had then: a label renamed or deleted since keeps its line as it was.
    case "labelled":
      return t("activity.labelled", { actor, label: activity.labelName ?? t("activity.aLabel") });
    case "unlabelled":
      return t("activity.unlabelled", { actor, label: activity.labelName ?? t("activity.aLabel") });
  }
}
