// The team's activity against a real Postgres: every real change of assignment, snooze or the "no reply
// needed" mark leaves one line in the thread (who, whom, until when), a change that changes nothing
// leaves none, an admin taking access away says whose assignment ended, the lines merge with messages
// and notes in time order across pages, and they touch neither needs-reply, unread nor the list's last
// message.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { updateStaff } from "@/lib/admin/update-staff";
import type { Viewer } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { waitingConversation } from "@/tests/conversations";
import { createViewer, resetToHarbourTeam } from "@/tests/viewers";
import { assignConversation } from "./assign-conversation";
import { listConversations } from "./list-conversations";
import { listThreadMessages } from "./list-thread-messages";
import { addNote } from "./notes";
import { listConversationsQuery, type ThreadActivity } from "./schemas";
import { setNoReplyNeeded } from "./send-reply";
import { snoozeConversation, unsnoozeConversation } from "./snooze-conversation";

const HOUR = 3_600_000;

const conversation = (propertyId = "111") => waitingConversation(propertyId, [{ content: "Is breakfast included?", at: new Date(Date.now() - HOUR) }]);

/** The activity lines of the thread, oldest first, as the thread shows them. */
async function activityOf(viewer: Viewer, conversationId: string): Promise<ThreadActivity[]> {
  const page = await listThreadMessages(viewer, conversationId, { limit: 50 });
  return page.messages.flatMap((item) => (item.activity ? [item.activity] : [])).reverse();
}

