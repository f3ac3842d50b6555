import { describe, expect, it } from "vitest";
import type { ThreadActivity } from "@/lib/inbox/schemas";
import { englishTime, englishTranslator } from "@/tests/intl";
import { describeActivity } from "./describe-activity";

const t = englishTranslator("thread");

const activity = (patch: Partial<ThreadActivity> & Pick<ThreadActivity, "kind">): ThreadActivity => ({ actorName: "Ada Admin", subjectName: null, actorIsSubject: false, until: null, labelName: null, ...patch });

describe("a line of the team's activity", () => {
  it("names who assigned whom, and says so plainly when someone takes it or hands it back", () => {
    expect(describeActivity(activity({ kind: "assigned", subjectName: "Sam Staff" }), "UTC", englishTime, t)).toBe("Ada Admin assigned this to Sam Staff");
    expect(describeActivity(activity({ kind: "assigned", subjectName: "Ada Admin", actorIsSubject: true }), "UTC", englishTime, t)).toBe("Ada Admin took this conversation");
    expect(describeActivity(activity({ kind: "unassigned", subjectName: "Sam Staff" }), "UTC", englishTime, t)).toBe("Ada Admin unassigned Sam Staff");
    expect(describeActivity(activity({ kind: "unassigned", subjectName: "Ada Admin", actorIsSubject: true }), "UTC", englishTime, t)).toBe("Ada Admin handed this conversation back");
    // Two colleagues may share a name: only the same account is "themselves".
    expect(describeActivity(activity({ kind: "assigned", subjectName: "Ada Admin" }), "UTC", englishTime, t)).toBe("Ada Admin assigned this to Ada Admin");
    expect(describeActivity(activity({ kind: "assignment_cleared", subjectName: "Sam Staff" }), "UTC", englishTime, t)).toBe("Sam Staff was unassigned: no longer has access to this property");
  });

  it("gives a snooze's end in the zone it is asked for, or says it waits for the guest", () => {
    const snoozed = activity({ kind: "snoozed", until: "2026-11-23T08:00:00.000Z" });
    expect(describeActivity(snoozed, "Europe/Lisbon", englishTime, t)).toBe("Ada Admin snoozed this until Mon 23 Nov, 08:00");
    expect(describeActivity(snoozed, "Europe/Amsterdam", englishTime, t)).toBe("Ada Admin snoozed this until Mon 23 Nov, 09:00");
    expect(describeActivity(activity({ kind: "snoozed" }), "UTC", englishTime, t)).toBe("Ada Admin snoozed this until the guest replies");
    expect(describeActivity(activity({ kind: "unsnoozed" }), "UTC", englishTime, t)).toBe("Ada Admin woke this conversation");
  });

  it("names the label put on or taken off, as it was called then", () => {
    expect(describeActivity(activity({ kind: "labelled", labelName: "VIP" }), "UTC", englishTime, t)).toBe("Ada Admin added the label “VIP”");
    expect(describeActivity(activity({ kind: "unlabelled", labelName: "VIP" }), "UTC", englishTime, t)).toBe("Ada Admin removed the label “VIP”");
    expect(describeActivity(activity({ kind: "labelled", actorName: null, labelName: "Late arrival" }), "UTC", englishTime, t)).toBe("A former colleague added the label “Late arrival”");
  });

  it("says who marked it as needing no reply, and who took the mark away", () => {
    expect(describeActivity(activity({ kind: "no_reply_needed" }), "UTC", englishTime, t)).toBe("Ada Admin marked this as no reply needed");
    expect(describeActivity(activity({ kind: "reply_needed" }), "UTC", englishTime, t)).toBe('Ada Admin took away "no reply needed"');
  });

  it("says the mark was set or taken away on Booking.com, not by a (former) colleague, when it was changed there", () => {
    expect(describeActivity(activity({ kind: "no_reply_needed_on_booking", actorName: null }), "UTC", englishTime, t)).toBe("Marked as no reply needed on Booking.com, outside Bellhop");
    expect(describeActivity(activity({ kind: "reply_needed_on_booking", actorName: null }), "UTC", englishTime, t)).toBe('"No reply needed" was taken away on Booking.com, outside Bellhop');
  });

  it("says a snooze ended by itself, and why, without naming anyone", () => {
    expect(describeActivity(activity({ kind: "snooze_ended", actorName: null, until: "2026-11-23T08:00:00.000Z" }), "UTC", englishTime, t)).toBe("The snooze ended: back in the inbox");
    expect(describeActivity(activity({ kind: "snooze_ended_guest_wrote", actorName: null }), "UTC", englishTime, t)).toBe("The guest wrote: the snooze ended");
    expect(describeActivity(activity({ kind: "reply_needed_guest_wrote", actorName: null }), "UTC", englishTime, t)).toBe('The guest wrote again: no longer marked "no reply needed"');
  });

  it("speaks of a deleted account as a former colleague, and never as someone taking it themselves", () => {
    expect(describeActivity(activity({ kind: "assigned", actorName: null, subjectName: null }), "UTC", englishTime, t)).toBe("A former colleague assigned this to a former colleague");
    expect(describeActivity(activity({ kind: "assignment_cleared", subjectName: null }), "UTC", englishTime, t)).toBe("A former colleague was unassigned: no longer has access to this property");
  });
});
