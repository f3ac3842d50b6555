// Behaviour of the client against the real Booking.com sandbox over HTTP (no fetch mocks): the happy
// paths of each endpoint, then faults injected through the sandbox's control API.

import { createServer } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { BookingApiError } from "./errors";
import {
  BASIC_PASSWORD,
  BASIC_USERNAME,
  drainQueue,
  FORBIDDEN_PROPERTY_ID,
  sandboxClient,
  startTestSandbox,
  type TestSandbox,
} from "./test-sandbox";

const PROPERTY_ID = 6819547;

let sandbox: TestSandbox;

beforeAll(async () => {
  // Search jobs take one virtual minute, so the not-ready answer can be seen.
  sandbox = await startTestSandbox({ searchJobDelayMs: 60_000 });
});

afterAll(async () => {
  await sandbox?.close();
});

afterEach(async () => {
  await sandbox.clearFaults();
});

async function captureError(promise: Promise<unknown>): Promise<BookingApiError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BookingApiError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("queue", () => {
  it("reads guest messages from the queue and confirms exactly the batch", async () => {
    const { client, events } = sandboxClient(sandbox);
    await drainQueue(client);
    const booking = await sandbox.createBooking({ propertyId: PROPERTY_ID, sendWelcome: true });
    await sandbox.sendAsGuest(booking.conversationId, "Hello, is there parking?");

    const batch = await client.readQueue();
    expect(batch.numberOfMessages).toBe(2);
    expect(batch.requestTime).toBeInstanceOf(Date);
    const [welcome, guestMessage] = batch.messages;
    expect(welcome?.sender.type).toBe("property");
    expect(guestMessage).toMatchObject({
      content: "Hello, is there parking?",
      messageType: "free_text",
      sender: { type: "guest", participantId: booking.guest.participantId },
      conversation: { conversationId: booking.conversationId, reference: booking.reference, type: "reservation", propertyId: String(PROPERTY_ID) },
    });
    expect(guestMessage?.timestamp).toBeInstanceOf(Date);

    await client.confirmQueue(batch.numberOfMessages);
    expect((await client.readQueue()).messages).toEqual([]);

    // The hook saw every request, with Booking's request id.
    const read = events.find((event) => event.endpoint === "messages.latest");
    expect(read).toMatchObject({ method: "GET", status: 200, attempt: 1 });
    expect(read?.ruid).toEqual(expect.any(String));
    expect(events.some((event) => event.endpoint === "messages.confirm" && event.status === 200)).toBe(true);
  });

  it("does not send a request to confirm zero messages", async () => {
    const { client, events } = sandboxClient(sandbox);
    await client.confirmQueue(0);
    expect(events).toEqual([]);
  });

  it("does not retry a failed confirm, and flags it ambiguous", async () => {
    const { client, events } = sandboxClient(sandbox);
    await drainQueue(client);
    const booking = await sandbox.createBooking({ propertyId: PROPERTY_ID, sendWelcome: true });
    const batch = await client.readQueue();
    expect(batch.messages[0]?.conversation.conversationId).toBe(booking.conversationId);

    await sandbox.addFault({ mode: "error_500", endpoint: "queue.confirm", afterApply: true, times: 1 });
    const before = events.length;
    const error = await captureError(client.confirmQueue(batch.numberOfMessages));
    expect(error).toMatchObject({ kind: "unavailable", status: 500, ambiguous: true, endpoint: "messages.confirm" });
    expect(events.slice(before).filter((event) => event.endpoint === "messages.confirm")).toHaveLength(1);
    // The confirm had applied: a blind retry would have dropped the next message.
    expect((await client.readQueue()).numberOfMessages).toBe(0);
  });
});

