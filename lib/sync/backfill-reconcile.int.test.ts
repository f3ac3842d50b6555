import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetDatabase } from "@/tests/database";
import { drainQueue } from "../booking/test-sandbox";
import { db } from "../db";
import { encryptSecret } from "../secrets";
import { runBackfill, startBackfill } from "./backfill";
import { enqueueMarkGuestMessagesRead, enqueueNoReplyNeeded } from "./outbound/enqueue";
import { executeOutboundAction } from "./outbound/execute";
import { pollOnce } from "./queue-poller";
import { reconcileConnection } from "./reconcile";
import { createAdmin, PROPERTY_IDS, startSyncTestWorld, type SyncTestWorld } from "./test-support";

let world: SyncTestWorld;

afterEach(async () => {
  await world.sandbox.close();
});

interface Reservation {
  conversationId: string;
  messageCount: number;
}

/** The thread's activity lines, oldest first. */
async function activityOf(conversationId: string) {
  return db().conversationActivity.findMany({ where: { conversationId }, orderBy: { createdAt: "asc" }, select: { kind: true, actorId: true } });
}

async function sandboxConversations(propertyId: string): Promise<Reservation[]> {
  const list = await world.sandbox.control<{ reservations: Reservation[] }>("GET", `/reservations?property_id=${propertyId}&limit=5000`);
  return list.reservations;
}

describe("backfill", () => {
  beforeEach(async () => {
    await resetDatabase();
    // A generated world: every property has a history of conversations.
    world = await startSyncTestWorld({ conversations: 400, backfillState: "done" });
  });

  it("uses credentials an admin corrected a moment before the backfill starts", async () => {
    const propertyId = PROPERTY_IDS[1]!;
    const good = await db().bookingConnection.findUniqueOrThrow({ where: { id: world.connectionId } });
    await db().bookingConnection.update({ where: { id: world.connectionId }, data: { passwordEncrypted: encryptSecret("wrong-password") } });
    // The poller builds (and caches) a client with the wrong password…
    await expect(pollOnce(world.connectionId)).rejects.toThrow();
    // …then the admin fixes the password and adds a property at once.
    await db().bookingConnection.update({ where: { id: world.connectionId }, data: { passwordEncrypted: good.passwordEncrypted } });
    await startBackfill(propertyId);
    await runBackfill(propertyId);
    expect(await db().property.findUniqueOrThrow({ where: { id: propertyId } })).toMatchObject({ backfillState: "done" });
  });

  it("imports a property's whole history, resuming after a crash mid-way", async () => {
    const propertyId = PROPERTY_IDS[0]!;
    const expected = await sandboxConversations(propertyId);
    expect(expected.length).toBeGreaterThan(50); // more than one list page, so resuming is exercised
    await startBackfill(propertyId);

    await expect(
      runBackfill(propertyId, {
        afterPage: async (done) => {
          if (done === 50) throw new Error("simulated crash after the first page");
        },
      }),
    ).rejects.toThrow("simulated crash");
    const halfway = await db().property.findUniqueOrThrow({ where: { id: propertyId } });
    expect(halfway).toMatchObject({ backfillState: "failed", backfillDone: 50, backfillTotal: expected.length });
    expect(halfway.backfillCursor).not.toBeNull();

    await runBackfill(propertyId);
    const finished = await db().property.findUniqueOrThrow({ where: { id: propertyId } });
    expect(finished).toMatchObject({ backfillState: "done", backfillDone: expected.length, backfillTotal: expected.length, backfillCursor: null });
    expect(finished.backfillFinishedAt).not.toBeNull();

    const stored = await db().conversation.findMany({ where: { propertyId }, select: { bookingId: true, messageCount: true } });
    expect(stored).toHaveLength(expected.length);
    const storedCounts = new Map(stored.map((row) => [row.bookingId, row.messageCount]));
    for (const conversation of expected) expect(storedCounts.get(conversation.conversationId)).toBe(conversation.messageCount);
    expect(await db().message.count({ where: { propertyId } })).toBe(expected.reduce((sum, c) => sum + c.messageCount, 0));
  });
});

