import { describe, expect, it } from "vitest";
import { startSandbox } from "../server";
import { BASIC, NO_ACCESS_PROPERTY, arr, at, call, property, str, testOptions, sandboxPerFile } from "./support";

// Every way authentication and authorisation can fail on the property side, and the token exchange.

const sandbox = sandboxPerFile();
const A1 = "a7dd5868-670c-597f-a5b8-8f6d917614bf";

function basic(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}

async function exchange(base: string, body: unknown) {
  return call(base, "POST", "/token-based-authentication/exchange", { body });
}

describe("property side: authentication failures are 401 Access denied in the envelope", () => {
  const cases: [string, string | null][] = [
    ["no Authorization header", null],
    ["wrong password", basic("bellhop-sandbox", "nope")],
    ["unknown user", basic("someone-else", "sandbox-password")],
    ["username case differs (case-sensitive)", basic("Bellhop-Sandbox", "sandbox-password")],
    ["username with leading whitespace", basic(" bellhop-sandbox", "sandbox-password")],
    ["Basic without a colon", `Basic ${Buffer.from("bellhop-sandbox").toString("base64")}`],
    ["a made-up bearer token", "Bearer not.a.jwt"],
    ["an unknown scheme", "Digest abc"],
  ];
  it.each(cases)("%s", async (_name, auth) => {
    const result = await property(sandbox.get(), "GET", "/messages/latest", { auth });
    expect(result.status).toBe(401);
    expect(str(result.json, "errors", 0, "message")).toBe("Access denied");
    expect(str(result.json, "meta", "ruid")).toMatch(/^UmFuZG9tSVYkc2RlIyh9Y/);
    expect(arr(result.json, "warnings")).toEqual([]);
  });

  it("also on conversation endpoints", async () => {
    const result = await property(sandbox.get(), "GET", "/properties/6378711/conversations", { auth: basic("bellhop-sandbox", "x") });
    expect(result.status).toBe(401);
  });
});

describe("property side: authorisation", () => {
  it("403 for a property the account is not linked to", async () => {
    const result = await property(sandbox.get(), "GET", `/properties/${NO_ACCESS_PROPERTY}/conversations`);
    expect(result.status).toBe(403);
    expect(str(result.json, "errors", 0, "message")).toBe("This account doesn't have access to this property");
  });

  it("403 for a property that does not exist (Booking: wrong hotel id)", async () => {
    const result = await property(sandbox.get(), "GET", "/properties/123/tags");
    expect(result.status).toBe(403);
  });

  it("403 for posting into a no-access property even with a real conversation id there", async () => {
    const result = await property(sandbox.get(), "POST", `/properties/${NO_ACCESS_PROPERTY}/conversations/${A1}`, { body: { message: { content: "hi" } } });
    expect(result.status).toBe(403);
  });

  it("404 for unknown conversation, attachment and search job ids", async () => {
    expect((await property(sandbox.get(), "GET", "/properties/6378711/conversations/00000000-0000-5000-8000-000000000000")).status).toBe(404);
    expect((await property(sandbox.get(), "GET", `/properties/6378711/conversations/${A1}/attachments/nope`)).status).toBe(404);
    expect((await property(sandbox.get(), "GET", "/messages/search/result/nope")).status).toBe(404);
    // A conversation of another property is not found through this one.
    expect((await property(sandbox.get(), "GET", "/properties/2098153/conversations/" + A1)).status).toBe(404);
  });

  it("400 for a property id that is not a number, 405 for a wrong method, 404 for an unknown path", async () => {
    expect((await property(sandbox.get(), "GET", "/properties/abc/conversations")).status).toBe(400);
    const wrongMethod = await property(sandbox.get(), "DELETE", "/messages/latest");
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("GET");
    expect((await property(sandbox.get(), "GET", "/nothing-here")).status).toBe(404);
  });

  it("400 for an Accept-Version that is not a version number", async () => {
    const result = await property(sandbox.get(), "GET", "/messages/latest", { version: "latest" });
    expect(result.status).toBe(400);
    expect(str(result.json, "errors", 0, "message")).toContain("Accept-Version");
  });
});