describe("conversations", () => {
  it("pages through a property's conversations until next_page_id runs out", async () => {
    const { client } = sandboxClient(sandbox);
    for (let i = 0; i < 55; i++) await sandbox.createBooking({ propertyId: 2098153, sendWelcome: false });
    const expected = await sandbox.control<{ total: number }>("GET", "/reservations?property_id=2098153&limit=1");

    const seen: string[] = [];
    let pageId: string | undefined;
    let pages = 0;
    do {
      const page = await client.listConversations({ propertyId: 2098153, pageId });
      expect(page.conversations.length).toBeLessThanOrEqual(50);
      seen.push(...page.conversations.map((conversation) => conversation.conversationId));
      pageId = page.nextPageId ?? undefined;
      pages++;
    } while (pageId !== undefined && pages < 100);

    expect(pages).toBeGreaterThanOrEqual(2);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toHaveLength(expected.total);
  });

  it("gets a conversation by id and by reservation reference", async () => {
    const { client } = sandboxClient(sandbox);
    const booking = await sandbox.createBooking({ propertyId: PROPERTY_ID, sendWelcome: true, guestName: "Ada Lovelace" });
    await sandbox.sendAsGuest(booking.conversationId, "Can I bring a dog?");

    const byId = await client.getConversation({ propertyId: PROPERTY_ID, conversationId: booking.conversationId });
    expect(byId.nextPageId).toBeNull();
    expect(byId.conversation).toMatchObject({
      conversationId: booking.conversationId,
      reference: booking.reference,
      type: "reservation",
      access: "read_write",
      noReplyNeeded: false,
    });
    expect(byId.conversation.participants).toEqual(
      expect.arrayContaining([
        { participantId: booking.guest.participantId, type: "guest", name: "Ada Lovelace" },
        { participantId: booking.propertyParticipantId, type: "property", propertyId: String(PROPERTY_ID) },
      ]),
    );
    // Newest first; sender types resolved from the participants.
    expect(byId.conversation.messages.map((message) => message.senderType)).toEqual(["guest", "property"]);

    const byReference = await client.getConversationByReference({
      propertyId: PROPERTY_ID,
      conversationType: "reservation",
      reference: booking.reference,
    });
    expect(byReference.conversation.conversationId).toBe(booking.conversationId);
  });

  it("reports an unknown reservation as not_found", async () => {
    const { client } = sandboxClient(sandbox);
    const error = await captureError(
      client.getConversationByReference({ propertyId: PROPERTY_ID, conversationType: "reservation", reference: "1" }),
    );
    expect(error).toMatchObject({ kind: "not_found", status: 404, ambiguous: false });
    expect(error.ruid).toEqual(expect.any(String));
  });

  it("posts a message and reads it back", async () => {
    const { client } = sandboxClient(sandbox);
    const booking = await sandbox.createBooking({ propertyId: PROPERTY_ID, sendWelcome: false });
    const posted = await client.postMessage({ propertyId: PROPERTY_ID, conversationId: booking.conversationId, content: "Welcome!" });
    expect(posted).toEqual({ messageId: expect.any(String), guestHasAccount: true });

    const page = await client.getConversation({ propertyId: PROPERTY_ID, conversationId: booking.conversationId });
    expect(page.conversation.messages[0]).toMatchObject({ messageId: posted.messageId, content: "Welcome!", senderType: "property" });
  });

  it("refuses an empty message locally, without a request", async () => {
    const { client, events } = sandboxClient(sandbox);
    const error = await captureError(client.postMessage({ propertyId: PROPERTY_ID, conversationId: "x", content: "  " }));
    expect(error).toMatchObject({ kind: "bad_request", ambiguous: false });
    expect(events).toEqual([]);
  });

  it("reports a 400 with Booking's message as a bad request that did not apply", async () => {
    const { client } = sandboxClient(sandbox);
    const booking = await sandbox.createBooking({ propertyId: PROPERTY_ID, sendWelcome: false });
    const error = await captureError(
      client.postMessage({ propertyId: PROPERTY_ID, conversationId: booking.conversationId, content: "hi", attachmentIds: ["nope"] }),
    );
    expect(error).toMatchObject({ kind: "bad_request", status: 400, ambiguous: false });
    expect(error.apiMessages.join(" ")).toContain("nope");
    expect(error.message).toContain("nope");
  });
});