describe("reconciliation", () => {
  beforeEach(async () => {
    await resetDatabase();
    world = await startSyncTestWorld();
  });

  it("repairs a gap made on purpose (messages confirmed without being stored)", async () => {
    const booking = await world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[1]), sendWelcome: false, guestName: "Gap Guest" });
    await world.sandbox.sendAsGuest(booking.conversationId, "first");
    await pollOnce(world.connectionId);
    await world.sandbox.sendAsGuest(booking.conversationId, "lost one");
    await world.sandbox.sendAsGuest(booking.conversationId, "lost two");
    await drainQueue(world.client); // someone else confirmed them: the queue will never deliver them
    const where = { conversation: { bookingId: booking.conversationId } };
    expect(await db().message.count({ where })).toBe(1);

    // (The sandbox's fixed demo conversations are imported too: reconciliation re-reads recent activity.)
    const outcome = await reconcileConnection(world.connectionId);
    expect(outcome.inserted).toBeGreaterThanOrEqual(2);
    const stored = await db().message.findMany({ where, orderBy: { sentAt: "asc" }, select: { content: true } });
    expect(stored.map((message) => message.content)).toEqual(["first", "lost one", "lost two"]);
    expect((await db().conversation.findFirstOrThrow({ where: { bookingId: booking.conversationId } })).messageCount).toBe(3);
    // Running it again finds nothing new.
    expect((await reconcileConnection(world.connectionId)).inserted).toBe(0);
  });

  it("updates tags and access, and recovers by search after a long outage", async () => {
    const booking = await world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[2]), sendWelcome: false });
    await world.sandbox.sendAsGuest(booking.conversationId, "hello");
    await pollOnce(world.connectionId);
    await world.client.setNoReplyNeeded({ propertyId: PROPERTY_IDS[2]!, conversationId: booking.conversationId });
    await world.sandbox.sendAsGuest(booking.conversationId, "missed during the outage");
    await drainQueue(world.client);
    await db().bookingConnection.update({ where: { id: world.connectionId }, data: { lastPollAt: new Date(Date.now() - 48 * 3_600_000) } });

    const outcome = await reconcileConnection(world.connectionId, { pages: 1, searchPollMs: 20 });
    expect(outcome.searched).toBe(true);
    expect(outcome.searchMessages).toBeGreaterThanOrEqual(1);
    const conversation = await db().conversation.findFirstOrThrow({ where: { bookingId: booking.conversationId } });
    expect(conversation.noReplyNeeded).toBe(true);
    expect(conversation.needsReplySince).toBeNull();
    expect(conversation.messageCount).toBe(2);
    // Nobody did it in Bellhop: the thread says it was done on Booking.com.
    expect(await activityOf(conversation.id)).toEqual([{ kind: "no_reply_needed_on_booking", actorId: null }]);
    // A later read that finds the same state adds nothing.
    await reconcileConnection(world.connectionId, { pages: 1 });
    expect(await activityOf(conversation.id)).toHaveLength(1);
  });

  it("does not undo staff tag changes that have not reached Booking.com yet (no_reply_needed, read)", async () => {
    const propertyId = PROPERTY_IDS[0]!;
    const booking = await world.sandbox.createBooking({ propertyId: Number(propertyId), sendWelcome: false });
    await world.sandbox.sendAsGuest(booking.conversationId, "Any news about the late check-out?");
    await pollOnce(world.connectionId);
    const { id: conversationId } = await db().conversation.findFirstOrThrow({ where: { bookingId: booking.conversationId } });
    const viewer = await createAdmin();
    // No worker runs here: both actions stay queued, as when reconciliation runs before the tag jobs.
    const noReply = await enqueueNoReplyNeeded({ viewer, conversationId, value: true });
    const read = await enqueueMarkGuestMessagesRead({ viewer, conversationId });
    expect(read.marked).toBe(1);
    const readByProperty = () => db().message.count({ where: { conversationId, senderType: "guest", readByProperty: true } });
    const expectOurs = async () => {
      const conversation = await db().conversation.findUniqueOrThrow({ where: { id: conversationId } });
      expect(conversation.noReplyNeeded).toBe(true);
      expect(conversation.needsReplySince).toBeNull();
      expect(await readByProperty()).toBe(1);
    };

    // Booking.com still shows the old state (no tag, unread); our copy keeps the staff's.
    expect((await world.client.getConversation({ propertyId, conversationId: booking.conversationId })).conversation.noReplyNeeded).toBe(false);
    await reconcileConnection(world.connectionId, { pages: 1 });
    await expectOurs();
    // One line, the staff member's own: the stale read changed nothing, so it says nothing.
    expect(await activityOf(conversationId)).toEqual([{ kind: "no_reply_needed", actorId: viewer.id }]);

    // The jobs carry the changes to Booking.com; a read taken after that agrees, and changes nothing.
    const attempt = { retryCount: 0, retryLimit: 5 };
    expect(await executeOutboundAction(noReply.actionId, attempt)).toBe("succeeded");
    expect(await executeOutboundAction(read.actionId!, attempt)).toBe("succeeded");
    await reconcileConnection(world.connectionId, { pages: 1 });
    await expectOurs();

    // With nothing pending, a later change made at Booking.com itself is applied again.
    await world.client.clearNoReplyNeeded({ propertyId, conversationId: booking.conversationId });
    await reconcileConnection(world.connectionId, { pages: 1 });
    const after = await db().conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(after.noReplyNeeded).toBe(false);
    expect(after.needsReplySince).not.toBeNull();
    expect(await activityOf(conversationId)).toEqual([
      { kind: "no_reply_needed", actorId: viewer.id },
      { kind: "reply_needed_on_booking", actorId: null },
    ]);
  });
});
