import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startSandbox } from "../server";
import { arr, at, book, call, control, property, str, testOptions, sandboxPerFile } from "./support";

// The control API (bookings, clock, inspection, reset, snapshot, control token) and persistence of
// the world across restarts.

const sandbox = sandboxPerFile();
const tempDirs: string[] = [];
afterAll(() => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});
function tempFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "bellhop-sandbox-"));
  tempDirs.push(dir);
  return path.join(dir, "nested", "world.json");
}

describe("control API", () => {
  it("creates a booking with a welcome template, visible in inspection and the queue", async () => {
    const conversation = await book(sandbox.get(), { propertyId: 4412087, guestName: "Henry Evans", checkin: "2026-04-01", checkout: "2026-04-03" });
    expect(conversation).toMatchObject({ propertyId: 4412087, type: "reservation", access: "read_write", stay: { checkin: "2026-04-01", checkout: "2026-04-03" } });
    const inspect = await control(sandbox.get(), "GET", `/conversations/${str(conversation, "reservationId")}`);
    expect(arr(inspect.json, "messages")[0]).toMatchObject({ type: "automatically_sent_template", sender: "property", postCount: 1 });
  });

  it("refuses bad booking input with 400 and unknown properties with 404", async () => {
    expect((await control(sandbox.get(), "POST", "/bookings", { propertyId: "x" })).status).toBe(400);
    expect((await control(sandbox.get(), "POST", "/bookings", { propertyId: 1, extra: true })).status).toBe(400);
    expect((await control(sandbox.get(), "POST", "/bookings", { propertyId: 4412087, checkin: "2026-04-03", checkout: "2026-04-01" })).status).toBe(400);
    expect((await control(sandbox.get(), "POST", "/bookings", { propertyId: 12345 })).status).toBe(404);
    expect((await control(sandbox.get(), "POST", "/bookings/nope/cancel")).status).toBe(404);
  });

  it("sends as the guest with a generated image and with a link", async () => {
    const conversation = await book(sandbox.get(), { propertyId: 4412087 });
    const id = str(conversation, "conversationId");
    const sent = await control(sandbox.get(), "POST", `/conversations/${id}/guest-messages`, { content: "Photo of the stain, see https://photos.example/1", image: true });
    expect(sent.status).toBe(201);
    const attachmentId = str(sent.json, "message", "attachmentIds", 0);
    const download = await property(sandbox.get(), "GET", `/properties/4412087/conversations/${id}/attachments/${attachmentId}`);
    expect(Buffer.from(str(download.json, "data", "file_content"), "base64").subarray(1, 4).toString()).toBe("PNG");
    const read = await property(sandbox.get(), "GET", `/properties/4412087/conversations/${id}`);
    expect(str(read.json, "data", "conversation", "messages", 0, "content")).toBe("Photo of the stain, see");
  });

  it("sets and takes away no_reply_needed as the Extranet would: the property API reads it, no queue event", async () => {
    const conversation = await book(sandbox.get(), { propertyId: 4412087 });
    const id = str(conversation, "conversationId");
    const queueLength = async () => at((await control(sandbox.get(), "GET", "/queues")).json, "accounts", 0, "length");
    const before = await queueLength();
    const tagOf = async () => at((await property(sandbox.get(), "GET", `/properties/4412087/conversations/${id}`)).json, "data", "conversation", "tags", "no_reply_needed", "set");
    expect((await control(sandbox.get(), "PUT", `/conversations/${id}/extranet/no-reply-needed`, { set: true })).status).toBe(200);
    expect(await tagOf()).toBe(true);
    expect((await control(sandbox.get(), "PUT", `/conversations/${id}/extranet/no-reply-needed`, { set: false })).status).toBe(200);
    expect(await tagOf()).toBe(false);
    expect(await queueLength()).toBe(before);
    expect((await control(sandbox.get(), "PUT", `/conversations/${id}/extranet/no-reply-needed`, { set: "yes" })).status).toBe(400);
    expect((await control(sandbox.get(), "PUT", "/conversations/nope/extranet/no-reply-needed", { set: true })).status).toBe(404);
  });

  it("advances the clock and reports queue lengths and tag state", async () => {
    const before = Date.parse(str((await control(sandbox.get(), "GET", "/clock")).json, "now"));
    const advanced = await control(sandbox.get(), "POST", "/clock/advance", { days: 1, hours: 2 });
    expect(Date.parse(str(advanced.json, "now")) - before).toBe(26 * 3_600_000);
    expect((await control(sandbox.get(), "POST", "/clock/advance", {})).status).toBe(400);
    expect((await control(sandbox.get(), "POST", "/clock/advance", { days: -1 })).status).toBe(400);
    const queues = await control(sandbox.get(), "GET", "/queues");
    expect(at(queues.json, "accounts", 0, "accountId")).toBe("bellhop-sandbox");
    expect(typeof at(queues.json, "accounts", 0, "length")).toBe("number");
    expect(at(queues.json, "affiliates", 0, "affiliateId")).toBe(424242);
    const tags = await control(sandbox.get(), "GET", "/conversations/267eef2d-43fe-5b94-afef-63de2ee4d6f8/tags");
    expect(at(tags.json, "noReplyNeeded")).toBe(true);
  });

  it("lists properties (with the no-access one unlinked) and validates allowlists", async () => {
    const properties = await control(sandbox.get(), "GET", "/properties");
    const noAccess = arr(properties.json, "properties").find((p) => at(p, "id") === 9999001);
    expect(at(noAccess ?? null, "accounts")).toEqual([]);
    for (const p of arr(properties.json, "properties")) expect(typeof at(p, "timeZone")).toBe("string");
    expect((await control(sandbox.get(), "PUT", "/properties/4412087/link-allowlist", { allowlist: ["not a host"] })).status).toBe(400);
  });

  it("snapshot returns the whole state; reset regenerates from a seed", async () => {
    const snapshot = await control(sandbox.get(), "GET", "/snapshot");
    expect(at(snapshot.json, "format")).toBe("bellhop-sandbox-world/1");
    expect(arr(snapshot.json, "conversations").length).toBe(sandbox.get().world.conversations.size);
    const reset = await control(sandbox.get(), "POST", "/reset", { seed: "other", conversations: 12 });
    expect(at(reset.json, "seed")).toBe("other");
    // 12 generated + the 8 fixed conversations from the seed documents.
    expect(at(reset.json, "conversations")).toBe(20);
    expect(sandbox.get().world.conversations.size).toBe(20);
  });

  it("a control token, when configured, is required", async () => {
    const own = await startSandbox(testOptions({ controlToken: "secret" }));
    try {
      expect((await call(own.url, "GET", "/_sandbox/queues")).status).toBe(401);
      expect((await call(own.url, "GET", "/_sandbox/queues", { headers: { "X-Sandbox-Control-Token": "secret" } })).status).toBe(200);
    } finally {
      await own.close();
    }
  });
});

