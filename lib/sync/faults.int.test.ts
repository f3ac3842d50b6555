import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetDatabase } from "@/tests/database";
import { TOKEN_CLIENT_ID, TOKEN_CLIENT_SECRET } from "../booking/test-sandbox";
import { db } from "../db";
import { encryptSecret } from "../secrets";
import { pollOnce } from "./queue-poller";
import { PROPERTY_IDS, startSyncTestWorld, type SyncTestWorld } from "./test-support";

let world: SyncTestWorld;

beforeEach(async () => {
  await resetDatabase();
  world = await startSyncTestWorld();
});
afterEach(async () => {
  await world.sandbox.close();
});

describe("queue polling under faults", () => {
  it("retries 429, 500, timeouts and dropped connections on reads and stores each message once", async () => {
    const booking = await world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[0]), sendWelcome: false });
    for (let i = 0; i < 3; i++) await world.sandbox.sendAsGuest(booking.conversationId, `faulty ${i}`);
    await world.sandbox.addFault({ endpoint: "queue.read", mode: "rate_limit", retryAfterSeconds: 0, times: 1 });
    await world.sandbox.addFault({ endpoint: "queue.read", mode: "error_500", times: 1 });
    await world.sandbox.addFault({ endpoint: "conversation.get", mode: "hang", times: 1 });
    await world.sandbox.addFault({ endpoint: "conversation.get", mode: "drop", times: 1 });

    const outcome = await pollOnce(world.connectionId);
    expect(outcome).toMatchObject({ read: 3, inserted: 3, confirmed: 3 });
    expect((await world.sandbox.control<{ faults: unknown[] }>("GET", "/faults")).faults).toHaveLength(0);
    expect(await db().message.count()).toBe(3);
  });

  it("does not confirm when the confirm fails before applying, and stores the re-read batch once", async () => {
    const booking = await world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[0]), sendWelcome: false });
    await world.sandbox.sendAsGuest(booking.conversationId, "one");
    await world.sandbox.addFault({ endpoint: "queue.confirm", mode: "error_500", times: 1 });
    // A 500 on the confirm is ambiguous: the poller treats the batch as maybe-confirmed and reads again.
    await pollOnce(world.connectionId);
    const again = await pollOnce(world.connectionId);
    expect(again).toMatchObject({ read: 1, inserted: 0, duplicates: 1 });
    expect(await db().message.count()).toBe(1);
  });

  it("renews an expired token", async () => {
    await db().bookingConnection.update({
      where: { id: world.connectionId },
      data: { authType: "token", clientId: TOKEN_CLIENT_ID, clientSecretEncrypted: encryptSecret(TOKEN_CLIENT_SECRET), username: null, passwordEncrypted: null },
    });
    const booking = await world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[1]), sendWelcome: false });
    await world.sandbox.sendAsGuest(booking.conversationId, "before expiry");
    expect((await pollOnce(world.connectionId)).inserted).toBe(1);
    // The sandbox's token lives an hour on its clock; our cached token now fails with 401 and is renewed.
    await world.sandbox.advanceClock({ hours: 2 });
    await world.sandbox.sendAsGuest(booking.conversationId, "after expiry");
    expect((await pollOnce(world.connectionId)).inserted).toBe(1);
    expect(await db().message.count()).toBe(2);
  });

  it("handles Accept-Version 1.0 responses (no message types, no guest names)", async () => {
    await db().bookingConnection.update({ where: { id: world.connectionId }, data: { apiVersion: "1.0" } });
    const booking = await world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[2]), sendWelcome: false, guestName: "Hidden Name" });
    const sent = await world.sandbox.sendAsGuest(booking.conversationId, "old client hello");
    expect((await pollOnce(world.connectionId)).inserted).toBe(1);
    const message = await db().message.findUniqueOrThrow({ where: { bookingId: sent.messageId }, include: { conversation: true } });
    expect(message.messageType).toBe("free_text");
    expect(message.conversation.guestName).toBeNull();
    expect(message.conversation.reference).toBe(booking.reference);
  });
});
