import { describe, expect, it } from "vitest";
import { createBooking } from "../world/bookings";
import { EMPTY_PROPERTY, arr, at, book, control, drainQueue, property, str, sandboxPerFile, type Json } from "./support";

// Conversations on the property side: envelope and `ok` forms, Accept-Version, paging at the
// boundaries, posting, the sending window, request-to-book and self-service messages, link filtering.

const sandbox = sandboxPerFile();
const A1 = "a7dd5868-670c-597f-a5b8-8f6d917614bf";

function expectEnvelope(json: Json): void {
  expect(str(json, "meta", "ruid")).toMatch(/^UmFuZG9tSVYkc2RlIyh9Y[A-Za-z0-9+/=]{60,}$/);
  expect(arr(json, "errors")).toEqual([]);
  expect(arr(json, "warnings")).toEqual([]);
  expect(at(json, "data")).toBeTypeOf("object");
}

async function allConversationPages(propertyId: number): Promise<{ pages: Json[][]; lastNext: string }> {
  const pages: Json[][] = [];
  let pageId = "";
  for (let guard = 0; guard < 20; guard++) {
    const result = await property(sandbox.get(), "GET", `/properties/${propertyId}/conversations${pageId ? `?page_id=${pageId}` : ""}`);
    expect(result.status).toBe(200);
    pages.push(arr(result.json, "data", "conversations"));
    pageId = str(result.json, "data", "next_page_id");
    if (pageId === "") return { pages, lastNext: pageId };
  }
  throw new Error("paging did not end");
}

async function allMessagePages(path: string): Promise<Json[][]> {
  const pages: Json[][] = [];
  let pageId = "";
  for (let guard = 0; guard < 20; guard++) {
    const separator = path.includes("?") ? "&" : "?";
    const result = await property(sandbox.get(), "GET", `${path}${pageId ? `${separator}page_id=${pageId}` : ""}`);
    expect(result.status).toBe(200);
    pages.push(arr(result.json, "data", "conversation", "messages"));
    pageId = str(result.json, "data", "next_page_id");
    if (pageId === "") return pages;
  }
  throw new Error("paging did not end");
}

describe("envelope and ok forms", () => {
  it("conversation endpoints answer ok as the string \"true\" inside the full envelope", async () => {
    const list = await property(sandbox.get(), "GET", "/properties/6378711/conversations");
    expectEnvelope(list.json);
    expect(at(list.json, "data", "ok")).toBe("true");
    const one = await property(sandbox.get(), "GET", `/properties/6378711/conversations/${A1}`);
    expectEnvelope(one.json);
    expect(at(one.json, "data", "ok")).toBe("true");
    const byType = await property(sandbox.get(), "GET", "/properties/6378711/conversations/type/reservation?conversation_reference=3454799008");
    expect(str(byType.json, "data", "conversation", "conversation_id")).toBe(A1);
    expect(at(byType.json, "data", "ok")).toBe("true");
  });

  it("conversation objects carry access, participants (property id as a number) and the no_reply_needed tag", async () => {
    const one = await property(sandbox.get(), "GET", `/properties/6378711/conversations/${A1}`);
    const conversation = at(one.json, "data", "conversation");
    expect(at(conversation, "access")).toBe("read_write");
    expect(at(conversation, "conversation_reference")).toBe("3454799008");
    expect(at(conversation, "conversation_type")).toBe("reservation");
    expect(at(conversation, "participants", 1, "metadata")).toEqual({ type: "property", id: 6378711 });
    expect(at(conversation, "tags")).toEqual({ no_reply_needed: { set: false } });
    const message = at(conversation, "messages", 0);
    expect(at(message, "sender_id")).toBe("9f6be5fd-b3a8-5691-9cf9-9ab6c6217327");
    expect(at(message, "timestamp")).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(at(message, "tags", "read")).toEqual({ set: false, participants: [] });
  });

  it("by type: 400 for a bad type or a missing/non-numeric reference, 404 for an unknown reference", async () => {
    expect((await property(sandbox.get(), "GET", "/properties/6378711/conversations/type/booking?conversation_reference=1")).status).toBe(400);
    expect((await property(sandbox.get(), "GET", "/properties/6378711/conversations/type/reservation")).status).toBe(400);
    expect((await property(sandbox.get(), "GET", "/properties/6378711/conversations/type/reservation?conversation_reference=abc")).status).toBe(400);
    expect((await property(sandbox.get(), "GET", "/properties/6378711/conversations/type/reservation?conversation_reference=1")).status).toBe(404);
  });

  it("a page_id that was not issued by the sandbox is a 400", async () => {
    const result = await property(sandbox.get(), "GET", "/properties/6378711/conversations?page_id=garbage");
    expect(result.status).toBe(400);
    expect(str(result.json, "errors", 0, "message")).toContain("page_id");
  });
});

