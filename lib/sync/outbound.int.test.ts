import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetDatabase } from "@/tests/database";
import { AppError, englishWords } from "../api/errors";
import { db } from "../db";
import { listThreadMessages } from "../inbox/list-thread-messages";
import { assertNoReplySince } from "../inbox/unseen-reply";
import { createReplyIn } from "./outbound/create-reply";
import { enqueueReply, storeOutboundAttachment } from "./outbound/enqueue";
import { READ_ONLY_REASON } from "./outbound/errors";
import { executeOutboundAction } from "./outbound/execute";
import { pollOnce } from "./queue-poller";
import { createAdmin, createStaff, PROPERTY_IDS, startSyncTestWorld, type SyncTestWorld } from "./test-support";
import type { SandboxBooking } from "../booking/test-sandbox";
import { pngBytes } from "../booking/test-sandbox";

let world: SyncTestWorld;
let booking: SandboxBooking;
let conversationId: string;

beforeEach(async () => {
  await resetDatabase();
  world = await startSyncTestWorld();
  booking = await world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[0]), sendWelcome: false, guestName: "Marta Costa" });
  await world.sandbox.sendAsGuest(booking.conversationId, "Is parking available?");
  await pollOnce(world.connectionId);
  conversationId = (await db().conversation.findFirstOrThrow({ where: { bookingId: booking.conversationId } })).id;
});
afterEach(async () => {
  await world.sandbox.close();
});

const attempt = (retryCount = 0) => ({ retryCount, retryLimit: 5 });

async function actionOf(messageId: string) {
  return db().outboundAction.findFirstOrThrow({ where: { messageId } });
}

async function propertyMessagesAtBooking(content: string) {
  const inspected = await world.sandbox.inspectConversation(booking.conversationId);
  return inspected.messages.filter((message) => message.sender === "property" && message.content === content);
}

