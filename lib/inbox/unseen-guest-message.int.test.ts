// Marking "no reply needed" from a page that has not shown the guest's latest message is refused, as a
// snooze is (lib/inbox/snooze.int.test.ts covers the snooze route): nothing changes, nothing is queued
// for Booking.com, and no line is written. Taking the mark away is never refused.
import { beforeEach, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { waitingConversation } from "@/tests/conversations";
import { resetToHarbourTeam } from "@/tests/viewers";
import { setNoReplyNeeded } from "./send-reply";
import { snoozeConversation } from "./snooze-conversation";

const MINUTE = 60_000;

describe("acting on a page that is behind the guest", () => {
  let sam: Viewer;

  beforeEach(async () => {
    ({ sam } = await resetToHarbourTeam());
  });

  async function state(id: string) {
    const conversation = await db().conversation.findUniqueOrThrow({ where: { id }, select: { noReplyNeeded: true, needsReplySince: true, snoozedAt: true } });
    return {
      ...conversation,
      actions: await db().outboundAction.count({ where: { conversationId: id } }),
      lines: await db().conversationActivity.count({ where: { conversationId: id } }),
    };
  }

  it("refuses to mark it as needing no reply, and changes nothing; a page that is current may", async () => {
    const seenAt = new Date(Date.now() - 30 * MINUTE);
    const id = await waitingConversation("111", [
      { content: "Is breakfast included?", at: seenAt },
      { content: "And is there parking?", at: new Date(Date.now() - MINUTE) },
    ]);
    const before = await state(id);

    await expect(setNoReplyNeeded(sam, id, { value: true, seenGuestMessageAt: seenAt.toISOString() })).rejects.toMatchObject({
      code: "conflict",
      message: 'The guest has written again since this conversation was loaded. Read the new message first, then mark it "no reply needed" if you still want to.',
    });
    await expect(setNoReplyNeeded(sam, id, { value: true, seenGuestMessageAt: null })).rejects.toMatchObject({ code: "conflict" });
    await expect(snoozeConversation(sam, id, { until: null, seenGuestMessageAt: seenAt.toISOString() })).rejects.toMatchObject({ code: "conflict" });
    expect(await state(id)).toEqual(before);

    const newest = await db().message.findFirstOrThrow({ where: { conversationId: id }, orderBy: { sentAt: "desc" } });
    expect(await setNoReplyNeeded(sam, id, { value: true, seenGuestMessageAt: newest.sentAt.toISOString() })).toEqual({ noReplyNeeded: true });
    expect(await state(id)).toMatchObject({ noReplyNeeded: true, needsReplySince: null, actions: 1, lines: 1 });
  });

  it("never refuses taking the mark away, which hides nothing", async () => {
    const id = await waitingConversation("111", [{ content: "Thanks!", at: new Date(Date.now() - MINUTE) }]);
    await setNoReplyNeeded(sam, id, { value: true });
    expect(await setNoReplyNeeded(sam, id, { value: false, seenGuestMessageAt: null })).toEqual({ noReplyNeeded: false });
    expect(await state(id)).toMatchObject({ noReplyNeeded: false, actions: 2 });
  });
});