describe("Accept-Version", () => {
  async function conversationWithTemplate(version: string | undefined) {
    const result = await property(sandbox.get(), "GET", "/properties/6378711/conversations/2411ff94-d40b-5ccf-bd08-aa7ddb6a80c8", { version });
    return at(result.json, "data", "conversation");
  }

  it.each([[undefined], ["1.0"], ["1.1"]])("%s leaves out message_type, attributes and the guest's name", async (version) => {
    const conversation = await conversationWithTemplate(version);
    const message = at(conversation, "messages", 0) as Record<string, Json>;
    expect(message).not.toHaveProperty("message_type");
    expect(message).not.toHaveProperty("attributes");
    expect(at(conversation, "participants", 0, "metadata")).toEqual({ type: "guest" });
  });

  it.each([["1.2"], ["1.3"]])("%s includes them", async (version) => {
    const conversation = await conversationWithTemplate(version);
    expect(at(conversation, "messages", 0, "message_type")).toBe("automatically_sent_template");
    expect(at(conversation, "messages", 0, "attributes")).toEqual({ template_id: "12345", template_name: "Welcome Template" });
    expect(at(conversation, "participants", 0, "metadata")).toEqual({ type: "guest", name: "Test Booker" });
  });
});

describe("paging conversation lists: 50 per page, newest activity first", () => {
  it.each([0, 1, 50, 51, 100, 101])("%i conversations", async (count) => {
    const world = sandbox.get().world;
    // Top the empty property up to `count` conversations (the cases run in increasing order).
    while (world.conversationCount(EMPTY_PROPERTY) < count) {
      createBooking(world, { propertyId: EMPTY_PROPERTY, guestName: "Page Guest", language: "en", checkin: "2026-03-20", checkout: "2026-03-22", type: "reservation", affiliateId: null });
    }
    const { pages } = await allConversationPages(EMPTY_PROPERTY);
    expect(pages.length).toBe(Math.max(1, Math.ceil(count / 50)));
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(50);
    const ids = pages.flat().map((c) => str(c, "conversation_id"));
    expect(ids.length).toBe(count);
    expect(new Set(ids).size).toBe(count);
    const activity = pages.flat().map((c) => Date.parse(str(c, "messages", 0, "timestamp")));
    expect([...activity].sort((a, b) => b - a)).toEqual(activity);
  });

  it("new activity moves a conversation to the top, and the old cursor does not show it twice", async () => {
    const first = await property(sandbox.get(), "GET", `/properties/${EMPTY_PROPERTY}/conversations`);
    const oldest = sandbox.get().world.conversationsByActivity(EMPTY_PROPERTY).at(-1);
    if (!oldest) throw new Error("no conversations");
    await control(sandbox.get(), "POST", `/conversations/${oldest.id}/guest-messages`, { content: "Any news?" });
    const again = await property(sandbox.get(), "GET", `/properties/${EMPTY_PROPERTY}/conversations`);
    expect(str(again.json, "data", "conversations", 0, "conversation_id")).toBe(oldest.id);
    const rest: Json[] = [];
    let pageId = str(first.json, "data", "next_page_id");
    while (pageId) {
      const page = await property(sandbox.get(), "GET", `/properties/${EMPTY_PROPERTY}/conversations?page_id=${pageId}`);
      rest.push(...arr(page.json, "data", "conversations"));
      pageId = str(page.json, "data", "next_page_id");
    }
    // Paging on with the cursor from before the activity: the moved conversation is not on the later
    // pages, so a client that does not re-read page 1 misses it entirely: the real API's pitfall.
    const seen = [...arr(first.json, "data", "conversations"), ...rest].map((c) => str(c, "conversation_id"));
    expect(seen).not.toContain(oldest.id);
    expect(new Set(seen).size).toBe(100);
  });
});

