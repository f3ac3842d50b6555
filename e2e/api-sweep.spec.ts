// A sweep over every route handler under app/api, found on disk when the test runs, so a route added
// tomorrow is covered without anyone remembering to: without a session every route but the few public
// ones answers 401; a staff member gets 403 from every admin route; and with an admin's session, malformed
// ids, bodies and query strings get a 4xx in the one JSON error shape, never a 500 or a crash.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, test, type APIRequestContext, type APIResponse } from "@playwright/test";
import { DEMO_ACCOUNTS, signIn } from "./fixtures";

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
type Route = { pattern: string; methods: Method[] };

const API_DIR = path.join(__dirname, "..", "app", "api");
/** Public on purpose: signing in and out, Auth.js's own endpoints, the one-time password link, health. */
const PUBLIC = new Set(["/api/auth/[...nextauth]", "/api/session", "/api/set-password", "/api/health"]);
/** Answers with a stream that stays open: checked without a session only. */
const STREAMS = new Set(["/api/events"]);

function findRoutes(dir: string, prefix = "/api"): Route[] {
  const routes: Route[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) routes.push(...findRoutes(path.join(dir, entry.name), `${prefix}/${entry.name}`));
    else if (entry.name === "route.ts") {
      const source = readFileSync(path.join(dir, entry.name), "utf8");
      const declared = [...source.matchAll(/export\s+(?:const|async\s+function)\s+(GET|POST|PUT|PATCH|DELETE)\b/g)].map((match) => match[1]!);
      // `export const { GET, POST } = handlers` (Auth.js)
      const destructured = [...source.matchAll(/export\s+const\s+\{([^}]+)\}/g)].flatMap((match) => match[1]!.split(",").map((name) => name.trim()));
      const methods = [...declared, ...destructured].filter((name): name is Method => ["GET", "POST", "PUT", "PATCH", "DELETE"].includes(name));
      routes.push({ pattern: prefix, methods });
    }
  }
  return routes;
}

/** Every dynamic segment filled with `value` (a catch-all too). */
function fill(pattern: string, value: string): string {
  return pattern.replace(/\[(?:\.\.\.)?[^\]]+\]/g, encodeURIComponent(value));
}

const ROUTES = findRoutes(API_DIR);
const GARBAGE_IDS = ["not-an-id", "00000000-0000-4000-8000-000000000000", "12345678901234567890123", "'; drop table users; --", "%"];
const GARBAGE_QUERY = `?view=nope&sort=sideways&property=abc&q=${"ä".repeat(600)}&before=garbage&cursor=%%&since=-1&days=13&conversationId=nope&tab=nope&limit=-5`;
type Body = { type: string; text: string };
const json = (text: string): Body => ({ type: "application/json", text });
const GARBAGE_BODIES: Body[] = [
  json("{"),
  json("null"),
  json("[]"),
  json('"just a string"'),
  json(JSON.stringify({ unexpected: { deep: [1, 2, 3] } })),
  json(JSON.stringify({ content: 42, clientKey: [], email: {}, id: null })),
  { type: "multipart/form-data", text: "no boundary at all" },
  { type: "multipart/form-data; boundary=xyz", text: '--xyz\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n\r\ntruncated' },
  { type: "text/plain", text: "hello" },
  { type: "application/octet-stream", text: "" },
];

async function send(api: APIRequestContext, method: Method, url: string, body?: Body): Promise<APIResponse> {
  // A Buffer, not a string: Playwright would re-encode a string that is not valid JSON as a JSON string,
  // and the server would never see the malformed bytes.
  return api.fetch(url, { method, data: body === undefined ? undefined : Buffer.from(body.text), headers: body === undefined ? {} : { "content-type": body.type }, maxRedirects: 0 });
}

async function expectErrorShape(response: APIResponse, what: string) {
  const body = (await response.json().catch(() => null)) as { error?: { code?: unknown; message?: unknown } } | null;
  expect(typeof body?.error?.code, `${what}: error.code`).toBe("string");
  expect(typeof body?.error?.message, `${what}: error.message`).toBe("string");
}

test("the sweep finds the routes it is meant to check", () => {
  // If discovery broke, every other test here would pass over nothing.
  const patterns = ROUTES.map((route) => route.pattern);
  expect(ROUTES.length).toBeGreaterThan(35);
  expect(patterns).toEqual(expect.arrayContaining(["/api/conversations", "/api/conversations/[id]/messages", "/api/admin/staff/[userId]", "/api/session"]));
  expect(ROUTES.find((route) => route.pattern === "/api/conversations/[id]/presence")?.methods.sort()).toEqual(["DELETE", "GET", "PUT"]);
  for (const pattern of PUBLIC) expect(patterns).toContain(pattern);
  expect(ROUTES.find((route) => route.pattern === "/api/auth/[...nextauth]")?.methods).toEqual(["GET", "POST"]);
});

test("without a session every route but the public ones answers 401 in the error shape", async ({ request }) => {
  for (const route of ROUTES.filter((candidate) => !PUBLIC.has(candidate.pattern))) {
    for (const method of route.methods) {
      const url = fill(route.pattern, "00000000-0000-4000-8000-000000000000");
      const response = await send(request, method, url, method === "GET" || method === "DELETE" ? undefined : json("{}"));
      expect(response.status(), `${method} ${url}`).toBe(401);
      await expectErrorShape(response, `${method} ${url}`);
    }
  }
});

test("a staff member gets 403 from every admin route", async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.staff);
  for (const route of ROUTES.filter((candidate) => candidate.pattern.startsWith("/api/admin/"))) {
    for (const method of route.methods) {
      const url = fill(route.pattern, "00000000-0000-4000-8000-000000000000");
      const response = await send(page.request, method, url, method === "GET" || method === "DELETE" ? undefined : json("{}"));
      expect(response.status(), `${method} ${url}`).toBe(403);
      await expectErrorShape(response, `${method} ${url}`);
    }
  }
});

test("malformed ids, bodies and query strings get a 4xx in the error shape, never a 500", async ({ page }) => {
  test.setTimeout(120_000);
  await signIn(page, DEMO_ACCOUNTS.admin);
  const checked: string[] = [];
  for (const route of ROUTES.filter((candidate) => !STREAMS.has(candidate.pattern))) {
    // Signing out is not malformed input; it would end the session this sweep runs in.
    const methods = route.pattern === "/api/session" ? route.methods.filter((method) => method !== "DELETE") : route.methods;
    const ids = route.pattern.includes("[") ? GARBAGE_IDS : [""];
    for (const method of methods) {
      for (const id of ids) {
        const url = fill(route.pattern, id);
        const bodies = method === "GET" || method === "DELETE" ? [undefined] : GARBAGE_BODIES;
        for (const body of bodies) {
          for (const target of [url, `${url}${GARBAGE_QUERY}`]) {
            const what = `${method} ${target.slice(0, 120)} ${body ? `${body.type}: ${body.text}` : ""}`;
            const response = await send(page.request, method, target, body);
            expect(response.status(), what).toBeLessThan(500);
            // Auth.js answers its own endpoints in its own way; every route of ours uses the one error shape.
            if (response.status() >= 400 && !route.pattern.startsWith("/api/auth/")) await expectErrorShape(response, what);
            checked.push(what);
          }
        }
      }
    }
  }
  // The session survived the sweep: nothing above signed the admin out or broke the server.
  expect((await page.request.get("/api/conversations/counts")).status()).toBe(200);
  expect(checked.length).toBeGreaterThan(500);
});