describe("outbound replies", () => {
  it("writes the reply first (queued, needs-reply cleared), sends it, and a second enqueue with the same key is the same message", async () => {
    const viewer = await createAdmin();
    const first = await enqueueReply({ viewer, conversationId, content: "Yes, free parking.", clientKey: "key-parking-1" });
    expect(first.created).toBe(true);
    const queued = await db().message.findUniqueOrThrow({ where: { id: first.messageId }, include: { conversation: true } });
    expect(queued.sendState).toBe("queued");
    expect(queued.conversation.needsReplySince).toBeNull();
    expect(queued.conversation.lastMessagePreview).toBe("Yes, free parking.");

    const again = await enqueueReply({ viewer, conversationId, content: "Yes, free parking.", clientKey: "key-parking-1" });
    expect(again).toEqual({ messageId: first.messageId, created: false });

    const action = await actionOf(first.messageId);
    expect(await executeOutboundAction(action.id, attempt())).toBe("succeeded");
    const sent = await db().message.findUniqueOrThrow({ where: { id: first.messageId } });
    expect(sent.sendState).toBe("sent");
    expect(await propertyMessagesAtBooking("Yes, free parking.")).toHaveLength(1);

    // The queue's copy of our reply is recognised by its id.
    const outcome = await pollOnce(world.connectionId);
    expect(outcome).toMatchObject({ read: 1, inserted: 0 });
    expect(await db().message.count({ where: { conversationId } })).toBe(2);
  });

  it("is not sent twice when the POST times out after reaching Booking.com: the next attempt finds and adopts it", async () => {
    const viewer = await createAdmin();
    const { messageId } = await enqueueReply({ viewer, conversationId, content: "Check-in is from 3 pm.", clientKey: "key-hang-1" });
    await world.sandbox.addFault({ endpoint: "message.post", mode: "hang", afterApply: true, times: 1 });
    const action = await actionOf(messageId);

    await expect(executeOutboundAction(action.id, attempt(0))).rejects.toThrow();
    expect((await db().message.findUniqueOrThrow({ where: { id: messageId } })).sendState).toBe("unknown");
    expect((await db().outboundAction.findUniqueOrThrow({ where: { id: action.id } })).state).toBe("queued");

    expect(await executeOutboundAction(action.id, attempt(1))).toBe("succeeded");
    const atBooking = await propertyMessagesAtBooking("Check-in is from 3 pm.");
    expect(atBooking).toHaveLength(1);
    const adopted = await db().message.findUniqueOrThrow({ where: { id: messageId } });
    expect(adopted).toMatchObject({ sendState: "sent", bookingId: atBooking[0]!.messageId });
  });

  it("matches the queue's copy of an ambiguously sent reply to our row instead of storing it again", async () => {
    const viewer = await createAdmin();
    const content = "Here is the map: https://maps.example.com/hotel see you!";
    const { messageId } = await enqueueReply({ viewer, conversationId, content, clientKey: "key-drop-1" });
    await world.sandbox.addFault({ endpoint: "message.post", mode: "drop", afterApply: true, times: 1 });
    await expect(executeOutboundAction((await actionOf(messageId)).id, attempt(0))).rejects.toThrow();
    expect((await db().message.findUniqueOrThrow({ where: { id: messageId } })).sendState).toBe("unknown");

    const outcome = await pollOnce(world.connectionId);
    expect(outcome).toMatchObject({ read: 1, adopted: 1, inserted: 0 });
    const row = await db().message.findUniqueOrThrow({ where: { id: messageId } });
    expect(row.sendState).toBe("sent");
    expect(row.bookingId).not.toBeNull();
    expect(await db().message.count({ where: { conversationId } })).toBe(2);
    expect((await actionOf(messageId)).state).toBe("succeeded");
    // A later job run for the action does nothing.
    expect(await executeOutboundAction((await actionOf(messageId)).id, attempt(1))).toBe("skipped");
    expect((await world.sandbox.inspectConversation(booking.conversationId)).messages.filter((m) => m.sender === "property")).toHaveLength(1);
  });

  it("retries a send refused with 429 or 500 before it went out, and fails a 4xx at once with the API's message", async () => {
    const viewer = await createAdmin();
    const { messageId } = await enqueueReply({ viewer, conversationId, content: "We will check.", clientKey: "key-429-1" });
    await world.sandbox.addFault({ endpoint: "message.post", mode: "rate_limit", retryAfterSeconds: 0, times: 1 });
    await expect(executeOutboundAction((await actionOf(messageId)).id, attempt(0))).rejects.toThrow();
    expect((await db().message.findUniqueOrThrow({ where: { id: messageId } })).sendState).toBe("queued");
    await world.sandbox.addFault({ endpoint: "message.post", mode: "error_500", times: 1 });
    await expect(executeOutboundAction((await actionOf(messageId)).id, attempt(1))).rejects.toThrow();
    expect(await executeOutboundAction((await actionOf(messageId)).id, attempt(2))).toBe("succeeded");
    expect(await propertyMessagesAtBooking("We will check.")).toHaveLength(1);
  });

  it("refuses a read_only conversation at enqueue time and when Booking.com refuses the send", async () => {
    const viewer = await createAdmin();
    const { messageId } = await enqueueReply({ viewer, conversationId, content: "Late answer", clientKey: "key-late-1" });
    // The sending window closes (7 days after checkout, 14 after the guest's last message).
    await world.sandbox.advanceClock({ days: 60 });
    expect(await executeOutboundAction((await actionOf(messageId)).id, attempt())).toBe("failed");
    const failed = await db().message.findUniqueOrThrow({ where: { id: messageId }, include: { conversation: true } });
    expect(failed.sendState).toBe("failed");
    expect(failed.sendError).toBe("Booking.com closed this conversation for replies: the sending window ended.");
    expect(failed.conversation.access).toBe("read_only");
    // The thread says why in its reader's language; English reads the stored English.
    const reasonIn = async (locale: "en" | "de") =>
      (await listThreadMessages(viewer, conversationId, { limit: 50 }, locale)).messages.find((message) => message.id === messageId)?.sendError;
    expect(await reasonIn("de")).toBe("Booking.com hat diese Unterhaltung für Antworten geschlossen: Das Zeitfenster zum Senden ist abgelaufen.");
    expect(await reasonIn("en")).toBe(failed.sendError);
    expect(failed.conversation.needsReplySince).not.toBeNull(); // a failed reply does not answer the guest

    const refused = enqueueReply({ viewer, conversationId, content: "Another try", clientKey: "key-late-2" });
    await expect(refused).rejects.toBeInstanceOf(AppError);
    // The same words as the worker's reason, so the same sentence in every language.
    await expect(refused).rejects.toMatchObject({ code: "unprocessable", message: englishWords(READ_ONLY_REASON), words: READ_ONLY_REASON });
  });

  it("checks access, content and attachments at enqueue time", async () => {
    const outsider = await createStaff([PROPERTY_IDS[1]!]);
    await expect(enqueueReply({ viewer: outsider, conversationId, content: "hi", clientKey: "key-outsider" })).rejects.toMatchObject({ code: "not_found" });
    const viewer = await createStaff([PROPERTY_IDS[0]!]);
    await expect(enqueueReply({ viewer, conversationId, content: "   ", clientKey: "key-empty-1" })).rejects.toMatchObject({ code: "validation_failed" });
    await expect(
      storeOutboundAttachment({ viewer, conversationId, fileName: "invoice.jpg", bytes: new TextEncoder().encode("%PDF-1.7 not an image") }),
    ).rejects.toMatchObject({ code: "bad_request", message: expect.stringContaining("only JPEG and PNG") });
  });

  it("uploads an image and sends it with the reply", async () => {
    const viewer = await createAdmin();
    const { attachmentId } = await storeOutboundAttachment({ viewer, conversationId, fileName: "room.png", bytes: pngBytes(2_000) });
    const { messageId } = await enqueueReply({ viewer, conversationId, content: "Your room", clientKey: "key-image-1", attachmentIds: [attachmentId] });
    expect(await executeOutboundAction((await actionOf(messageId)).id, attempt())).toBe("succeeded");
    const [atBooking] = await propertyMessagesAtBooking("Your room");
    expect(atBooking?.attachmentIds).toHaveLength(1);
    const attachment = await db().attachment.findUniqueOrThrow({ where: { id: attachmentId } });
    expect(attachment).toMatchObject({ messageId, bookingId: atBooking?.attachmentIds[0] });
  });
});

