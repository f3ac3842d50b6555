// "No reply needed" is taken away when the guest writes again (guest-wrote-again.ts): through the queue's
// one statement and through the full store path, here and at Booking.com, with a line in the thread and
// the guest's wait counted from the new message. A redelivered message, or history older than the mark,
// takes nothing away; a mark learnt from a read covers the messages of that read.
import { describe, expect, it } from "vitest";
import { getConversation } from "@/lib/inbox/get-conversation";
import { snoozeConversation } from "@/lib/inbox/snooze-conversation";
import { db } from "../db";
import type { IncomingMessage } from "./incoming";
import { enqueueNoReplyNeeded } from "./outbound/enqueue";
import { executeOutboundAction } from "./outbound/execute";
import { reconcileConnection } from "./reconcile";
import { storeBatch } from "./store-messages";
import { incomingMessage, pollUntilEmpty, PROPERTY_IDS, syncWorldForEachTest } from "./test-support";

const HOUR = 3_600_000;
const attempt = { retryCount: 0, retryLimit: 5 };

async function stateOf(conversationId: string) {
  return db().conversation.findUniqueOrThrow({
    where: { id: conversationId },
    select: { noReplyNeeded: true, noReplyNeededThrough: true, needsReplySince: true, snoozedAt: true },
  });
}

async function linesOf(conversationId: string) {
  const rows = await db().conversationActivity.findMany({ where: { conversationId }, orderBy: { createdAt: "asc" }, select: { kind: true, actorId: true } });
  return rows.map((row) => [row.kind, row.actorId === null ? "nobody" : "staff"]);
}

async function guestMessage(conversationId: string, content: string) {
  return db().message.findFirstOrThrow({ where: { conversationId, senderType: "guest", content } });
}

/** The actions that remove the mark at Booking.com because the guest wrote (nobody's click). */
function removalsOf(conversationId: string) {
  return db().outboundAction.findMany({ where: { conversationId, kind: "clear_no_reply_needed", createdById: null }, orderBy: { createdAt: "asc" } });
}