describe("paging a conversation's messages: 50 per page, newest first", () => {
  let conversationId = "";
  let reservationId = "";

  it.each([0, 1, 50, 51, 100, 101])("%i messages (by id and by type+reference)", async (count) => {
    const world = sandbox.get().world;
    if (!conversationId) {
      const booking = createBooking(world, { propertyId: 4412087, guestName: "Long Thread", language: "en", checkin: "2026-03-20", checkout: "2026-03-22", type: "reservation", affiliateId: null, sendWelcome: false });
      conversationId = booking.conversation.id;
      reservationId = booking.conversation.reference;
    }
    const conversation = world.conversations.get(conversationId);
    if (!conversation) throw new Error("missing");
    while (conversation.messageIds.length < count) {
      world.addMessage({ conversationId, sender: conversation.messageIds.length % 2 ? "property" : "guest", type: "free_text", content: `message ${conversation.messageIds.length + 1}`, origin: "control" });
    }
    for (const path of [`/properties/4412087/conversations/${conversationId}`, `/properties/4412087/conversations/type/reservation?conversation_reference=${reservationId}`]) {
      const pages = await allMessagePages(path);
      expect(pages.length).toBe(Math.max(1, Math.ceil(count / 50)));
      const contents = pages.flat().map((m) => str(m, "content"));
      expect(contents).toEqual(Array.from({ length: count }, (_, i) => `message ${count - i}`));
    }
  });

  it("a message added between pages is not on the later pages (documented pitfall)", async () => {
    const path = `/properties/4412087/conversations/${conversationId}`;
    const first = await property(sandbox.get(), "GET", path);
    await control(sandbox.get(), "POST", `/conversations/${conversationId}/guest-messages`, { content: "written while paging" });
    let pageId = str(first.json, "data", "next_page_id");
    const later: string[] = [];
    while (pageId) {
      const page = await property(sandbox.get(), "GET", `${path}?page_id=${pageId}`);
      later.push(...arr(page.json, "data", "conversation", "messages").map((m) => str(m, "content")));
      pageId = str(page.json, "data", "next_page_id");
    }
    expect(later).not.toContain("written while paging");
    const fresh = await property(sandbox.get(), "GET", path);
    expect(str(fresh.json, "data", "conversation", "messages", 0, "content")).toBe("written while paging");
  });
});

describe("posting a message", () => {
  it("stores it, answers {guest_has_account, message_id, ok: \"true\"}, and shows it first in the conversation", async () => {
    const result = await property(sandbox.get(), "POST", `/properties/6378711/conversations/${A1}`, { body: { message: { content: "Dogs are welcome!" } } });
    expect(result.status).toBe(200);
    expect(at(result.json, "data", "ok")).toBe("true");
    expect(at(result.json, "data", "guest_has_account")).toBe(true);
    const id = str(result.json, "data", "message_id");
    const conversation = await property(sandbox.get(), "GET", `/properties/6378711/conversations/${A1}`, { version: "1.2" });
    expect(at(conversation.json, "data", "conversation", "messages", 0)).toMatchObject({ message_id: id, content: "Dogs are welcome!", message_type: "free_text" });
  });

  it("guest_has_account is false for a guest without an account", async () => {
    const result = await property(sandbox.get(), "POST", "/properties/6378711/conversations/e62d0589-ce61-5a36-9649-36b5fed9491d", { body: { message: { content: "Hello" } } });
    expect(at(result.json, "data", "guest_has_account")).toBe(false);
  });

  const bad: [string, { body?: unknown; rawBody?: string }, string][] = [
    ["no body", { rawBody: "" }, "empty"],
    ["malformed JSON", { rawBody: "{\"message\": {" }, "not valid JSON"],
    ["no message", { body: { content: "x" } }, "message"],
    ["content missing", { body: { message: {} } }, "message.content"],
    ["content not a string", { body: { message: { content: 12 } } }, "message.content"],
    ["empty content", { body: { message: { content: "   " } } }, "must not be empty"],
    ["attachment_ids not an array", { body: { message: { content: "x", attachment_ids: "a" } } }, "attachment_ids"],
    ["unknown attachment id", { body: { message: { content: "x", attachment_ids: ["nope"] } } }, "Unknown attachment_id"],
    ["a JSON array instead of an object", { rawBody: "[]" }, "expected object"],
  ];
  it.each(bad)("400 for %s", async (_name, request, expected) => {
    const result = await property(sandbox.get(), "POST", `/properties/6378711/conversations/${A1}`, request);
    expect(result.status).toBe(400);
    expect(str(result.json, "errors", 0, "message")).toContain(expected);
    expect(typeof at(result.json, "errors", 0, "code")).toBe("number");
  });
});