describe("token exchange and Bearer tokens", () => {
  it("exchanges client credentials for {jwt, ruid}; the JWT carries the documented claims", async () => {
    const result = await exchange(sandbox.get().url, { client_id: "bellhop-sandbox-client", client_secret: "sandbox-secret" });
    expect(result.status).toBe(200);
    const jwt = str(result.json, "jwt");
    expect(typeof at(result.json, "ruid")).toBe("string");
    const [, payload = ""] = jwt.split(".");
    const claims = JSON.parse(Buffer.from(payload, "base64url").toString()) as Record<string, unknown>;
    expect(claims).toMatchObject({ sub: "bellhop-sandbox-client", iss: "urn://connectivity-modern-auth/v1" });
    expect(Number(claims.exp) - Number(claims.iat)).toBe(3600);
    const read = await property(sandbox.get(), "GET", "/messages/latest", { auth: `Bearer ${jwt}` });
    expect(read.status).toBe(200);
  });

  it("refuses wrong credentials with 401 and malformed bodies with 400", async () => {
    expect((await exchange(sandbox.get().url, { client_id: "bellhop-sandbox-client", client_secret: "wrong" })).status).toBe(401);
    const missing = await exchange(sandbox.get().url, { client_id: "bellhop-sandbox-client" });
    expect(missing.status).toBe(400);
    expect(str(missing.json, "errors", 0, "message")).toContain("client_secret");
    const badJson = await call(sandbox.get().url, "POST", "/token-based-authentication/exchange", { rawBody: "{client_id:" });
    expect(badJson.status).toBe(400);
    expect(str(badJson.json, "errors", 0, "message")).toContain("not valid JSON");
    const wrongType = await exchange(sandbox.get().url, { client_id: 42, client_secret: "sandbox-secret" });
    expect(wrongType.status).toBe(400);
  });

  it("a token expires after one hour of virtual time", async () => {
    const result = await exchange(sandbox.get().url, { client_id: "bellhop-sandbox-client", client_secret: "sandbox-secret" });
    const auth = `Bearer ${str(result.json, "jwt")}`;
    sandbox.get().world.clock.advance(59 * 60_000);
    expect((await property(sandbox.get(), "GET", "/messages/latest", { auth })).status).toBe(200);
    sandbox.get().world.clock.advance(2 * 60_000);
    const expired = await property(sandbox.get(), "GET", "/messages/latest", { auth });
    expect(expired.status).toBe(401);
    expect(str(expired.json, "errors", 0, "message")).toBe("Access denied");
  });

  it("a token signed with another key is refused", async () => {
    const result = await exchange(sandbox.get().url, { client_id: "bellhop-sandbox-client", client_secret: "sandbox-secret" });
    const [header, payload] = str(result.json, "jwt").split(".");
    const forged = `${header}.${payload}.${Buffer.from("forged").toString("base64url")}`;
    expect((await property(sandbox.get(), "GET", "/messages/latest", { auth: `Bearer ${forged}` })).status).toBe(401);
  });

  it("at most 30 tokens per hour, then 429 with Retry-After; an hour later it works again", async () => {
    const own = await startSandbox(testOptions());
    try {
      const body = { client_id: "bellhop-sandbox-client", client_secret: "sandbox-secret" };
      for (let i = 0; i < 30; i++) {
        own.world.clock.advance(1_000);
        expect((await exchange(own.url, body)).status).toBe(200);
      }
      const refused = await exchange(own.url, body);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(3500);
      own.world.clock.advance(3_600_000);
      expect((await exchange(own.url, body)).status).toBe(200);
      // Basic auth keeps working regardless of the token limit.
      expect((await call(own.url, "GET", "/messaging/messages/latest", { auth: BASIC })).status).toBe(200);
    } finally {
      await own.close();
    }
  });
});
