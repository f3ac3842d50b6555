import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetDatabase } from "@/tests/database";
import { getSyncHealth } from "../admin/get-sync-health";
import { db } from "../db";
import { wordsIn } from "../i18n/localized-error";
import { encryptSecret } from "../secrets";
import { pollOnce } from "./queue-poller";
import { pollUntilEmpty, PROPERTY_IDS, startSyncTestWorld, type SyncTestWorld } from "./test-support";

let world: SyncTestWorld;

beforeEach(async () => {
  await resetDatabase();
  world = await startSyncTestWorld();
});
afterEach(async () => {
  await world.sandbox.close();
});

describe("queue poller", () => {
  it("stores a guest message with its conversation, then confirms it", async () => {
    const booking = await world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[0]), sendWelcome: false, guestName: "Ana Lima" });
    const sent = await world.sandbox.sendAsGuest(booking.conversationId, "Can we check in early?");

    const outcome = await pollOnce(world.connectionId);
    expect(outcome).toMatchObject({ read: 1, inserted: 1, confirmed: 1, newConversations: 1 });

    const message = await db().message.findUniqueOrThrow({ where: { bookingId: sent.messageId }, include: { conversation: true } });
    expect(message.content).toBe("Can we check in early?");
    expect(message.senderType).toBe("guest");
    expect(message.conversation).toMatchObject({
      bookingId: booking.conversationId,
      propertyId: PROPERTY_IDS[0],
      guestName: "Ana Lima",
      reference: booking.reference,
      type: "reservation",
      access: "read_write",
      guestParticipantId: booking.guest.participantId,
      propertyParticipantId: booking.propertyParticipantId,
      messageCount: 1,
      lastMessagePreview: "Can we check in early?",
      lastMessageSender: "guest",
    });
    expect(message.conversation.needsReplySince?.toISOString()).toBe(message.sentAt.toISOString());
    const connection = await db().bookingConnection.findUniqueOrThrow({ where: { id: world.connectionId } });
    expect(connection.lastPollStored).toBe(1);
    expect(connection.lastPollAt).not.toBeNull();
    expect((await pollOnce(world.connectionId)).read).toBe(0);
  });

  it("stores redelivered and duplicated queue messages once", async () => {
    const booking = await world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[1]), sendWelcome: false });
    for (let i = 0; i < 5; i++) await world.sandbox.sendAsGuest(booking.conversationId, `message ${i}`);
    await pollUntilEmpty(world.connectionId);
    await world.sandbox.addFault({ mode: "redeliver_confirmed", count: 3, times: 1 });
    await world.sandbox.sendAsGuest(booking.conversationId, "message 5");
    await world.sandbox.addFault({ mode: "duplicate_in_queue", count: 4, times: 1 });

    const outcome = await pollOnce(world.connectionId);
    // 3 redelivered + message 5, then the first 4 of those doubled: 8 deliveries of 4 distinct messages.
    expect(outcome.read).toBe(8);
    expect(outcome.inserted).toBe(1);
    expect(outcome.duplicates).toBe(7);
    const stored = await db().message.findMany({ where: { conversation: { bookingId: booking.conversationId } }, orderBy: { sentAt: "asc" } });
    expect(stored.map((message) => message.content)).toEqual(["message 0", "message 1", "message 2", "message 3", "message 4", "message 5"]);
    expect((await db().conversation.findFirstOrThrow({ where: { bookingId: booking.conversationId } })).messageCount).toBe(6);
  });

  it("loses and duplicates nothing when the worker dies between storing and confirming", async () => {
    const booking = await world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[2]), sendWelcome: false });
    for (let i = 0; i < 3; i++) await world.sandbox.sendAsGuest(booking.conversationId, `before crash ${i}`);
    await expect(
      pollOnce(world.connectionId, {
        beforeConfirm: async () => {
          throw new Error("simulated kill after the store committed");
        },
      }),
    ).rejects.toThrow("simulated kill");
    expect(await db().message.count()).toBe(3);
    const queues = await world.sandbox.control<{ accounts: { length: number }[] }>("GET", "/queues");
    expect(queues.accounts[0]?.length).toBe(3); // not confirmed

    await world.sandbox.sendAsGuest(booking.conversationId, "after restart");
    const outcome = await pollOnce(world.connectionId);
    expect(outcome).toMatchObject({ read: 4, inserted: 1, duplicates: 3, confirmed: 4 });
    expect(await db().message.count()).toBe(4);
    expect((await pollOnce(world.connectionId)).read).toBe(0);
    const connection = await db().bookingConnection.findUniqueOrThrow({ where: { id: world.connectionId } });
    expect(connection.lastError).toContain("simulated kill");
  });

  it("records why a read of the queue failed in words an admin can act on, which the sync health says in their language", async () => {
    await db().bookingConnection.update({ where: { id: world.connectionId }, data: { passwordEncrypted: encryptSecret("not the password") } });
    await expect(pollOnce(world.connectionId)).rejects.toMatchObject({ kind: "authentication" });
    const connection = await db().bookingConnection.findUniqueOrThrow({ where: { id: world.connectionId } });
    // Booking.com's request id is shown apart on the page (lastErrorRuid), so the sentence leaves it out.
    expect(connection.lastError).toBe("Booking.com refused the credentials (401). Check the username and password, or the client id and secret.");
    const [health] = (await getSyncHealth(await wordsIn("de"))).connections;
    expect(health?.lastError).toBe("Booking.com hat die Zugangsdaten abgelehnt (401). Prüfen Sie Benutzername und Passwort oder Client-ID und Secret.");
    expect((await getSyncHealth()).connections[0]?.lastError).toBe(connection.lastError);
  });

  it("brings a conversation's inbox columns up to date after a worker died before recomputing them", async () => {
    const booking = await world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[0]), sendWelcome: false });
    await world.sandbox.sendAsGuest(booking.conversationId, "first");
    await pollUntilEmpty(world.connectionId);
    for (const text of ["second", "third, the newest"]) await world.sandbox.sendAsGuest(booking.conversationId, text);
    // The known conversation's messages take the fast path: stored and marked, then the "kill" comes
    // before the confirm and before the recompute that runs alongside it.
    await expect(
      pollOnce(world.connectionId, {
        beforeConfirm: async () => {
          throw new Error("simulated kill after the store committed");
        },
      }),
    ).rejects.toThrow("simulated kill");
    const conversation = () => db().conversation.findFirstOrThrow({ where: { bookingId: booking.conversationId } });
    expect(await db().message.count({ where: { conversation: { bookingId: booking.conversationId } } })).toBe(3);
    expect(await conversation()).toMatchObject({ messageCount: 1, lastMessagePreview: "first" });
    expect(await db().conversationSummaryPending.count()).toBe(1);

    // The restarted worker reads the two messages again plus a new one. The conversation still carries the
    // dead batch's mark, so it is recomputed from the messages, not incremented from the stale count.
    await world.sandbox.sendAsGuest(booking.conversationId, "fourth, after the restart");
    const outcome = await pollOnce(world.connectionId);
    expect(outcome).toMatchObject({ read: 3, inserted: 1, duplicates: 2, confirmed: 3 });
    expect(await conversation()).toMatchObject({ messageCount: 4, lastMessagePreview: "fourth, after the restart", lastMessageSender: "guest" });
    expect(await db().conversationSummaryPending.count()).toBe(0);

    // And a mark left with nothing new arriving is repaired by the next (empty) poll.
    await db().conversationSummaryPending.create({ data: { conversationId: (await conversation()).id, batchId: "00000000-0000-4000-8000-000000000000" } });
    await db().conversation.update({ where: { bookingId: booking.conversationId }, data: { messageCount: 0, lastMessagePreview: "stale" } });
    expect((await pollOnce(world.connectionId)).read).toBe(0);
    expect(await conversation()).toMatchObject({ messageCount: 4, lastMessagePreview: "fourth, after the restart" });
  });

  it("skips (and confirms) messages of properties that are not enabled", async () => {
    await db().property.update({ where: { id: PROPERTY_IDS[3]! }, data: { enabled: false } });
    const booking = await world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[3]), sendWelcome: false });
    await world.sandbox.sendAsGuest(booking.conversationId, "hello?");
    const outcome = await pollOnce(world.connectionId);
    expect(outcome).toMatchObject({ read: 1, inserted: 0, skipped: 1, confirmed: 1 });
    expect(await db().conversation.count()).toBe(0);
  });
});
