import { describe, expect, it } from "vitest";
import { SEED_EXAMPLES } from "./seed-examples";
import { shapeMismatches } from "./shape";
import { AFFILIATE, BASIC, call, sandboxPerFile } from "./support";

// Every request example of the seed documents, sent as it is against the default demo world, must
// get a success whose shape matches the documented response field by field (keys and JSON types,
// recursively). The world is the one `npm run sandbox` starts (default size), not a test world.

const sandbox = sandboxPerFile({ conversations: 40, seed: "bellhop" });

describe("seed request examples replayed against the sandbox", () => {
  it.each(SEED_EXAMPLES.map((example) => [example.name, example] as const))("%s", async (_name, example) => {
    const headers: Record<string, string> = example.side === "guest" ? { ...AFFILIATE } : {};
    const result = await call(sandbox.get().url, example.method, example.path, {
      auth: example.side === "property" ? BASIC : null,
      headers,
      version: example.acceptVersion ?? undefined,
      body: example.requestBody,
      // "Just send an empty body request" (latest): an empty body, not "null".
      rawBody: example.requestBody === undefined && example.method === "POST" ? "" : undefined,
    });
    expect(result.status, result.text).toBe(200);
    if (example.response !== null) {
      expect(shapeMismatches(example.response, result.json)).toEqual([]);
    } else {
      expect(result.json).not.toBeNull();
    }
  });

  it("the shape check itself catches a missing field, a wrong type and an empty array", () => {
    expect(shapeMismatches({ a: { b: "x" } }, { a: {} })).toEqual(["$.a.b: expected string, got missing"]);
    expect(shapeMismatches({ ok: "true" }, { ok: true })).toEqual(["$.ok: expected string, got boolean"]);
    expect(shapeMismatches({ list: [{ id: "x" }] }, { list: [] })).toEqual(["$.list: expected a non-empty array"]);
    expect(shapeMismatches({ list: [{ id: "x" }, { tags: {} }] }, { list: [{ id: "y", tags: {} }] })).toEqual([]);
  });
});