describe("tags", () => {
  it("sets and clears no_reply_needed", async () => {
    const { client } = sandboxClient(sandbox);
    const booking = await sandbox.createBooking({ propertyId: PROPERTY_ID, sendWelcome: true });
    const ref = { propertyId: PROPERTY_ID, conversationId: booking.conversationId };

    expect(await client.setNoReplyNeeded(ref)).toEqual({ tag: "no_reply_needed", isSet: true });
    expect((await client.getConversation(ref)).conversation.noReplyNeeded).toBe(true);
    expect(await client.clearNoReplyNeeded(ref)).toEqual({ tag: "no_reply_needed", isSet: false });
    expect((await sandbox.inspectConversation(booking.conversationId)).conversation.noReplyNeeded).toBe(false);
  });

  it("marks guest messages read for the property and unmarks them (DELETE with a body)", async () => {
    const { client } = sandboxClient(sandbox);
    const booking = await sandbox.createBooking({ propertyId: PROPERTY_ID, sendWelcome: false });
    const { messageId } = await sandbox.sendAsGuest(booking.conversationId, "Are towels included?");
    const input = {
      propertyId: PROPERTY_ID,
      conversationId: booking.conversationId,
      messageIds: [messageId],
      participantId: booking.propertyParticipantId,
    };

    expect(await client.markMessagesRead(input)).toEqual({ tag: "read", isSet: true });
    const page = await client.getConversation(input);
    expect(page.conversation.messages[0]?.readBy).toEqual([booking.propertyParticipantId]);

    await client.unmarkMessagesRead(input);
    const after = await sandbox.inspectConversation(booking.conversationId);
    expect(after.messages.find((message) => message.messageId === messageId)?.readBy).toEqual([]);
  });

  it("retries an idempotent tag PUT after a 500", async () => {
    const { client, events } = sandboxClient(sandbox);
    const booking = await sandbox.createBooking({ propertyId: PROPERTY_ID, sendWelcome: false });
    await sandbox.addFault({ mode: "error_500", endpoint: "tags.noReplyNeeded.set", times: 1 });
    expect(await client.setNoReplyNeeded({ propertyId: PROPERTY_ID, conversationId: booking.conversationId })).toEqual({
      tag: "no_reply_needed",
      isSet: true,
    });
    expect(events.map((event) => event.status)).toEqual([500, 200]);
  });
});

describe("search (recovery)", () => {
  it("starts a job, sees it not ready, then pages through the result", async () => {
    const { client } = sandboxClient(sandbox);
    const booking = await sandbox.createBooking({ propertyId: 13921698, sendWelcome: true });
    await sandbox.sendAsGuest(booking.conversationId, "Search me");
    await sandbox.advanceClock({ minutes: 1 });

    const job = await client.startMessageSearch({ propertyId: 13921698, orderBy: "desc" });
    expect(job.jobId).toEqual(expect.any(String));
    expect(job.expiresAt).toBeInstanceOf(Date);

    const pending = await client.getMessageSearchResult({ jobId: job.jobId });
    expect(pending).toMatchObject({ ready: false, messages: [], nextPageId: null });

    await sandbox.advanceClock({ minutes: 1 });
    const messages = [];
    let pageId: string | undefined;
    for (let pages = 0; pages < 100; pages++) {
      const page = await client.getMessageSearchResult({ jobId: job.jobId, pageId });
      expect(page.ready).toBe(true);
      messages.push(...page.messages);
      if (page.nextPageId === null) break;
      pageId = page.nextPageId;
    }
    const found = messages.find((message) => message.content === "Search me");
    expect(found).toMatchObject({ sender: { type: "guest" }, conversation: { propertyId: "13921698", conversationId: booking.conversationId } });
    // Search results spell the property side "hotel"; it is normalised.
    expect(messages.some((message) => message.sender.type === "property")).toBe(true);
  });

  it("refuses a search without criteria locally", async () => {
    const { client, events } = sandboxClient(sandbox);
    expect(await captureError(client.startMessageSearch({}))).toMatchObject({ kind: "bad_request" });
    expect(events).toEqual([]);
  });
});

