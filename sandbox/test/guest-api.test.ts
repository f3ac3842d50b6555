import { describe, expect, it } from "vitest";
import { AFFILIATE, arr, at, book, call, control, drainQueue, guest, property, str, sandboxPerFile } from "./support";

// The guest side (Demand API messaging), and both sides together on one shared world.

const sandbox = sandboxPerFile();
const B1 = { conversation: "bbb76179-7565-5a23-8632-33e164aa13db", accommodation: "13921698" };

describe("guest side: auth and envelope", () => {
  it.each([
    ["no Authorization", { "X-Affiliate-Id": "424242" }, 401, "unauthorized"],
    ["a wrong token", { "X-Affiliate-Id": "424242", Authorization: "Bearer nope" }, 401, "unauthorized"],
    ["no X-Affiliate-Id", { Authorization: "Bearer sandbox-affiliate-token" }, 400, "invalid_parameter"],
    ["a non-numeric X-Affiliate-Id", { Authorization: "Bearer sandbox-affiliate-token", "X-Affiliate-Id": "abc" }, 400, "invalid_parameter"],
    ["someone else's affiliate id", { Authorization: "Bearer sandbox-affiliate-token", "X-Affiliate-Id": "1" }, 403, "forbidden"],
  ] as const)("%s -> %i {request_id, errors:[{id, message}]}", async (_name, headers, status, id) => {
    const result = await guest(sandbox.get(), "/latest", {}, { ...headers });
    expect(result.status).toBe(status);
    expect(typeof at(result.json, "request_id")).toBe("string");
    expect(at(result.json, "errors", 0, "id")).toBe(id);
    expect(typeof at(result.json, "errors", 0, "message")).toBe("string");
  });

  it("all endpoints are POST", async () => {
    const result = await call(sandbox.get().url, "GET", "/demand/3.1/messages/latest", { headers: AFFILIATE });
    expect(result.status).toBe(405);
  });

  it("400 for malformed input on send", async () => {
    const cases: unknown[] = [{}, { ...B1 }, { ...B1, content: "" }, { ...B1, content: 5 }, { accommodation: "13921698", content: "x" }, { ...B1, accommodation: "not-a-number", content: "x" }];
    for (const body of cases) {
      const result = await guest(sandbox.get(), "/send", body);
      expect(result.status, JSON.stringify(body)).toBe(400);
    }
    const badJson = await call(sandbox.get().url, "POST", "/demand/3.1/messages/send", { headers: AFFILIATE, rawBody: "{oops" });
    expect(badJson.status).toBe(400);
  });

  it("404 for a conversation that does not exist or is at another accommodation", async () => {
    expect((await guest(sandbox.get(), "/send", { conversation: "nope", accommodation: "13921698", content: "x" })).status).toBe(404);
    expect((await guest(sandbox.get(), "/send", { ...B1, accommodation: "2098153", content: "x" })).status).toBe(404);
    expect((await guest(sandbox.get(), "/conversations", { accommodation: "2098153", reservation: "1" })).status).toBe(404);
  });
});

describe("guest side: latest, confirm, conversations", () => {
  it("latest is newest first, at most 100, and redelivered until confirmed by id", async () => {
    const sb = sandbox.get();
    for (let i = 0; i < 105; i++) sb.world.addMessage({ conversationId: B1.conversation, sender: "property", type: "free_text", content: `bulk ${i}`, origin: "control" });
    const first = await guest(sb, "/latest", {});
    const messages = arr(first.json, "data", "messages");
    expect(messages.length).toBe(100);
    expect(str(messages[0] ?? null, "content")).toBe("bulk 104");
    const times = messages.map((m) => Date.parse(str(m, "timestamp")));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    const again = await guest(sb, "/latest", {});
    expect(arr(again.json, "data", "messages").map((m) => str(m, "message_id"))).toEqual(messages.map((m) => str(m, "message_id")));

    const ids = messages.slice(0, 10).map((m) => str(m, "message_id"));
    const confirm = await guest(sb, "/latest/confirm", { messages: [...ids, "unknown-id"] });
    expect(confirm.status).toBe(200);
    expect(at(confirm.json, "confirmedMessages")).toEqual(ids);
    const after = await guest(sb, "/latest", {});
    const afterIds = arr(after.json, "data", "messages").map((m) => str(m, "message_id"));
    for (const id of ids) expect(afterIds).not.toContain(id);
    expect(afterIds[0]).toBe(str(messages[10] ?? null, "message_id"));
  });

  it("confirm needs a list of ids", async () => {
    expect((await guest(sandbox.get(), "/latest/confirm", { messages: [] })).status).toBe(400);
    expect((await guest(sandbox.get(), "/latest/confirm", {})).status).toBe(400);
  });

  it("3.1 answers data.conversations, 3.2 data.conversation without reply_to", async () => {
    const v31 = await guest(sandbox.get(), "/conversations", { accommodation: 13921698, reservation: 6066547158 });
    expect(str(v31.json, "data", "conversations", "id")).toBe(B1.conversation);
    expect(at(v31.json, "data", "conversations", "messages", 0, "reply_to")).toBeNull();
    const v32 = await call(sandbox.get().url, "POST", "/demand/3.2/messages/conversations", { headers: AFFILIATE, body: B1 });
    expect(str(v32.json, "data", "conversation", "reservation")).toBe("6066547158");
    expect(at(v32.json, "data", "conversation", "messages", 0) as Record<string, unknown>).not.toHaveProperty("reply_to");
  });

  it("a guest can send until 66 days after checkout", async () => {
    const sb = sandbox.get();
    const conversation = await book(sb, { propertyId: 6819547, checkin: "2026-03-11", checkout: "2026-03-12" });
    const body = { conversation: str(conversation, "conversationId"), accommodation: "6819547", content: "Thanks for the stay" };
    const until = Date.parse(str(conversation, "guestCanSendUntil"));
    sb.world.clock.advance(until - sb.world.clock.now() - 1_000);
    expect((await guest(sb, "/send", body)).status).toBe(200);
    sb.world.clock.advance(2_000);
    const refused = await guest(sb, "/send", body);
    expect(refused.status).toBe(403);
    expect(at(refused.json, "errors", 0, "id")).toBe("messaging_window_closed");
  });
});

