import { describe, expect, it } from "vitest";
import { startSandbox } from "../server";
import { arr, at, control, drainQueue, guest, property, str, testOptions, sandboxPerFile } from "./support";

// Every fault mode, set through the control API (and one through startSandbox options), including
// the "ambiguous failure": the operation is applied but the client sees a failure.

const sandbox = sandboxPerFile();
const A1 = "a7dd5868-670c-597f-a5b8-8f6d917614bf";
const POST_PATH = `/properties/6378711/conversations/${A1}`;

async function setFaults(rules: unknown[]): Promise<void> {
  const result = await control(sandbox.get(), "PUT", "/faults", rules);
  expect(result.status, result.text).toBe(200);
}

async function postCount(content: string): Promise<number> {
  const inspect = await control(sandbox.get(), "GET", `/conversations/${A1}/messages`);
  const found = arr(inspect.json, "messages").find((m) => at(m, "content") === content);
  return found ? Number(at(found, "postCount")) : 0;
}

describe("fault modes", () => {
  it("error_500 for the next call only, in the endpoint's envelope", async () => {
    await setFaults([{ endpoint: "queue.read", mode: "error_500", times: 1 }]);
    const failed = await property(sandbox.get(), "GET", "/messages/latest");
    expect(failed.status).toBe(500);
    expect(str(failed.json, "errors", 0, "message")).toBe("Internal server error");
    expect(typeof at(failed.json, "meta", "ruid")).toBe("string");
    expect((await property(sandbox.get(), "GET", "/messages/latest")).status).toBe(200);
    expect(arr((await control(sandbox.get(), "GET", "/faults")).json, "faults")).toEqual([]);
  });

  it("rate_limit answers 429 with Retry-After", async () => {
    await setFaults([{ endpoint: "conversations.list", mode: "rate_limit", retryAfterSeconds: 7, times: 1 }]);
    const limited = await property(sandbox.get(), "GET", "/properties/6378711/conversations");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("7");
    expect(str(limited.json, "errors", 0, "message")).toBe("To many requests");
  });

  it("latency delays the answer", async () => {
    await setFaults([{ endpoint: "tags.list", mode: "latency", latencyMs: 250, times: 1 }]);
    const started = Date.now();
    const result = await property(sandbox.get(), "GET", "/properties/6378711/tags");
    expect(result.status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  it("hang never answers; the client has to give up", async () => {
    await setFaults([{ endpoint: "queue.read", mode: "hang", times: 1 }]);
    await expect(property(sandbox.get(), "GET", "/messages/latest", { signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect((await property(sandbox.get(), "GET", "/messages/latest")).status).toBe(200);
  });

  it("drop (before) resets the connection and nothing is stored", async () => {
    await setFaults([{ endpoint: "message.post", mode: "drop", times: 1 }]);
    await expect(property(sandbox.get(), "POST", POST_PATH, { body: { message: { content: "dropped before" } } })).rejects.toThrow();
    expect(await postCount("dropped before")).toBe(0);
  });

  it("drop after applying: the message is stored although the client saw a failure, so a blind retry posts it twice", async () => {
    await setFaults([{ method: "POST", path: "/messaging/properties/*/conversations/*", mode: "drop", afterApply: true, times: 1 }]);
    await expect(property(sandbox.get(), "POST", POST_PATH, { body: { message: { content: "ambiguous" } } })).rejects.toThrow();
    expect(await postCount("ambiguous")).toBe(1);
    expect((await property(sandbox.get(), "POST", POST_PATH, { body: { message: { content: "ambiguous" } } })).status).toBe(200);
    expect(await postCount("ambiguous")).toBe(2);
  });

  it("hang after applying: stored, but the client times out", async () => {
    await setFaults([{ endpoint: "message.post", mode: "hang", afterApply: true, times: 1 }]);
    await expect(property(sandbox.get(), "POST", POST_PATH, { body: { message: { content: "timed out" } }, signal: AbortSignal.timeout(300) })).rejects.toThrow();
    expect(await postCount("timed out")).toBe(1);
  });

  it("error_500 after applying: stored, but the client sees a 500", async () => {
    await setFaults([{ endpoint: "message.post", mode: "error_500", afterApply: true, times: 1 }]);
    expect((await property(sandbox.get(), "POST", POST_PATH, { body: { message: { content: "500 but stored" } } })).status).toBe(500);
    expect(await postCount("500 but stored")).toBe(1);
  });

  it("malformed_json sends a body that does not parse (after applying the operation)", async () => {
    await setFaults([{ endpoint: "message.post", mode: "malformed_json", afterApply: true, times: 1 }]);
    const result = await property(sandbox.get(), "POST", POST_PATH, { body: { message: { content: "garbled answer" } } });
    expect(result.status).toBe(200);
    expect(result.json).toBeNull();
    expect(() => JSON.parse(result.text) as unknown).toThrow();
    expect(await postCount("garbled answer")).toBe(1);
  });

  it("redeliver_confirmed puts already-confirmed messages back at the head of the queue", async () => {
    const sb = sandbox.get();
    await setFaults([]);
    await drainQueue(sb);
    const ids = ["one", "two", "three"].map((content) => sb.world.addMessage({ conversationId: A1, sender: "guest", type: "free_text", content, origin: "control" }).id);
    await property(sb, "GET", "/messages/latest");
    await property(sb, "PUT", "/messages?number_of_messages=2");
    await setFaults([{ mode: "redeliver_confirmed", count: 2, times: 1 }]);
    const read = await property(sb, "GET", "/messages/latest");
    expect(arr(read.json, "data", "messages").map((m) => str(m, "message_id"))).toEqual([ids[0], ids[1], ids[2]]);
    expect(at(read.json, "data", "number_of_messages")).toBe(3);
  });

  it("duplicate_in_queue shows the head message twice", async () => {
    const sb = sandbox.get();
    await setFaults([]);
    await drainQueue(sb);
    const id = sb.world.addMessage({ conversationId: A1, sender: "guest", type: "free_text", content: "twice", origin: "control" }).id;
    await setFaults([{ mode: "duplicate_in_queue", count: 1, times: 1 }]);
    const read = await property(sb, "GET", "/messages/latest");
    expect(arr(read.json, "data", "messages").map((m) => str(m, "message_id"))).toEqual([id, id]);
    await property(sb, "PUT", "/messages?number_of_messages=2");
    expect(at((await property(sb, "GET", "/messages/latest")).json, "data", "number_of_messages")).toBe(0);
  });

  it("faults on the guest side use the guest envelope", async () => {
    await setFaults([{ endpoint: "guest.send", mode: "error_500", times: 1 }]);
    const result = await guest(sandbox.get(), "/send", { conversation: "bbb76179-7565-5a23-8632-33e164aa13db", accommodation: "13921698", content: "x" });
    expect(result.status).toBe(500);
    expect(at(result.json, "errors", 0, "id")).toBe("internal_error");
  });

  it("faults never touch the control API or the guest page", async () => {
    await setFaults([{ path: "/**", mode: "error_500" }]);
    expect((await control(sandbox.get(), "GET", "/health")).status).toBe(200);
    expect((await property(sandbox.get(), "GET", "/messages/latest")).status).toBe(500);
    expect((await control(sandbox.get(), "DELETE", "/faults")).status).toBe(200);
    expect((await property(sandbox.get(), "GET", "/messages/latest")).status).toBe(200);
  });
});

describe("fault rules", () => {
  it("a path glob with a method matches only that method", async () => {
    await setFaults([{ method: "PUT", path: "/messaging/properties/*/conversations/*/tags/**", mode: "error_500" }]);
    expect((await property(sandbox.get(), "PUT", `${POST_PATH}/tags/no_reply_needed`)).status).toBe(500);
    expect((await property(sandbox.get(), "DELETE", `${POST_PATH}/tags/no_reply_needed`)).status).toBe(200);
    await setFaults([]);
  });

  it("probability uses a seeded generator: same seed, same failures", async () => {
    const pattern = async () => {
      const own = await startSandbox(testOptions({ faultSeed: "repeatable", faults: [{ endpoint: "tags.list", mode: "error_500", probability: 0.5 }] }));
      try {
        const statuses: number[] = [];
        for (let i = 0; i < 30; i++) statuses.push((await property(own, "GET", "/properties/6378711/tags")).status);
        return statuses;
      } finally {
        await own.close();
      }
    };
    const first = await pattern();
    expect(first.filter((s) => s === 500).length).toBeGreaterThan(5);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(5);
    expect(await pattern()).toEqual(first);
  });

  it("probability 0 never fires", async () => {
    await setFaults([{ endpoint: "tags.list", mode: "error_500", probability: 0 }]);
    for (let i = 0; i < 10; i++) expect((await property(sandbox.get(), "GET", "/properties/6378711/tags")).status).toBe(200);
    await setFaults([]);
  });

  it("the control API adds, lists, removes by id and refuses invalid rules with 400", async () => {
    const added = await control(sandbox.get(), "POST", "/faults", { id: "slow", endpoint: "queue.read", mode: "latency", latencyMs: 1 });
    expect(added.status).toBe(201);
    expect(arr((await control(sandbox.get(), "GET", "/faults")).json, "faults").map((f) => at(f, "id"))).toEqual(["slow"]);
    expect((await control(sandbox.get(), "DELETE", "/faults/slow")).status).toBe(200);
    expect((await control(sandbox.get(), "DELETE", "/faults/slow")).status).toBe(404);
    for (const bad of [{ mode: "explode", endpoint: "queue.read" }, { mode: "error_500" }, { mode: "latency", endpoint: "x", probability: 2 }]) {
      const result = await control(sandbox.get(), "POST", "/faults", bad);
      expect(result.status).toBe(400);
      expect(typeof at(result.json, "error", "message")).toBe("string");
    }
  });
});