describe("retries and failures", () => {
  it("retries a GET after 500s and succeeds", async () => {
    const { client, events, waits } = sandboxClient(sandbox);
    await sandbox.addFault({ mode: "error_500", endpoint: "conversations.list", times: 2 });
    const page = await client.listConversations({ propertyId: PROPERTY_ID });
    expect(page.conversations.length).toBeGreaterThan(0);
    expect(events.map((event) => [event.status, event.attempt])).toEqual([
      [500, 1],
      [500, 2],
      [200, 3],
    ]);
    // Full jitter with random() = 0.5: half of 500 ms, then half of 1000 ms.
    expect(waits).toEqual([250, 500]);
  });

  it("gives up on a GET after maxAttempts with an unavailable error", async () => {
    const { client, events } = sandboxClient(sandbox, { retry: { maxAttempts: 3 } });
    await sandbox.addFault({ mode: "error_500", endpoint: "conversations.list" });
    const error = await captureError(client.listConversations({ propertyId: PROPERTY_ID }));
    expect(error).toMatchObject({ kind: "unavailable", status: 500, ambiguous: false, endpoint: "conversations.list" });
    expect(error.apiMessages).toContain("448: Internal server error");
    expect(error.ruid).toEqual(expect.any(String));
    expect(events).toHaveLength(3);
  });

  it("honours Retry-After on a 429 and then succeeds", async () => {
    const { client, events, waits } = sandboxClient(sandbox);
    await sandbox.addFault({ mode: "rate_limit", endpoint: "queue.read", times: 1, retryAfterSeconds: 2 });
    await client.readQueue();
    expect(events.map((event) => event.status)).toEqual([429, 200]);
    expect(waits).toEqual([2_000]);
  });

  it("hands a long Retry-After back to the caller instead of waiting", async () => {
    const { client, waits } = sandboxClient(sandbox);
    await sandbox.addFault({ mode: "rate_limit", endpoint: "queue.read", times: 1, retryAfterSeconds: 3_600 });
    const error = await captureError(client.readQueue());
    expect(error).toMatchObject({ kind: "rate_limited", status: 429, retryAfterMs: 3_600_000, ambiguous: false });
    expect(waits).toEqual([]);
  });

  it("never retries POST message after a 500, and flags it ambiguous whether or not it applied", async () => {
    const { client, events } = sandboxClient(sandbox);
    const booking = await sandbox.createBooking({ propertyId: PROPERTY_ID, sendWelcome: false });
    const ref = { propertyId: PROPERTY_ID, conversationId: booking.conversationId };

    await sandbox.addFault({ mode: "error_500", endpoint: "message.post", times: 1 });
    const notApplied = await captureError(client.postMessage({ ...ref, content: "first try" }));
    expect(notApplied).toMatchObject({ kind: "unavailable", status: 500, ambiguous: true, endpoint: "conversations.postMessage" });

    await sandbox.addFault({ mode: "error_500", endpoint: "message.post", times: 1, afterApply: true });
    const applied = await captureError(client.postMessage({ ...ref, content: "second try" }));
    expect(applied).toMatchObject({ kind: "unavailable", status: 500, ambiguous: true });

    expect(events.filter((event) => event.endpoint === "conversations.postMessage")).toHaveLength(2);
    const stored = (await sandbox.inspectConversation(booking.conversationId)).messages.map((message) => message.content);
    expect(stored).toEqual(["second try"]);
  });

  it("aborts a hung request at the timeout with an unavailable error", async () => {
    const { client } = sandboxClient(sandbox, { timeoutMs: 300, retry: { maxAttempts: 1 } });
    await sandbox.addFault({ mode: "hang", endpoint: "conversations.list", times: 1 });
    const startedAt = Date.now();
    const error = await captureError(client.listConversations({ propertyId: PROPERTY_ID }));
    expect(error).toMatchObject({ kind: "unavailable", ambiguous: false, endpoint: "conversations.list" });
    expect(error.message).toContain("timed out after 300 ms");
    expect(Date.now() - startedAt).toBeLessThan(3_000);
  });

  it("retries a GET after a hung attempt", async () => {
    const { client, events } = sandboxClient(sandbox, { timeoutMs: 300 });
    await sandbox.addFault({ mode: "hang", endpoint: "conversations.list", times: 1 });
    await client.listConversations({ propertyId: PROPERTY_ID });
    expect(events.map((event) => event.status)).toEqual([undefined, 200]);
  });

  it("reports a hung POST message as ambiguous", async () => {
    const { client } = sandboxClient(sandbox, { timeoutMs: 300 });
    const booking = await sandbox.createBooking({ propertyId: PROPERTY_ID, sendWelcome: false });
    await sandbox.addFault({ mode: "hang", endpoint: "message.post", times: 1, afterApply: true });
    const error = await captureError(client.postMessage({ propertyId: PROPERTY_ID, conversationId: booking.conversationId, content: "slow" }));
    expect(error).toMatchObject({ kind: "unavailable", ambiguous: true });
    expect((await sandbox.inspectConversation(booking.conversationId)).messages.map((message) => message.content)).toEqual(["slow"]);
  });

  it("reports a dropped connection on POST message as ambiguous, without retrying", async () => {
    const { client, events } = sandboxClient(sandbox);
    const booking = await sandbox.createBooking({ propertyId: PROPERTY_ID, sendWelcome: false });
    await sandbox.addFault({ mode: "drop", endpoint: "message.post", times: 1, afterApply: true });
    const error = await captureError(client.postMessage({ propertyId: PROPERTY_ID, conversationId: booking.conversationId, content: "dropped" }));
    expect(error).toMatchObject({ kind: "unavailable", ambiguous: true, endpoint: "conversations.postMessage" });
    expect(error.status).toBeUndefined();
    expect(events).toHaveLength(1);
    // It did go through: exactly the case where a blind retry would double-send.
    const stored = await sandbox.inspectConversation(booking.conversationId);
    expect(stored.messages.map((message) => message.content)).toEqual(["dropped"]);
  });

  it("retries a GET after a dropped connection", async () => {
    const { client, events } = sandboxClient(sandbox);
    await sandbox.addFault({ mode: "drop", endpoint: "queue.read", times: 1 });
    await client.readQueue();
    expect(events.map((event) => event.status)).toEqual([undefined, 200]);
  });

  it("reports a connection refused as unavailable and not ambiguous", async () => {
    const closedPort = await findClosedPort();
    const { client, events } = sandboxClient(sandbox, { baseUrl: `http://127.0.0.1:${closedPort}/messaging` });
    const error = await captureError(client.postMessage({ propertyId: PROPERTY_ID, conversationId: "c", content: "never sent" }));
    expect(error).toMatchObject({ kind: "unavailable", ambiguous: false });
    expect(error.message).toContain("ECONNREFUSED");
    expect(events).toHaveLength(1);
  });

  it("turns malformed JSON into an invalid_response error (ambiguous on a POST that applied)", async () => {
    const { client } = sandboxClient(sandbox);
    await sandbox.addFault({ mode: "malformed_json", endpoint: "conversations.list", times: 1 });
    const readError = await captureError(client.listConversations({ propertyId: PROPERTY_ID }));
    expect(readError).toMatchObject({ kind: "invalid_response", status: 200, endpoint: "conversations.list", ambiguous: false, fieldPath: "(body)" });

    const booking = await sandbox.createBooking({ propertyId: PROPERTY_ID, sendWelcome: false });
    await sandbox.addFault({ mode: "malformed_json", endpoint: "message.post", times: 1, afterApply: true });
    const postError = await captureError(client.postMessage({ propertyId: PROPERTY_ID, conversationId: booking.conversationId, content: "x" }));
    expect(postError).toMatchObject({ kind: "invalid_response", ambiguous: true });
  });
});