describe("the sending window on the virtual clock", () => {
  it("closes 7 days after checkout, reopens for 14 days after a guest message, and closes again", async () => {
    const sb = sandbox.get();
    const conversation = await book(sb, { propertyId: 6819547, guestName: "Window Guest", checkin: "2026-03-11", checkout: "2026-03-13" });
    const id = str(conversation, "conversationId");
    const post = (content: string) => property(sb, "POST", `/properties/6819547/conversations/${id}`, { body: { message: { content } } });
    const access = async () => str((await property(sb, "GET", `/properties/6819547/conversations/${id}`)).json, "data", "conversation", "access");

    expect((await post("See you soon")).status).toBe(200);
    const until = Date.parse(str(conversation, "propertyCanSendUntil"));
    // Checkout 2026-03-13 at 12:00 in Lisbon (UTC+0 in March) + 7 days.
    expect(new Date(until).toISOString()).toBe("2026-03-20T12:00:00.000Z");
    sb.world.clock.advance(until - sb.world.clock.now() - 60_000);
    expect(await access()).toBe("read_write");
    expect((await post("Last call")).status).toBe(200);
    sb.world.clock.advance(2 * 60_000);
    expect(await access()).toBe("read_only");
    const refused = await post("Too late");
    expect(refused.status).toBe(403);
    expect(str(refused.json, "errors", 0, "message")).toContain("read_only");

    // The guest may still write (66 days), which gives the property 14 more days.
    await control(sb, "POST", `/conversations/${id}/guest-messages`, { content: "I forgot my charger in the room" });
    expect(await access()).toBe("read_write");
    expect((await post("We found it!")).status).toBe(200);
    sb.world.clock.advance(14 * 86_400_000 + 1_000);
    expect(await access()).toBe("read_only");
    expect((await post("Hello again")).status).toBe(403);
  });

  it("a cancellation starts the 7 days from the cancellation", async () => {
    const sb = sandbox.get();
    const conversation = await book(sb, { propertyId: 6819547, checkin: "2026-09-01", checkout: "2026-09-05" });
    const id = str(conversation, "conversationId");
    const cancelled = await control(sb, "POST", `/bookings/${id}/cancel`);
    const until = Date.parse(str(cancelled.json, "conversation", "propertyCanSendUntil"));
    expect(until - sb.world.clock.now()).toBe(7 * 86_400_000);
    sb.world.clock.advance(7 * 86_400_000 + 1);
    const result = await property(sb, "POST", `/properties/6819547/conversations/${id}`, { body: { message: { content: "Sorry to see you go" } } });
    expect(result.status).toBe(403);
  });
});