describe("persistence", () => {
  it("the world survives a restart: messages, queue, tags and the clock", async () => {
    const file = tempFile();
    const first = await startSandbox(testOptions({ stateFile: file }));
    const posted = await property(first, "POST", "/properties/6378711/conversations/a7dd5868-670c-597f-a5b8-8f6d917614bf", { body: { message: { content: "persist me" } } });
    const messageId = str(posted.json, "data", "message_id");
    await property(first, "PUT", "/properties/6378711/conversations/a7dd5868-670c-597f-a5b8-8f6d917614bf/tags/no_reply_needed");
    first.world.clock.advance(3_600_000);
    const queueBefore = await property(first, "GET", "/messages/latest");
    const clockBefore = first.world.clock.now();
    const conversationsBefore = first.world.conversations.size;
    await first.close();
    expect(existsSync(file)).toBe(true);
    expect(readdirSync(path.dirname(file)).filter((name) => name.endsWith(".tmp"))).toEqual([]);

    const second = await startSandbox(testOptions({ stateFile: file, seed: "ignored-because-the-file-wins" }));
    try {
      expect(second.world.conversations.size).toBe(conversationsBefore);
      expect(second.world.clock.now()).toBe(clockBefore);
      const conversation = await property(second, "GET", "/properties/6378711/conversations/a7dd5868-670c-597f-a5b8-8f6d917614bf");
      expect(at(conversation.json, "data", "conversation", "messages", 0, "message_id")).toBe(messageId);
      expect(at(conversation.json, "data", "conversation", "tags", "no_reply_needed", "set")).toBe(true);
      const queueAfter = await property(second, "GET", "/messages/latest");
      expect(at(queueAfter.json, "data", "messages")).toEqual(at(queueBefore.json, "data", "messages"));
      // Attachments come back as bytes.
      const download = await property(second, "GET", "/properties/6378711/conversations/267eef2d-43fe-5b94-afef-63de2ee4d6f8/attachments/f2526680-18f6-11eb-a45f-114c8501fcdb");
      expect(download.status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it("writes are debounced and atomic (the file is always complete JSON)", async () => {
    const file = tempFile();
    const own = await startSandbox(testOptions({ stateFile: file, persistDebounceMs: 20 }));
    try {
      for (let i = 0; i < 20; i++) await property(own, "POST", "/properties/6378711/conversations/a7dd5868-670c-597f-a5b8-8f6d917614bf", { body: { message: { content: `burst ${i}` } } });
      await new Promise((resolve) => setTimeout(resolve, 100));
      const stored = JSON.parse(readFileSync(file, "utf8")) as { messages: { content: string }[] };
      expect(stored.messages.some((m) => m.content === "burst 19")).toBe(true);
    } finally {
      await own.close();
    }
  });

  it("an unreadable world file is moved aside and a fresh world starts", async () => {
    const file = tempFile();
    const first = await startSandbox(testOptions({ stateFile: file }));
    await first.close();
    writeFileSync(file, "{ not json");
    const second = await startSandbox(testOptions({ stateFile: file }));
    try {
      expect(second.world.conversations.size).toBeGreaterThan(0);
      expect(readdirSync(path.dirname(file)).some((name) => name.includes(".unreadable-"))).toBe(true);
    } finally {
      await second.close();
    }
  });
});