describe("authentication and access", () => {
  it("reports bad Basic credentials as an authentication error with Booking's ruid", async () => {
    const { client, events } = sandboxClient(sandbox, { auth: { type: "basic", username: BASIC_USERNAME, password: "wrong" } });
    const error = await captureError(client.readQueue());
    expect(error).toMatchObject({ kind: "authentication", status: 401, ambiguous: false });
    expect(error.ruid).toEqual(expect.any(String));
    expect(error.apiMessages.join(" ")).toContain("Access denied");
    expect(events).toHaveLength(1);
  });

  it("reports a property the account may not access as forbidden", async () => {
    const { client } = sandboxClient(sandbox);
    const error = await captureError(client.listConversations({ propertyId: FORBIDDEN_PROPERTY_ID }));
    expect(error).toMatchObject({ kind: "forbidden", status: 403, endpoint: "conversations.list" });
    expect(error.apiMessages.join(" ")).toContain("This account doesn't have access to this property");
    expect(error.ruid).toEqual(expect.any(String));
  });

  it("works with Basic auth header built from the demo account", async () => {
    const { client } = sandboxClient(sandbox, { auth: { type: "basic", username: BASIC_USERNAME, password: BASIC_PASSWORD } });
    await expect(client.listTags({ propertyId: PROPERTY_ID })).resolves.toEqual(
      expect.arrayContaining([expect.objectContaining({ tag: "no_reply_needed" })]),
    );
  });
});