describe("message types: templates, self-service, request to book", () => {
  it("a new booking sends the welcome template as automatically_sent_template", async () => {
    const conversation = await book(sandbox.get(), { propertyId: 5530921, guestName: "Beatriz Silva", language: "pt" });
    const read = await property(sandbox.get(), "GET", `/properties/5530921/conversations/${str(conversation, "conversationId")}`, { version: "1.2" });
    const message = at(read.json, "data", "conversation", "messages", 0);
    expect(at(message, "message_type")).toBe("automatically_sent_template");
    expect(str(message, "content")).toContain("Beatriz");
    expect(Object.keys(at(message, "attributes") as Record<string, Json>).sort()).toEqual(["template_id", "template_name"]);
  });

  it("self-service requests carry attributes.self_service_topic under 1.2 and are left out of conversation reads under 1.0", async () => {
    const sb = sandbox.get();
    const conversation = await book(sb, { propertyId: 5530921 });
    const id = str(conversation, "conversationId");
    await control(sb, "POST", `/conversations/${id}/self-service`, { topic: "extra_bed" });
    const v12 = await property(sb, "GET", `/properties/5530921/conversations/${id}`, { version: "1.2" });
    expect(at(v12.json, "data", "conversation", "messages", 0)).toMatchObject({ message_type: "self_service_event", attributes: { self_service_topic: "extra_bed" } });
    const v10 = await property(sb, "GET", `/properties/5530921/conversations/${id}`);
    const contents = arr(v10.json, "data", "conversation", "messages").map((m) => str(m, "content"));
    expect(contents.some((c) => c.includes("extra bed"))).toBe(false);
    expect(contents.length).toBe(1);
  });

  it("a reservation booked with the guest's first message has it after the welcome template, in the queue too", async () => {
    const sb = sandbox.get();
    await drainQueue(sb);
    const conversation = await book(sb, { propertyId: 5530921, firstGuestMessage: "We land at 23:00, is a late check-in fine?" });
    const id = str(conversation, "conversationId");
    const read = await property(sb, "GET", `/properties/5530921/conversations/${id}`, { version: "1.2" });
    const messages = arr(read.json, "data", "conversation", "messages");
    expect(messages.map((m) => at(m, "message_type"))).toEqual(["free_text", "automatically_sent_template"]);
    expect(str(messages[0] as Json, "content")).toBe("We land at 23:00, is a late check-in fine?");
    const queued = arr((await property(sb, "GET", "/messages/latest")).json, "data", "messages").map((m) => str(m, "content"));
    expect(queued).toContain("We land at 23:00, is a late check-in fine?");
  });

  it("a request to book hides the guest's name until confirmed, refuses tags and attachments, and has request_to_book_event messages", async () => {
    const sb = sandbox.get();
    const conversation = await book(sb, { propertyId: 5530921, type: "request_to_book", guestName: "Secret Guest", firstGuestMessage: "Can I book for 2 nights?" });
    const id = str(conversation, "conversationId");
    const reference = str(conversation, "reference");
    const path = `/properties/5530921/conversations/type/request_to_book?conversation_reference=${reference}`;
    const before = await property(sb, "GET", path, { version: "1.2" });
    expect(at(before.json, "data", "conversation", "conversation_type")).toBe("request_to_book");
    expect(at(before.json, "data", "conversation", "participants", 0, "metadata")).toEqual({ type: "guest" });
    expect(at(before.json, "data", "conversation", "messages", 0, "message_type")).toBe("request_to_book_event");
    expect((await property(sb, "PUT", `/properties/5530921/conversations/${id}/tags/no_reply_needed`)).status).toBe(400);
    const upload = await property(sb, "POST", `/properties/5530921/conversations/${id}/attachments`, { body: { attachment: { file_name: "a.png", file_type: "image/png", file_size: 1, file_content: "AA==" } } });
    expect(upload.status).toBe(400);
    expect(str(upload.json, "errors", 0, "message")).toContain("request_to_book");

    const confirmed = await control(sb, "POST", `/bookings/${id}/confirm`);
    const reservationId = str(confirmed.json, "conversation", "reservationId");
    const after = await property(sb, "GET", `/properties/5530921/conversations/type/reservation?conversation_reference=${reservationId}`, { version: "1.2" });
    expect(at(after.json, "data", "conversation", "conversation_id")).toBe(id);
    expect(at(after.json, "data", "conversation", "participants", 0, "metadata")).toEqual({ type: "guest", name: "Secret Guest" });
    expect(str(after.json, "data", "conversation", "messages", 0, "content")).toContain("confirmed");
  });
});

describe("messaging security link setting", () => {
  it("removes links whose host is not on the property's allowlist, everywhere; allowlisting shows them", async () => {
    const sb = sandbox.get();
    const conversation = await book(sb, { propertyId: 5530921 });
    const id = str(conversation, "conversationId");
    await control(sb, "POST", `/conversations/${id}/guest-messages`, { content: "Is this you? https://evil.example/pay and www.booking.com/hotel ok" });
    const read = async () => str((await property(sb, "GET", `/properties/5530921/conversations/${id}`)).json, "data", "conversation", "messages", 0, "content");
    expect(await read()).toBe("Is this you? and ok");
    await control(sb, "PUT", "/properties/5530921/link-allowlist", { allowlist: ["booking.com"] });
    expect(await read()).toBe("Is this you? and www.booking.com/hotel ok");
    await control(sb, "PUT", "/properties/5530921/link-allowlist", { allowlist: ["booking.com", "evil.example"] });
    expect(await read()).toBe("Is this you? https://evil.example/pay and www.booking.com/hotel ok");
  });
});