describe("the team's activity in the thread", () => {
  let admin: Viewer;
  let sam: Viewer;

  beforeEach(async () => {
    ({ admin, sam } = await resetToHarbourTeam());
  });

  it("says who assigned it to whom and who unassigned it, once per real change", async () => {
    const id = await conversation();
    await assignConversation(admin, id, { userId: sam.id });
    await assignConversation(sam, id, { userId: sam.id }); // already his: nothing happened
    await assignConversation(sam, id, { userId: admin.id });
    await assignConversation(admin, id, { userId: null });
    await assignConversation(admin, id, { userId: null }); // already unassigned: nothing happened

    expect(await activityOf(sam, id)).toEqual([
      { kind: "assigned", actorName: "Ada Admin", subjectName: "Sam Staff", actorIsSubject: false, until: null, labelName: null },
      { kind: "assigned", actorName: "Sam Staff", subjectName: "Ada Admin", actorIsSubject: false, until: null, labelName: null },
      { kind: "unassigned", actorName: "Ada Admin", subjectName: "Ada Admin", actorIsSubject: true, until: null, labelName: null },
    ]);
  });

  it("says whose assignment ended, and which admin's change ended it, when access is taken away or an account deactivated", async () => {
    const carla = await createViewer("staff", ["111", "222"], "Carla Colleague");
    const harbour = await conversation("111");
    const mountain = await conversation("222");
    await assignConversation(admin, harbour, { userId: carla.id });
    await assignConversation(admin, mountain, { userId: carla.id });

    await updateStaff(admin, carla.id, { propertyIds: ["111"] });
    expect((await activityOf(admin, mountain)).at(-1)).toEqual({ kind: "assignment_cleared", actorName: "Ada Admin", subjectName: "Carla Colleague", actorIsSubject: false, until: null, labelName: null });
    expect((await activityOf(admin, harbour)).map((line) => line.kind)).toEqual(["assigned"]);

    await updateStaff(admin, carla.id, { active: false });
    expect((await activityOf(admin, harbour)).map((line) => line.kind)).toEqual(["assigned", "assignment_cleared"]);
    // Nothing more to clear: a further change writes nothing.
    await updateStaff(admin, carla.id, { name: "Carla C." });
    expect(await db().conversationActivity.count()).toBe(4);
  });

  it("says who snoozed it until when (or until the guest replies) and who woke it; a snooze already over is woken by nobody but says it ended", async () => {
    const id = await conversation();
    const until = new Date(Date.now() + 20 * HOUR);
    await snoozeConversation(sam, id, { until: until.toISOString() });
    await snoozeConversation(admin, id, { until: null });
    await unsnoozeConversation(sam, id);
    await unsnoozeConversation(sam, id); // not snoozed: nothing happened

    // A snooze whose time passed is over by itself: clearing it later is nobody's doing, but the line
    // the worker would have written (it had not cleared it yet) is written now, dated at its end.
    await snoozeConversation(admin, id, { until: new Date(Date.now() + HOUR).toISOString() });
    const aMomentAgo = async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return new Date(Date.now() - 5); // after the snooze began, before now
    };
    const passed = await aMomentAgo();
    await db().conversation.update({ where: { id }, data: { snoozedUntil: passed } });
    await unsnoozeConversation(sam, id);
    expect((await db().conversation.findUniqueOrThrow({ where: { id } })).snoozedAt).toBeNull();
    // So is a new snooze over such a one: first the old one's end, then the new snooze.
    const later = new Date(Date.now() + 3 * HOUR);
    await snoozeConversation(admin, id, { until: new Date(Date.now() + HOUR).toISOString() });
    const passedAgain = await aMomentAgo();
    await db().conversation.update({ where: { id }, data: { snoozedUntil: passedAgain } });
    await snoozeConversation(sam, id, { until: later.toISOString() });

    const lines = await activityOf(admin, id);
    expect(lines.slice(0, 3)).toEqual([
      { kind: "snoozed", actorName: "Sam Staff", subjectName: null, actorIsSubject: false, until: until.toISOString(), labelName: null },
      { kind: "snoozed", actorName: "Ada Admin", subjectName: null, actorIsSubject: false, until: null, labelName: null },
      { kind: "unsnoozed", actorName: "Sam Staff", subjectName: null, actorIsSubject: false, until: null, labelName: null },
    ]);
    expect(lines.map((line) => line.kind)).toEqual(["snoozed", "snoozed", "unsnoozed", "snoozed", "snooze_ended", "snoozed", "snooze_ended", "snoozed"]);
    expect(lines[4]).toEqual({ kind: "snooze_ended", actorName: null, subjectName: null, actorIsSubject: false, until: passed.toISOString(), labelName: null });
    expect(lines[7]).toMatchObject({ kind: "snoozed", actorName: "Sam Staff", until: later.toISOString() });
    const ended = await db().conversationActivity.findMany({ where: { conversationId: id, kind: "snooze_ended" }, orderBy: { createdAt: "asc" } });
    expect(ended.map((line) => line.createdAt)).toEqual([passed, passedAgain]);
  });

  it("says who marked it as needing no reply and who took the mark away, once per real change, a retried request included", async () => {
    const id = await conversation();
    const clientKey = randomUUID();
    await setNoReplyNeeded(sam, id, { value: true, clientKey });
    await setNoReplyNeeded(sam, id, { value: true, clientKey }); // the same request again
    await setNoReplyNeeded(admin, id, { value: true, clientKey: randomUUID() }); // already marked
    await setNoReplyNeeded(admin, id, { value: false, clientKey: randomUUID() });

    expect(await activityOf(admin, id)).toEqual([
      { kind: "no_reply_needed", actorName: "Sam Staff", subjectName: null, actorIsSubject: false, until: null, labelName: null },
      { kind: "reply_needed", actorName: "Ada Admin", subjectName: null, actorIsSubject: false, until: null, labelName: null },
    ]);
  });

  it("merges with messages and notes in time order across pages, without repeats or gaps", async () => {
    const id = await conversation();
    const base = Date.now() - 30 * 60_000;
    const at = (minutes: number) => new Date(base + minutes * 60_000);
    const { noteId } = await addNote(sam, id, { content: "Called the guest", clientKey: randomUUID() });
    await db().conversationNote.update({ where: { id: noteId }, data: { createdAt: at(2) } });
    await db().message.create({ data: { bookingId: randomUUID(), conversationId: id, propertyId: "111", senderType: "guest", content: "Hello?", sentAt: at(4) } });
    await assignConversation(admin, id, { userId: sam.id });
    await snoozeConversation(sam, id, { until: null });
    await unsnoozeConversation(admin, id);
    const stamps = [at(1), at(3), at(5)];
    // Created in this order, perhaps within one millisecond: the kinds happen to sort the same way.
    const lines = await db().conversationActivity.findMany({ orderBy: [{ createdAt: "asc" }, { kind: "asc" }] });
    for (const [index, line] of lines.entries()) await db().conversationActivity.update({ where: { id: line.id }, data: { createdAt: stamps[index] } });

    const expected = ["Is breakfast included?", "activity:assigned", "note:Called the guest", "activity:snoozed", "Hello?", "activity:unsnoozed"];
    for (const limit of [1, 2, 3, 50]) {
      const seen: string[] = [];
      let before: string | undefined;
      for (let pages = 0; pages < 20; pages++) {
        const page = await listThreadMessages(admin, id, { before, limit });
        seen.push(...page.messages.map((item) => (item.activity ? `activity:${item.activity.kind}` : item.senderType === "note" ? `note:${item.content}` : item.content)));
        if (!page.nextCursor) break;
        before = page.nextCursor;
      }
      expect(seen.reverse(), `pages of ${limit}`).toEqual(expected);
    }
  });

  it("leaves needs-reply, unread and the list's last message alone", async () => {
    const id = await conversation();
    await assignConversation(admin, id, { userId: sam.id });
    await snoozeConversation(admin, id, { until: null });
    await unsnoozeConversation(admin, id);
    const [row] = (await listConversations(sam, listConversationsQuery.parse({}))).items;
    expect(row).toMatchObject({ id, lastMessagePreview: "Is breakfast included?", lastMessageSender: "guest", unread: true });
    expect(row!.needsReplySince).not.toBeNull();
  });

  it("keeps the line when an account is deleted, naming nobody", async () => {
    const carla = await createViewer("staff", ["111"], "Carla Colleague");
    const id = await conversation();
    await assignConversation(carla, id, { userId: sam.id });
    await db().user.delete({ where: { id: carla.id } });
    expect(await activityOf(admin, id)).toEqual([{ kind: "assigned", actorName: null, subjectName: "Sam Staff", actorIsSubject: false, until: null, labelName: null }]);
  });
});