describe('a guest message after "no reply needed"', () => {
  const setup = syncWorldForEachTest();
  const drain = () => pollUntilEmpty(setup.world.connectionId);

  async function markByStaff(conversationId: string, value: boolean) {
    const { actionId } = await enqueueNoReplyNeeded({ viewer: setup.admin, conversationId, value });
    expect(await executeOutboundAction(actionId, attempt)).toBe("succeeded");
  }

  const bookingTag = async (bookingId: string) => (await setup.world.sandbox.inspectConversation(bookingId)).conversation.noReplyNeeded;

  it("through the queue: takes the mark away here and at Booking.com, and the wait counts from the new message", async () => {
    const booking = await setup.world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[0]), sendWelcome: false });
    await setup.world.sandbox.sendAsGuest(booking.conversationId, "Thanks, all good!");
    await drain();
    const { id } = await db().conversation.findUniqueOrThrow({ where: { bookingId: booking.conversationId } });
    const thanks = await guestMessage(id, "Thanks, all good!");

    await markByStaff(id, true);
    expect(await bookingTag(booking.conversationId)).toBe(true);
    expect(await stateOf(id)).toMatchObject({ noReplyNeeded: true, noReplyNeededThrough: thanks.sentAt, needsReplySince: null });

    // The guest asks something new: a known conversation, so the queue's one-statement store.
    await setup.world.sandbox.sendAsGuest(booking.conversationId, "Actually, can we check in early?");
    expect(await drain()).toMatchObject({ inserted: 1 });
    const question = await guestMessage(id, "Actually, can we check in early?");
    // Back in Needs reply, waiting since the question, not since the "Thanks" the mark covered.
    expect(await stateOf(id)).toMatchObject({ noReplyNeeded: false, noReplyNeededThrough: thanks.sentAt, needsReplySince: question.sentAt });
    expect(await linesOf(id)).toEqual([
      ["no_reply_needed", "staff"],
      ["reply_needed_guest_wrote", "nobody"],
    ]);

    // Booking.com's tag goes too (the guest is no longer told no reply is needed)...
    const [removal] = await removalsOf(id);
    expect(removal).toBeDefined();
    expect(await executeOutboundAction(removal!.id, attempt)).toBe("succeeded");
    expect(await bookingTag(booking.conversationId)).toBe(false);
    // ...so a later read of the conversation agrees with us and changes nothing.
    await reconcileConnection(setup.world.connectionId, { pages: 1 });
    expect(await stateOf(id)).toMatchObject({ noReplyNeeded: false, needsReplySince: question.sentAt });
    expect(await linesOf(id)).toHaveLength(2);

    // Marked again; Booking.com then delivers both messages once more. Nothing new was stored, so the
    // mark stays.
    await markByStaff(id, true);
    expect(await stateOf(id)).toMatchObject({ noReplyNeeded: true, noReplyNeededThrough: question.sentAt });
    await setup.world.sandbox.addFault({ mode: "redeliver_confirmed", count: 2, times: 1 });
    const redelivered = await drain();
    expect(redelivered.read).toBeGreaterThanOrEqual(2);
    expect(redelivered.inserted).toBe(0);
    expect(await stateOf(id)).toMatchObject({ noReplyNeeded: true, needsReplySince: null });
    expect(await removalsOf(id)).toHaveLength(1);

    // Taken away by hand: the staff member says it all needs an answer, so the wait counts from the first
    // unanswered message again.
    await markByStaff(id, false);
    expect(await stateOf(id)).toMatchObject({ noReplyNeeded: false, noReplyNeededThrough: null, needsReplySince: thanks.sentAt });
  });

  it("in one statement with a snooze: both end, each with its line", async () => {
    const booking = await setup.world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[0]), sendWelcome: false });
    await setup.world.sandbox.sendAsGuest(booking.conversationId, "See you on Friday");
    await drain();
    const { id } = await db().conversation.findUniqueOrThrow({ where: { bookingId: booking.conversationId } });
    await markByStaff(id, true);
    await snoozeConversation(setup.admin, id, { until: null });

    await setup.world.sandbox.sendAsGuest(booking.conversationId, "Oh, is breakfast included?");
    expect(await drain()).toMatchObject({ inserted: 1 });
    const question = await guestMessage(id, "Oh, is breakfast included?");
    expect(await stateOf(id)).toMatchObject({ noReplyNeeded: false, snoozedAt: null, needsReplySince: question.sentAt });
    const lines = await linesOf(id);
    expect(lines.slice(0, 2)).toEqual([
      ["no_reply_needed", "staff"],
      ["snoozed", "staff"],
    ]);
    // Both written by the statement that stored the message, at the same instant.
    expect(lines.slice(2).sort()).toEqual([
      ["reply_needed_guest_wrote", "nobody"],
      ["snooze_ended_guest_wrote", "nobody"],
    ]);
    expect(await removalsOf(id)).toHaveLength(1);
  });

  it("through the full path: history older than the mark leaves it, a newer message takes it away; a mark learnt from a read covers that read", async () => {
    const booking = await setup.world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[1]), sendWelcome: false });
    await setup.world.sandbox.sendAsGuest(booking.conversationId, "first");
    await drain();
    const { id } = await db().conversation.findUniqueOrThrow({ where: { bookingId: booking.conversationId } });

    // The guest writes again and, after reading it, someone sets the mark in the Extranet. Bellhop reads
    // both together (reconciliation, before the queue delivered the message): the mark covers it.
    await setup.world.sandbox.sendAsGuest(booking.conversationId, "second");
    await setup.world.sandbox.control("PUT", `/conversations/${booking.conversationId}/extranet/no-reply-needed`, { set: true });
    await reconcileConnection(setup.world.connectionId, { pages: 1 });
    const second = await guestMessage(id, "second");
    expect(await stateOf(id)).toMatchObject({ noReplyNeeded: true, noReplyNeededThrough: second.sentAt, needsReplySince: null });
    expect(await linesOf(id)).toEqual([["no_reply_needed_on_booking", "nobody"]]);
    await drain(); // the queue's copy of "second": already stored
    expect((await stateOf(id)).noReplyNeeded).toBe(true);

    const message = (overrides: Partial<IncomingMessage>) => incomingMessage(booking.conversationId, overrides);
    // An older guest message found later (history, a gap repaired): the mark covered it.
    expect(await storeBatch({ facts: [], messages: [message({ content: "from last week", sentAt: new Date(Date.now() - 24 * HOUR) })] })).toMatchObject({
      inserted: 1,
      reopenActionIds: [],
    });
    expect((await stateOf(id)).noReplyNeeded).toBe(true);

    // A newer one: taken away, with the action to carry it to Booking.com.
    const later = message({ content: "Is the pool open?" });
    const stored = await storeBatch({ facts: [], messages: [later] });
    expect(stored).toMatchObject({ inserted: 1 });
    expect(stored.reopenActionIds).toHaveLength(1);
    expect(await stateOf(id)).toMatchObject({ noReplyNeeded: false, needsReplySince: (await guestMessage(id, "Is the pool open?")).sentAt });
    expect(await linesOf(id)).toEqual([
      ["no_reply_needed_on_booking", "nobody"],
      ["reply_needed_guest_wrote", "nobody"],
    ]);
    expect((await removalsOf(id)).map((action) => action.id)).toEqual(stored.reopenActionIds);

    // Read again before that action ran: Booking.com still shows the tag, and the read does not bring it back.
    await reconcileConnection(setup.world.connectionId, { pages: 1 });
    expect((await stateOf(id)).noReplyNeeded).toBe(false);
    expect(await executeOutboundAction(stored.reopenActionIds[0]!, attempt)).toBe("succeeded");
    expect(await bookingTag(booking.conversationId)).toBe(false);
  });

  it("whose removal at Booking.com fails for good: a read does not bring the mark back, until a later action settles", async () => {
    const booking = await setup.world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[2]), sendWelcome: false });
    await setup.world.sandbox.sendAsGuest(booking.conversationId, "Thanks!");
    await drain();
    const { id } = await db().conversation.findUniqueOrThrow({ where: { bookingId: booking.conversationId } });
    await markByStaff(id, true);
    await setup.world.sandbox.sendAsGuest(booking.conversationId, "One more thing: is the pool heated?");
    await drain();
    const [removal] = await removalsOf(id);
    // Booking.com refuses the removal on its last attempt: the action has failed for good.
    await setup.world.sandbox.addFault({ endpoint: "tags.noReplyNeeded.unset", mode: "error_500", times: 10 });
    const seqBefore = (await db().conversation.findUniqueOrThrow({ where: { id } })).changeSeq;
    expect(await executeOutboundAction(removal!.id, { retryCount: 5, retryLimit: 5 })).toBe("failed");
    await setup.world.sandbox.clearFaults();
    expect(await bookingTag(booking.conversationId)).toBe(true);
    // The thread says so, and every open inbox hears it (the row's change sequence moved).
    expect((await getConversation(setup.admin, id)).noReplyNeededProblem).toMatch(/^Booking\.com answered 500: ./);
    expect((await getConversation(setup.admin, id, "it")).noReplyNeededProblem).toMatch(/^Booking\.com ha risposto 500: ./);
    expect((await db().conversation.findUniqueOrThrow({ where: { id } })).changeSeq > seqBefore).toBe(true);

    // Reads of Booking.com's stale tag leave the question in Needs reply, and blame nobody.
    const question = await guestMessage(id, "One more thing: is the pool heated?");
    for (let read = 0; read < 2; read++) {
      await reconcileConnection(setup.world.connectionId, { pages: 1 });
      expect(await stateOf(id)).toMatchObject({ noReplyNeeded: false, needsReplySince: question.sentAt });
    }
    expect(await linesOf(id)).toEqual([
      ["no_reply_needed", "staff"],
      ["reply_needed_guest_wrote", "nobody"],
    ]);

    // Staff mark it and take the mark away again, both carried out: from then on Booking.com's own
    // changes are learnt as before.
    await markByStaff(id, true);
    await markByStaff(id, false);
    expect(await bookingTag(booking.conversationId)).toBe(false);
    expect((await getConversation(setup.admin, id)).noReplyNeededProblem).toBeNull();
    await setup.world.sandbox.control("PUT", `/conversations/${booking.conversationId}/extranet/no-reply-needed`, { set: true });
    await reconcileConnection(setup.world.connectionId, { pages: 1 });
    expect((await stateOf(id)).noReplyNeeded).toBe(true);
    expect((await linesOf(id)).at(-1)).toEqual(["no_reply_needed_on_booking", "nobody"]);
  });
});