describe("both sides on one world", () => {
  it("a guest message sent on the guest side is read from the property queue and the conversation", async () => {
    const sb = sandbox.get();
    await drainQueue(sb);
    const sent = await guest(sb, "/send", { ...B1, content: "Is late check-in possible?" });
    expect(sent.status).toBe(200);
    const id = str(sent.json, "data", "message");
    const queue = await property(sb, "GET", "/messages/latest", { version: "1.2" });
    const queued = arr(queue.json, "data", "messages").find((m) => at(m, "message_id") === id);
    expect(queued).toBeDefined();
    expect(at(queued ?? null, "sender", "metadata", "participant_type")).toBe("GUEST");
    expect(at(queued ?? null, "content")).toBe("Is late check-in possible?");
    const conversation = await property(sb, "GET", `/properties/13921698/conversations/${B1.conversation}`);
    expect(at(conversation.json, "data", "conversation", "messages", 0, "message_id")).toBe(id);
  });

  it("a reservation id works instead of a conversation id (the guides' form)", async () => {
    const sent = await guest(sandbox.get(), "/send", { reservation: "6066547158", accommodation: 13921698, content: "By reservation" });
    expect(sent.status).toBe(200);
    const inspect = await control(sandbox.get(), "GET", `/conversations/${B1.conversation}/messages`);
    expect(arr(inspect.json, "messages").at(-1)).toMatchObject({ content: "By reservation", sender: "guest", origin: "guest_api" });
  });

  it("a property reply is read on the guest side", async () => {
    const sb = sandbox.get();
    const reply = await property(sb, "POST", `/properties/13921698/conversations/${B1.conversation}`, { body: { message: { content: "Yes, until 11 pm." } } });
    const id = str(reply.json, "data", "message_id");
    const latest = await guest(sb, "/latest", {});
    const first = at(latest.json, "data", "messages", 0);
    expect(at(first, "message_id")).toBe(id);
    expect(at(first, "sender", "metadata", "type")).toBe("property");
    expect(at(first, "conversation", "id")).toBe(B1.conversation);
    const history = await guest(sb, "/conversations", B1);
    expect(arr(history.json, "data", "conversations", "messages").at(-1)).toMatchObject({ id, content: "Yes, until 11 pm." });
  });

  it("read tags set by the property are visible through the guest page's API (sandbox extension header)", async () => {
    const sb = sandbox.get();
    const sent = await guest(sb, "/send", { ...B1, content: "Did you read this?" });
    const id = str(sent.json, "data", "message");
    const propertyParticipant = "94914645-adbc-546b-a759-d1a1b48b6e1e";
    const withExtensions = { ...AFFILIATE, "X-Sandbox-Extensions": "read-status" };
    const readBy = async () => {
      const history = await guest(sb, "/conversations", B1, withExtensions);
      return at(arr(history.json, "data", "conversations", "messages").find((m) => at(m, "id") === id) ?? null, "sandbox_read_by");
    };
    expect(await readBy()).toEqual([]);
    await property(sb, "PUT", `/properties/13921698/conversations/${B1.conversation}/tags/message_read`, { body: { message_ids: [id], participant_id: propertyParticipant } });
    expect(await readBy()).toEqual([propertyParticipant]);
    // Without the header the Demand API's documented shape is left alone.
    const plain = await guest(sb, "/conversations", B1);
    expect(arr(plain.json, "data", "conversations", "messages")[0] as Record<string, unknown>).not.toHaveProperty("sandbox_read_by");
  });
});

describe("guest page", () => {
  it("renders a labelled, server-side page that lists reservations and loads its script", async () => {
    const page = await call(sandbox.get().url, "GET", `/guest?conversation=${B1.conversation}`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.text).toContain('<label for="reservation">');
    expect(page.text).toContain('<label for="message">');
    expect(page.text).toContain('<label for="image">');
    expect(page.text).toContain('data-testid="reservation-select"');
    expect(page.text).toContain(`value="${B1.conversation}" data-accommodation="13921698" selected`);
    expect(page.text).toContain('role="status"');
    expect(page.text).toContain("Ada Lovelace");
    const script = await call(sandbox.get().url, "GET", "/guest/app.js");
    expect(script.headers.get("content-type")).toContain("javascript");
    expect(script.text).toContain("/attachments/upload");
    expect(script.text).toContain("X-Affiliate-Id");
    const css = await call(sandbox.get().url, "GET", "/guest/styles.css");
    expect(css.status).toBe(200);
  });

  it("escapes guest names", async () => {
    await book(sandbox.get(), { propertyId: 6819547, guestName: "<script>alert(1)</script>" });
    const page = await call(sandbox.get().url, "GET", "/guest");
    expect(page.text).not.toContain("<script>alert(1)</script>");
    expect(page.text).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
  });
});
