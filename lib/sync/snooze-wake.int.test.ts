// A snooze ends by itself: a new guest message wakes the conversation (the queue's fast path and the full
// store path), a redelivered one does not, a message from the property does not; and the worker's
// housekeeping clears snoozes whose time has passed, which open inboxes hear on bellhop_changes. Each
// leaves one line in the thread saying why the conversation is back.
import { randomUUID } from "node:crypto";
import { Client } from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { snoozeConversation } from "@/lib/inbox/snooze-conversation";
import { resetDatabase } from "@/tests/database";
import { db } from "../db";
import { resetSyncConfigForTests } from "./config";
import type { IncomingMessage } from "./incoming";
import { storeBatch } from "./store-messages";
import { createAdmin, incomingMessage, pollUntilEmpty, PROPERTY_IDS, syncWorldForEachTest, waitFor } from "./test-support";
import { startWorker, type WorkerHandle } from "./worker";

const HOUR = 3_600_000;

/** The lines a snooze that ended by itself left in the thread (no actor), oldest first. */
async function endedLines(conversationId: string) {
  const rows = await db().conversationActivity.findMany({
    where: { conversationId, kind: { in: ["snooze_ended", "snooze_ended_guest_wrote"] } },
    orderBy: { createdAt: "asc" },
    select: { kind: true, actorId: true, until: true, createdAt: true },
  });
  return rows;
}

async function snoozeOf(conversationId: string) {
  return db().conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { snoozedAt: true, snoozedUntil: true, snoozedById: true, changeSeq: true } });
}

describe("a guest message wakes a snoozed conversation", () => {
  const setup = syncWorldForEachTest();
  const drain = () => pollUntilEmpty(setup.world.connectionId);

  it("through the queue, in both kinds of snooze; a redelivered message does not wake it again", async () => {
    const booking = await setup.world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[0]), sendWelcome: false });
    await setup.world.sandbox.sendAsGuest(booking.conversationId, "Hello, is parking available?");
    await drain();
    const conversation = await db().conversation.findUniqueOrThrow({ where: { bookingId: booking.conversationId } });

    // Until the guest replies: the guest's next message (a known conversation: the queue's one-statement store).
    await snoozeConversation(setup.admin, conversation.id, { until: null });
    const snoozed = await snoozeOf(conversation.id);
    expect(snoozed.snoozedAt).not.toBeNull();
    await setup.world.sandbox.sendAsGuest(booking.conversationId, "Also, can we check in early?");
    expect(await drain()).toMatchObject({ inserted: 1 });
    const woken = await snoozeOf(conversation.id);
    expect(woken).toMatchObject({ snoozedAt: null, snoozedUntil: null, snoozedById: null });
    expect(woken.changeSeq).toBeGreaterThan(snoozed.changeSeq);
    // The thread says why it is back, in the statement that stored the message: nobody's doing.
    expect(await endedLines(conversation.id)).toMatchObject([{ kind: "snooze_ended_guest_wrote", actorId: null, until: null }]);

    // Until a date: a guest message wakes it too, before its time.
    const tomorrow = new Date(Date.now() + 24 * HOUR);
    await snoozeConversation(setup.admin, conversation.id, { until: tomorrow.toISOString() });
    await setup.world.sandbox.sendAsGuest(booking.conversationId, "Sorry, one more thing");
    await drain();
    expect(await snoozeOf(conversation.id)).toMatchObject({ snoozedAt: null, snoozedUntil: null });
    expect((await endedLines(conversation.id)).map((line) => [line.kind, line.until?.toISOString() ?? null])).toEqual([
      ["snooze_ended_guest_wrote", null],
      ["snooze_ended_guest_wrote", tomorrow.toISOString()],
    ]);

    // A snooze whose time had passed before the guest wrote (the worker had not cleared it yet) ended
    // by its time, not because of the message: its line says so, dated at that time.
    await snoozeConversation(setup.admin, conversation.id, { until: new Date(Date.now() + HOUR).toISOString() });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const passed = new Date(Date.now() - 5); // after the snooze began, before now
    await db().conversation.update({ where: { id: conversation.id }, data: { snoozedUntil: passed } });
    await setup.world.sandbox.sendAsGuest(booking.conversationId, "Are you there?");
    await drain();
    expect(await snoozeOf(conversation.id)).toMatchObject({ snoozedAt: null });
    expect((await endedLines(conversation.id)).at(-1)).toMatchObject({ kind: "snooze_ended", actorId: null, until: passed, createdAt: passed });

    // Snoozed again after those messages were stored: Booking.com delivers them once more. Nothing new
    // was stored, so nothing wakes.
    await snoozeConversation(setup.admin, conversation.id, { until: null });
    await setup.world.sandbox.addFault({ mode: "redeliver_confirmed", count: 3, times: 1 });
    const redelivered = await drain();
    expect(redelivered.read).toBeGreaterThanOrEqual(3);
    expect(redelivered.inserted).toBe(0);
    expect((await snoozeOf(conversation.id)).snoozedAt).not.toBeNull();
    expect(await db().message.count({ where: { conversationId: conversation.id } })).toBe(4);
    expect(await endedLines(conversation.id)).toHaveLength(3);
  });

  it("through the full store path (a conversation read from Booking.com), not by a property message nor by a message stored before", async () => {
    const booking = await setup.world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[1]), sendWelcome: false });
    await setup.world.sandbox.sendAsGuest(booking.conversationId, "first");
    await drain();
    const conversation = await db().conversation.findUniqueOrThrow({ where: { bookingId: booking.conversationId } });
    const message = (overrides: Partial<IncomingMessage>) => incomingMessage(booking.conversationId, overrides);

    await snoozeConversation(setup.admin, conversation.id, { until: null });
    // A reply of the property (e.g. sent from the Extranet) is stored, and the snooze stays.
    expect(await storeBatch({ facts: [], messages: [message({ senderType: "property", content: "We will check." })] })).toMatchObject({ inserted: 1 });
    expect((await snoozeOf(conversation.id)).snoozedAt).not.toBeNull();

    expect(await endedLines(conversation.id)).toEqual([]);

    const guest = message({ content: "Thank you!" });
    expect(await storeBatch({ facts: [], messages: [guest] })).toMatchObject({ inserted: 1 });
    expect(await snoozeOf(conversation.id)).toMatchObject({ snoozedAt: null, snoozedUntil: null, snoozedById: null });
    expect(await endedLines(conversation.id)).toMatchObject([{ kind: "snooze_ended_guest_wrote", actorId: null }]);

    // The same message read again (reconciliation re-reads recent conversations) after a new snooze.
    await snoozeConversation(setup.admin, conversation.id, { until: new Date(Date.now() + HOUR).toISOString() });
    expect(await storeBatch({ facts: [], messages: [guest] })).toMatchObject({ inserted: 0, duplicates: 1 });
    expect((await snoozeOf(conversation.id)).snoozedAt).not.toBeNull();
    expect(await endedLines(conversation.id)).toHaveLength(1);
  });
});