describe("the tag's actions", () => {
  const setup = syncWorldForEachTest();

  it("carry the mark as it is when they run: Booking.com ends with Bellhop's mark in whatever order they run", async () => {
    const booking = await setup.world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[0]), sendWelcome: false });
    await setup.world.sandbox.sendAsGuest(booking.conversationId, "Thanks!");
    await pollUntilEmpty(setup.world.connectionId);
    const { id } = await db().conversation.findUniqueOrThrow({ where: { bookingId: booking.conversationId } });

    // Staff set the mark, and the guest writes before that reaches Booking.com (it is being retried, say).
    const set = await enqueueNoReplyNeeded({ viewer: setup.admin, conversationId: id, value: true });
    await setup.world.sandbox.sendAsGuest(booking.conversationId, "Wait, what time is breakfast?");
    await pollUntilEmpty(setup.world.connectionId);
    const [removal] = await removalsOf(id);
    expect((await stateOf(id)).noReplyNeeded).toBe(false);

    // The removal runs first, the staff member's set last: Booking.com must still end without the tag.
    expect(await executeOutboundAction(removal!.id, attempt)).toBe("succeeded");
    expect(await executeOutboundAction(set.actionId, attempt)).toBe("succeeded");
    expect((await setup.world.sandbox.inspectConversation(booking.conversationId)).conversation.noReplyNeeded).toBe(false);
    // And the next read agrees: the question stays in Needs reply.
    await reconcileConnection(setup.world.connectionId, { pages: 1 });
    expect(await stateOf(id)).toMatchObject({ noReplyNeeded: false, needsReplySince: (await guestMessage(id, "Wait, what time is breakfast?")).sentAt });
  });
});
