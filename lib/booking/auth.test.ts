// Token-based authentication against the real sandbox's token exchange. Each test gets its own
// sandbox because the sandbox counts issued tokens per machine account (30 per hour).

import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createAuthProvider, MAX_TOKENS_PER_HOUR, TokenAuthProvider } from "./auth";
import { BookingApiError } from "./errors";
import type { BookingRequestEvent } from "./transport";
import { sandboxClient, startTestSandbox, tokenAuth, type TestSandbox } from "./test-sandbox";

const PROPERTY_ID = 6378711;

let sandbox: TestSandbox;

beforeEach(async () => {
  sandbox = await startTestSandbox({ conversations: 5 });
});

afterEach(async () => {
  await sandbox?.close();
});

describe("token-based authentication", () => {
  it("exchanges the client credentials once and reuses the token", async () => {
    const { client, events } = sandboxClient(sandbox, { auth: tokenAuth(sandbox) });
    await client.listConversations({ propertyId: PROPERTY_ID });
    await client.readQueue();
    expect(events.map((event) => event.endpoint)).toEqual(["auth.tokenExchange", "conversations.list", "messages.latest"]);
    expect(events[0]).toMatchObject({ status: 200, ruid: expect.any(String) });
  });

  it("shares one exchange between concurrent calls", async () => {
    const { client, events } = sandboxClient(sandbox, { auth: tokenAuth(sandbox) });
    await Promise.all([client.readQueue(), client.listConversations({ propertyId: PROPERTY_ID }), client.listTags({ propertyId: PROPERTY_ID })]);
    expect(events.filter((event) => event.endpoint === "auth.tokenExchange")).toHaveLength(1);
  });

  it("renews an expired token once on a 401 and repeats the call", async () => {
    const { client, events } = sandboxClient(sandbox, { auth: tokenAuth(sandbox) });
    await client.listConversations({ propertyId: PROPERTY_ID });
    // Booking's clock moves past the token's hour; ours does not, so the client still sends the old one.
    await sandbox.advanceClock({ minutes: 61 });

    const page = await client.listConversations({ propertyId: PROPERTY_ID });
    expect(page.conversations.length).toBeGreaterThan(0);
    expect(events.map((event) => `${event.endpoint} ${event.status}`)).toEqual([
      "auth.tokenExchange 200",
      "conversations.list 200",
      "conversations.list 401",
      "auth.tokenExchange 200",
      "conversations.list 200",
    ]);
  });

  it("renews the token after a 401 even on a POST message, since a 401 applied nothing", async () => {
    const { client, events } = sandboxClient(sandbox, { auth: tokenAuth(sandbox) });
    const booking = await sandbox.createBooking({ propertyId: PROPERTY_ID, sendWelcome: false });
    await client.readQueue();
    await sandbox.advanceClock({ minutes: 61 });
    await client.postMessage({ propertyId: PROPERTY_ID, conversationId: booking.conversationId, content: "after renewal" });
    expect(events.filter((event) => event.endpoint === "conversations.postMessage").map((event) => event.status)).toEqual([401, 200]);
    expect((await sandbox.inspectConversation(booking.conversationId)).messages.map((message) => message.content)).toEqual(["after renewal"]);
  });

  it("renews the token before its exp runs out on our own clock", async () => {
    let now = Date.now();
    const { client, events } = sandboxClient(sandbox, { auth: tokenAuth(sandbox), now: () => now });
    await client.readQueue();
    now += 59 * 60 * 1000; // within the refresh margin of the one-hour lifetime
    await client.readQueue();
    expect(events.filter((event) => event.endpoint === "auth.tokenExchange")).toHaveLength(2);
    expect(events.every((event) => event.status === 200)).toBe(true);
  });

  it("reports wrong client credentials as an authentication error from the exchange", async () => {
    const { client, events } = sandboxClient(sandbox, { auth: tokenAuth(sandbox, "wrong-secret") });
    const error = await client.readQueue().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BookingApiError);
    expect(error).toMatchObject({ kind: "authentication", status: 401, endpoint: "auth.tokenExchange", ambiguous: false });
    expect((error as BookingApiError).ruid).toEqual(expect.any(String));
    expect(events).toHaveLength(1);
  });

  it("refuses a 31st token within the hour locally, before Booking has to", async () => {
    const events: BookingRequestEvent[] = [];
    const provider = createAuthProvider(tokenAuth(sandbox), {
      fetch: (input, init) => fetch(input, init),
      now: Date.now,
      onRequest: (event) => events.push(event),
      timeoutMs: 5_000,
    });
    expect(provider).toBeInstanceOf(TokenAuthProvider);
    for (let i = 0; i < MAX_TOKENS_PER_HOUR; i++) {
      const header = await provider.authorization();
      provider.invalidate(header);
    }
    const error = await provider.authorization().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "rate_limited", endpoint: "auth.tokenExchange" });
    expect((error as BookingApiError).retryAfterMs).toBeGreaterThan(59 * 60 * 1000);
    // No 31st request went out.
    expect(events).toHaveLength(MAX_TOKENS_PER_HOUR);
    expect(events.every((event) => event.status === 200)).toBe(true);
  });
});
