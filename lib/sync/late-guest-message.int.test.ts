// A guest message can reach Bellhop well after Booking.com stamped it: the queue is polled every few
// seconds to a minute, and reconciliation repairs a gap hours later. A staff member who read the
// conversation in between never saw it, so it must be unread for them again, and announced as a guest
// writing, though its time is before their read.
import { describe, expect, it } from "vitest";
import { countConversations } from "@/lib/inbox/count-conversations";
import { getConversation } from "@/lib/inbox/get-conversation";
import { listConversations } from "@/lib/inbox/list-conversations";
import { listThreadMessages } from "@/lib/inbox/list-thread-messages";
import { markConversationRead } from "@/lib/inbox/mark-conversation-read";
import { sqlPool } from "../sql-pool";
import { db } from "../db";
import { storeBatch } from "./store-messages";
import { incomingMessage, pollUntilEmpty, PROPERTY_IDS, syncWorldForEachTest } from "./test-support";

const MINUTE = 60_000;

describe("a guest message that reaches Bellhop after a staff member read the conversation", () => {
  const setup = syncWorldForEachTest();

  async function readConversation(content: string) {
    const booking = await setup.world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[0]), sendWelcome: false });
    await setup.world.sandbox.sendAsGuest(booking.conversationId, content);
    await pollUntilEmpty(setup.world.connectionId);
    const { id } = await db().conversation.findUniqueOrThrow({ where: { bookingId: booking.conversationId } });
    await markConversationRead(setup.admin, id);
    expect((await getConversation(setup.admin, id)).unread).toBe(false);
    return { id, bookingId: booking.conversationId };
  }

  const unreadIds = async () => (await listConversations(setup.admin, { view: "unread", sort: "recent", limit: 50 })).items.map((item) => item.id);

  it("makes it unread again, in the thread, the Unread view and the count, though Booking.com stamped it before the read", async () => {
    const { id, bookingId } = await readConversation("Hello, is parking available?");
    const before = (await countConversations(setup.admin)).unread;
    expect(await unreadIds()).not.toContain(id);

    // Written a minute ago, found only now (a late poll, or reconciliation repairing a gap).
    await storeBatch({ facts: [], messages: [incomingMessage(bookingId, { content: "Also: we arrive by car.", sentAt: new Date(Date.now() - MINUTE) })] });
    expect((await getConversation(setup.admin, id)).unread).toBe(true);
    expect(await unreadIds()).toContain(id);
    expect((await countConversations(setup.admin)).unread).toBe(before + 1);

    // Opening it again reads it.
    await markConversationRead(setup.admin, id);
    expect((await getConversation(setup.admin, id)).unread).toBe(false);
  });

  it("tells the thread it arrived after the read (the thread marks it new), and the next opening answers with that read", async () => {
    const booking = await setup.world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[0]), sendWelcome: false });
    await setup.world.sandbox.sendAsGuest(booking.conversationId, "Is there a gym?");
    await pollUntilEmpty(setup.world.connectionId);
    const { id } = await db().conversation.findUniqueOrThrow({ where: { bookingId: booking.conversationId } });
    expect((await getConversation(setup.admin, id)).lastReadAt).toBeNull();
    // The first opening: there was no read before it.
    expect((await markConversationRead(setup.admin, id)).readBefore).toBeNull();
    const { lastReadAt } = await getConversation(setup.admin, id);
    expect(lastReadAt).not.toBeNull();

    const sentAt = new Date(Date.now() - MINUTE);
    await storeBatch({ facts: [], messages: [incomingMessage(booking.conversationId, { content: "And a pool?", sentAt })] });
    const { messages } = await listThreadMessages(setup.admin, id, { limit: 50 });
    const late = messages.find((message) => message.content === "And a pool?")!;
    const read = messages.find((message) => message.content === "Is there a gym?")!;
    // Older by Booking.com's time than the read, arrived after it; the message read did not.
    expect(late.sentAt).toBe(sentAt.toISOString());
    expect(Date.parse(late.sentAt)).toBeLessThan(Date.parse(lastReadAt!));
    expect(Date.parse(late.arrivedAt)).toBeGreaterThan(Date.parse(lastReadAt!));
    expect(Date.parse(read.arrivedAt)).toBeLessThanOrEqual(Date.parse(lastReadAt!));

    // The next opening answers with the read before it, and the read now covers the late message.
    // …and with when the guest's newest message arrived: the late one, which a cached page may lack.
    expect(await markConversationRead(setup.admin, id)).toMatchObject({ readBefore: lastReadAt, guestArrivedAt: late.arrivedAt });
    expect(Date.parse((await getConversation(setup.admin, id)).lastReadAt!)).toBeGreaterThanOrEqual(Date.parse(late.arrivedAt));
  });

  it("through the queue too: written before the staff member opened the conversation, polled after, it is unread", async () => {
    const { id, bookingId } = await readConversation("Is late check-in possible?");
    await setup.world.sandbox.sendAsGuest(bookingId, "We land at midnight.");
    // Opened again before the next poll brought the guest's new message.
    await new Promise((resolve) => setTimeout(resolve, 10));
    await markConversationRead(setup.admin, id);
    await pollUntilEmpty(setup.world.connectionId);
    const conversation = await getConversation(setup.admin, id);
    expect(conversation.lastMessagePreview).toBe("We land at midnight.");
    expect(conversation.unread).toBe(true);
  });

  it("a conversation Bellhop learns from its guest's first message is unread and announced as a guest writing", async () => {
    const listener = await sqlPool().connect();
    const changes: { guestWrote: boolean }[] = [];
    listener.on("notification", (message) => changes.push(JSON.parse(message.payload ?? "{}") as { guestWrote: boolean }));
    await listener.query("listen bellhop_changes");
    try {
      const booking = await setup.world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[0]), sendWelcome: false });
      await setup.world.sandbox.sendAsGuest(booking.conversationId, "Hi, a question about parking.");
      await pollUntilEmpty(setup.world.connectionId);
      const { id } = await db().conversation.findUniqueOrThrow({ where: { bookingId: booking.conversationId } });
      expect((await getConversation(setup.admin, id)).unread).toBe(true);
      await expect.poll(() => changes.some((change) => change.guestWrote)).toBe(true);
    } finally {
      await listener.query("unlisten bellhop_changes");
      listener.release();
    }
  });

  it("is announced to open inboxes as a guest writing, and a message of the property's found late is not", async () => {
    const { id, bookingId } = await readConversation("Do you have a crib?");
    const listener = await sqlPool().connect();
    const changes: { conversationId: string; guestWrote: boolean }[] = [];
    listener.on("notification", (message) => changes.push(JSON.parse(message.payload ?? "{}") as { conversationId: string; guestWrote: boolean }));
    await listener.query("listen bellhop_changes");
    try {
      await storeBatch({ facts: [], messages: [incomingMessage(bookingId, { content: "A reply from the Extranet", senderType: "property", sentAt: new Date(Date.now() - 2 * MINUTE) })] });
      await storeBatch({ facts: [], messages: [incomingMessage(bookingId, { content: "And a high chair?", sentAt: new Date(Date.now() - 3 * MINUTE) })] });
      await expect.poll(() => changes.filter((change) => change.conversationId === id).map((change) => change.guestWrote)).toEqual([false, true]);
    } finally {
      await listener.query("unlisten bellhop_changes");
      listener.release();
    }
  });
});