describe("a reply after someone else answered the guest (lib/inbox/unseen-reply.ts)", () => {
  const refusal = (promise: Promise<unknown>) =>
    promise.then(
      () => null,
      (error: unknown) => (error instanceof AppError ? { code: error.code, status: error.status, message: error.message } : error),
    );
  const count = () => db().message.count({ where: { conversationId, senderType: "property" } });

  it("is refused when a colleague replied after the page's newest reply, and goes once the page has shown it, or when sent anyway", async () => {
    const me = await createAdmin();
    const colleague = await createStaff([PROPERTY_IDS[0]!]);
    // My own earlier reply never stops my next one.
    const mine = await enqueueReply({ viewer: me, conversationId, content: "Let me check.", clientKey: "key-mine-1", seenReplyAt: null });
    expect(mine.created).toBe(true);
    // The colleague's page shows my reply (a page that did not would be refused the same way).
    const mineAt = (await db().message.findUniqueOrThrow({ where: { id: mine.messageId } })).sentAt.toISOString();
    expect(await refusal(enqueueReply({ viewer: colleague, conversationId, content: "Yes, free parking.", clientKey: "key-theirs-0", seenReplyAt: null }))).toMatchObject({ code: "replied_since" });
    const theirs = await enqueueReply({ viewer: colleague, conversationId, content: "Yes, free parking.", clientKey: "key-theirs-1", seenReplyAt: mineAt });
    const theirsAt = (await db().message.findUniqueOrThrow({ where: { id: theirs.messageId } })).sentAt.toISOString();

    // My page still shows only my own reply: refused, and nothing written.
    const before = await count();
    expect(await refusal(enqueueReply({ viewer: me, conversationId, content: "Parking is free.", clientKey: "key-mine-2", seenReplyAt: null }))).toEqual({
      code: "replied_since",
      status: 409,
      message: "Test Staff replied to the guest after this conversation was loaded. Read that reply first; then send yours if it is still needed.",
    });
    expect(await count()).toBe(before);
    // Shown the colleague's reply, the page sends: it goes. So does one sent anyway (no seenReplyAt).
    expect((await enqueueReply({ viewer: me, conversationId, content: "And breakfast is at 7.", clientKey: "key-mine-3", seenReplyAt: theirsAt })).created).toBe(true);
    expect((await enqueueReply({ viewer: me, conversationId, content: "See you soon.", clientKey: "key-mine-4" })).created).toBe(true);
    // A retry of a reply that already went in is the same reply, whatever has happened since.
    expect(await enqueueReply({ viewer: me, conversationId, content: "Let me check.", clientKey: "key-mine-1", seenReplyAt: null })).toEqual({ messageId: mine.messageId, created: false });
    // A colleague's reply scheduled for later has not answered the guest yet.
    const later = new Date(Date.now() + 2 * 60 * 60_000).toISOString();
    await enqueueReply({ viewer: colleague, conversationId, content: "Reminder: check-in from 3 pm.", clientKey: "key-theirs-2", sendAt: later });
    const newestShown = (await db().message.findFirstOrThrow({ where: { clientKey: "key-mine-4" } })).sentAt.toISOString();
    expect((await enqueueReply({ viewer: me, conversationId, content: "One more thing.", clientKey: "key-mine-5", seenReplyAt: newestShown })).created).toBe(true);
    expect(await refusal(enqueueReply({ viewer: me, conversationId, content: "x", clientKey: "key-mine-6", seenReplyAt: "yesterday" }))).toMatchObject({ code: "validation_failed" });
  });

  it("is refused after an answer given in the Extranet or the Pulse app, which arrives through the queue", async () => {
    const me = await createAdmin();
    await world.sandbox.replyInExtranet(booking.conversationId, "Parking is in the garage behind the hotel.");
    await pollOnce(world.connectionId);
    const stored = await db().message.findFirstOrThrow({ where: { conversationId, senderType: "property" } });
    expect(stored.content).toBe("Parking is in the garage behind the hotel.");
    expect(await refusal(enqueueReply({ viewer: me, conversationId, content: "Yes, we have parking.", clientKey: "key-after-extranet", seenReplyAt: null }))).toMatchObject({
      code: "replied_since",
      message: expect.stringMatching(/^Someone at the property, on Booking\.com \(the Extranet or the Pulse app\), replied/),
    });
  });

  it("tells the second of two staff pressing Send at once on the same page state, even while the first is still writing", async () => {
    const [first, second] = [await createAdmin(), await createStaff([PROPERTY_IDS[0]!])];
    // The first reply's transaction has checked and written, and has not committed yet.
    let checked = () => {};
    const firstChecked = new Promise<void>((resolve) => (checked = resolve));
    let commit = () => {};
    const mayCommit = new Promise<void>((resolve) => (commit = resolve));
    const firstReply = db().$transaction(
      async (tx) => {
        await assertNoReplySince(tx, conversationId, first.id, null);
        await createReplyIn(tx, { conversationId, propertyId: PROPERTY_IDS[0]!, content: "Yes, parking is free.", clientKey: "key-race-a", kind: "reply", authorId: first.id, senderName: first.name, attachmentIds: [] });
        checked();
        await mayCommit;
      },
      { timeout: 20_000 },
    );
    await firstChecked;
    const secondReply = refusal(enqueueReply({ viewer: second, conversationId, content: "Parking costs nothing.", clientKey: "key-race-b", seenReplyAt: null }));
    await new Promise((resolve) => setTimeout(resolve, 300)); // the second is now waiting, or has checked
    commit();
    await firstReply;
    expect(await secondReply).toMatchObject({ code: "replied_since", message: expect.stringMatching(/^Test Admin replied/) });
    expect(await count()).toBe(1);
  });
});
