// Send later, against the sandbox over HTTP: a scheduled reply waits (counted nowhere, not run early),
// goes once at its time like any reply, and can be cancelled until it starts, exactly one of cancel and
// send winning. The times allowed, and the routes' scope, are checked too.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DELETE } from "@/app/api/conversations/[id]/messages/[messageId]/route";
import { AppError } from "@/lib/api/errors";
import { getDraft, saveDraft } from "@/lib/inbox/drafts";
import { sendReply } from "@/lib/inbox/send-reply";
import { sessionCookieFor } from "@/tests/viewers";
import { db } from "../db";
import { enqueueReply } from "./outbound/enqueue";
import { executeOutboundAction } from "./outbound/execute";
import { createStaff, pollUntilEmpty, PROPERTY_IDS, syncWorldForEachTest } from "./test-support";

const HOUR = 3_600_000;
const attempt = { retryCount: 0, retryLimit: 5 };

describe("send later", () => {
  const setup = syncWorldForEachTest();

  async function conversationWithGuestMessage(propertyIndex = 0) {
    const booking = await setup.world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[propertyIndex]), sendWelcome: false });
    await setup.world.sandbox.sendAsGuest(booking.conversationId, "Can we have a late check-out?");
    await pollUntilEmpty(setup.world.connectionId);
    const conversation = await db().conversation.findUniqueOrThrow({ where: { bookingId: booking.conversationId } });
    return { booking, conversation };
  }
  const schedule = (conversationId: string, content: string, sendAt: Date) =>
    enqueueReply({ viewer: setup.admin, conversationId, content, clientKey: randomUUID(), sendAt: sendAt.toISOString() });
  const actionOf = (messageId: string) => db().outboundAction.findFirstOrThrow({ where: { messageId } });
  const receivedByGuest = async (bookingId: string, text: string) =>
    (await setup.world.sandbox.inspectConversation(bookingId)).messages.filter((message) => message.sender === "property" && message.content === text).length;
  async function cancelViaRoute(conversationId: string, messageId: string, viewer = setup.admin) {
    const request = new Request(`http://bellhop.test/api/conversations/${conversationId}/messages/${messageId}`, { method: "DELETE", headers: { cookie: await sessionCookieFor(viewer) } });
    const response = await DELETE(request, { params: Promise.resolve({ id: conversationId, messageId }) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it("waits, counted nowhere and not run early, then goes once at its time like any reply", async () => {
    const { booking, conversation } = await conversationWithGuestMessage();
    const at = new Date(Date.now() + HOUR);
    const { messageId } = await schedule(conversation.id, "Of course, until 14:00.", at);

    const message = await db().message.findUniqueOrThrow({ where: { id: messageId } });
    expect(message).toMatchObject({ sendState: "scheduled", sentAt: at });
    expect((await actionOf(messageId)).runAfter).toEqual(at);
    // The guest is still waiting, and the list still shows the guest's message last.
    const before = await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(before).toMatchObject({ needsReplySince: conversation.needsReplySince, lastMessageAt: conversation.lastMessageAt, lastMessageSender: "guest", messageCount: 1 });
    // …but the row says a reply is on its way, so nobody answers the guest again meanwhile; a second,
    // later one does not move it, and the row's change is announced like any other.
    expect(before.nextScheduledReplyAt).toEqual(at);
    expect(before.changeSeq > conversation.changeSeq).toBe(true);
    const later = await schedule(conversation.id, "And breakfast is from 7.", new Date(at.getTime() + HOUR));
    expect((await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).nextScheduledReplyAt).toEqual(at);
    await cancelViaRoute(conversation.id, later.messageId);

    // A job that comes early changes nothing.
    expect(await executeOutboundAction((await actionOf(messageId)).id, attempt)).toBe("skipped");
    expect(await receivedByGuest(booking.conversationId, "Of course, until 14:00.")).toBe(0);
    expect((await actionOf(messageId)).state).toBe("queued");

    // Its time comes (moved to the past here, as a clock would).
    const due = new Date(Date.now() - 1000);
    await db().outboundAction.update({ where: { id: (await actionOf(messageId)).id }, data: { runAfter: due } });
    const startedAt = new Date();
    expect(await executeOutboundAction((await actionOf(messageId)).id, attempt)).toBe("succeeded");
    expect(await receivedByGuest(booking.conversationId, "Of course, until 14:00.")).toBe(1);
    const sent = await db().message.findUniqueOrThrow({ where: { id: messageId } });
    expect(sent.sendState).toBe("sent");
    expect(sent.sentAt.getTime()).toBeGreaterThanOrEqual(startedAt.getTime() - 2000);
    expect(sent.sentAt.getTime()).toBeLessThan(at.getTime());
    const after = await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } });
    expect(after).toMatchObject({ needsReplySince: null, lastMessageSender: "property", messageCount: 2, nextScheduledReplyAt: null });

    // The queue's copy of it is the same message, not a second one; a second job sends nothing.
    await pollUntilEmpty(setup.world.connectionId);
    expect(await db().message.count({ where: { conversationId: conversation.id, senderType: "property" } })).toBe(1);
    expect(await executeOutboundAction((await actionOf(messageId)).id, attempt)).toBe("skipped");
    expect(await receivedByGuest(booking.conversationId, "Of course, until 14:00.")).toBe(1);
  });

  it("is cancelled until it starts: then never sent; once started, cancelling is refused", async () => {
    const { booking, conversation } = await conversationWithGuestMessage();
    const { messageId } = await schedule(conversation.id, "See you tomorrow!", new Date(Date.now() + HOUR));
    expect(await cancelViaRoute(conversation.id, messageId)).toEqual({ status: 200, body: { cancelled: true } });
    expect((await db().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).nextScheduledReplyAt).toBeNull();
    expect(await db().message.findUnique({ where: { id: messageId } })).toBeNull();
    const action = await db().outboundAction.findFirstOrThrow({ where: { conversationId: conversation.id, kind: "reply" } });
    expect(action.state).toBe("cancelled");
    await db().outboundAction.update({ where: { id: action.id }, data: { runAfter: new Date(Date.now() - 1000) } });
    expect(await executeOutboundAction(action.id, attempt)).toBe("skipped");
    expect(await receivedByGuest(booking.conversationId, "See you tomorrow!")).toBe(0);
    expect(await cancelViaRoute(conversation.id, messageId)).toMatchObject({ status: 404 });

    // The worker claimed it first (it is being sent): cancelling is refused and changes nothing.
    const second = await schedule(conversation.id, "Breakfast is from 7.", new Date(Date.now() + HOUR));
    await db().outboundAction.updateMany({ where: { messageId: second.messageId }, data: { state: "running" } });
    expect(await cancelViaRoute(conversation.id, second.messageId)).toEqual({
      status: 409,
      body: { error: { code: "conflict", message: "This reply is no longer waiting: it is being sent, or was sent." } },
    });
    expect((await db().message.findUniqueOrThrow({ where: { id: second.messageId } })).sendState).toBe("scheduled");
    // A reply sent at once cannot be "cancelled" either.
    const now = await enqueueReply({ viewer: setup.admin, conversationId: conversation.id, content: "Right away.", clientKey: randomUUID() });
    expect(await cancelViaRoute(conversation.id, now.messageId)).toMatchObject({ status: 409 });
  });

  it("takes a time at least a minute and at most 30 days ahead, and only in the staff member's properties", async () => {
    const { conversation } = await conversationWithGuestMessage();
    const refused = async (sendAt: Date) => {
      const error = await schedule(conversation.id, "Hello", sendAt).then(() => null, (e: unknown) => e);
      expect(error).toBeInstanceOf(AppError);
      return (error as AppError).status;
    };
    expect(await refused(new Date(Date.now() + 30_000))).toBe(400);
    expect(await refused(new Date(Date.now() - HOUR))).toBe(400);
    expect(await refused(new Date(Date.now() + 31 * 24 * HOUR))).toBe(400);
    expect(await db().message.count({ where: { conversationId: conversation.id, senderType: "property" } })).toBe(0);

    const { messageId } = await schedule(conversation.id, "Hello", new Date(Date.now() + 24 * HOUR));
    // Someone without the property learns nothing, and cancels nothing.
    const otherDesk = await createStaff([PROPERTY_IDS[1]!]);
    expect(await cancelViaRoute(conversation.id, messageId, otherDesk)).toMatchObject({ status: 404, body: { error: { code: "not_found" } } });
    expect((await db().message.findUniqueOrThrow({ where: { id: messageId } })).sendState).toBe("scheduled");
  });

  it("clears the sender's draft on every device once the reply is sent or scheduled, and not when it is refused", async () => {
    const { conversation } = await conversationWithGuestMessage();
    await saveDraft(setup.admin, conversation.id, { mode: "reply", text: "Of course, until 14:00.", images: [] });
    await sendReply(setup.admin, conversation.id, { content: "Of course, until 14:00.", clientKey: randomUUID(), sendAt: new Date(Date.now() + HOUR).toISOString() });
    expect((await getDraft(setup.admin, conversation.id)).draft).toBeNull();

    // Refused (someone answered since the page last looked): the text goes back to the box, and its draft stays.
    const colleague = await createStaff([PROPERTY_IDS[0]!]);
    await sendReply(colleague, conversation.id, { content: "Breakfast is from 7.", clientKey: randomUUID() });
    await saveDraft(setup.admin, conversation.id, { mode: "reply", text: "And parking is free.", images: [] });
    await expect(sendReply(setup.admin, conversation.id, { content: "And parking is free.", clientKey: randomUUID(), seenReplyAt: null })).rejects.toThrow();
    expect((await getDraft(setup.admin, conversation.id)).draft).toMatchObject({ text: "And parking is free." });
  });
});