describe("the worker's housekeeping", () => {
  const workers: WorkerHandle[] = [];
  let listener: Client;

  beforeAll(() => {
    process.env.SYNC_HOUSEKEEPING_SECONDS = "0.3";
    resetSyncConfigForTests();
  });
  afterAll(() => {
    delete process.env.SYNC_HOUSEKEEPING_SECONDS;
    resetSyncConfigForTests();
  });
  beforeEach(async () => {
    await resetDatabase();
    listener = new Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
  });
  afterEach(async () => {
    for (const worker of workers.splice(0)) await worker.stop();
    await listener.end();
  });

  it("clears snoozes whose time has passed and announces it on bellhop_changes; the others stay", async () => {
    await db().property.create({ data: { id: "111", name: "Harbour Hotel" } });
    const admin = await createAdmin();
    const make = async (snoozedUntil: Date | null) =>
      db().conversation.create({
        data: { bookingId: randomUUID(), propertyId: "111", type: "reservation", reference: randomUUID(), snoozedAt: new Date(Date.now() - 2 * HOUR), snoozedUntil, snoozedById: admin.id },
      });
    const due = await make(new Date(Date.now() - 1_000));
    const later = await make(new Date(Date.now() + HOUR));
    const untilReply = await make(null);
    const notified: string[] = [];
    listener.on("notification", (notification) => {
      const payload = JSON.parse(notification.payload ?? "{}") as { conversationId?: string };
      if (payload.conversationId) notified.push(payload.conversationId);
    });
    await listener.query("LISTEN bellhop_changes");

    const worker = await startWorker({ databaseUrl: process.env.DATABASE_URL!, runOutbound: false, log: () => undefined });
    workers.push(worker);
    await waitFor("the due snooze to be cleared", async () => (await snoozeOf(due.id)).snoozedAt === null, 10_000);
    expect(await snoozeOf(due.id)).toMatchObject({ snoozedUntil: null, snoozedById: null });
    await waitFor("its change to be announced", async () => notified.includes(due.id), 5_000);
    // Its line is dated when the snooze ended, not when the worker noticed.
    expect(await endedLines(due.id)).toEqual([{ kind: "snooze_ended", actorId: null, until: due.snoozedUntil, createdAt: due.snoozedUntil }]);

    // A snooze that comes due while the worker runs is cleared by a later round.
    await db().conversation.update({ where: { id: later.id }, data: { snoozedUntil: new Date(Date.now() + 500) } });
    await waitFor("the second snooze to be cleared", async () => (await snoozeOf(later.id)).snoozedAt === null, 10_000);
    expect((await snoozeOf(untilReply.id)).snoozedAt).not.toBeNull();
    // Later rounds (every 0.3 s) find nothing more to clear: one line per snooze.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await endedLines(due.id)).toHaveLength(1);
    expect((await endedLines(later.id)).map((line) => line.kind)).toEqual(["snooze_ended"]);
    expect(await endedLines(untilReply.id)).toEqual([]);
  });
});