describe("Accept-Version", () => {
  it("parses 1.0 responses, which lack message_type and guest names", async () => {
    const { client } = sandboxClient(sandbox, { acceptVersion: "1.0" });
    await drainQueue(client);
    const booking = await sandbox.createBooking({ propertyId: PROPERTY_ID, sendWelcome: true, guestName: "Grace Hopper" });
    await sandbox.sendAsGuest(booking.conversationId, "v1.0 hello");

    const batch = await client.readQueue();
    const guestMessage = batch.messages.find((message) => message.content === "v1.0 hello");
    expect(guestMessage?.messageType).toBeUndefined();
    expect(guestMessage?.sender).toEqual({ participantId: booking.guest.participantId, type: "guest" });
    await client.confirmQueue(batch.numberOfMessages);

    const page = await client.getConversation({ propertyId: PROPERTY_ID, conversationId: booking.conversationId });
    expect(page.conversation.messages.every((message) => message.messageType === undefined)).toBe(true);
    expect(page.conversation.participants.find((participant) => participant.type === "guest")?.name).toBeUndefined();
  });

  it("sends 1.2 by default, which adds message types and guest names", async () => {
    const { client } = sandboxClient(sandbox);
    const booking = await sandbox.createBooking({ propertyId: PROPERTY_ID, sendWelcome: true, guestName: "Grace Hopper" });
    const page = await client.getConversation({ propertyId: PROPERTY_ID, conversationId: booking.conversationId });
    expect(page.conversation.messages[0]?.messageType).toBe("automatically_sent_template");
    expect(page.conversation.messages[0]?.attributes).toEqual({ templateId: expect.any(String), templateName: expect.any(String) });
    expect(page.conversation.participants.find((participant) => participant.type === "guest")?.name).toBe("Grace Hopper");
  });
});

/** A local port with nothing listening: bind to port 0, note the port, close. */
async function findClosedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address !== null ? address.port : 0;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
