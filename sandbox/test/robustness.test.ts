import { describe, expect, it } from "vitest";
import { AFFILIATE, BASIC, arr, call, control, str, sandboxPerFile } from "./support";

// "Never a 500 for bad input": every route of the sandbox, with real ids in its path, gets a series
// of malformed bodies and query strings. Whatever it answers, it must not be a 5xx.

const sandbox = sandboxPerFile();

const PARAMS: Record<string, string> = {
  propertyId: "6378711",
  conversationId: "a7dd5868-670c-597f-a5b8-8f6d917614bf",
  attachmentId: "795e5w90-0419-11eb-a306-e506dfed6417",
  jobId: "not-a-job",
  conversationType: "reservation",
  id: "a7dd5868-670c-597f-a5b8-8f6d917614bf",
  faultId: "nope",
};

const BODIES = ["{", "null", "[]", "42", '"text"', '{"message":null}', '{"attachment":{"chunk":{}}}', '{"a":' + "[".repeat(200) + "]".repeat(200) + "}", "\u0000\u0001"];
const QUERIES = ["", "?page_id=%ZZ", "?page_id=", "?number_of_messages=99999999999999", "?from=-1&to=abc", "?conversation_reference=1e9", "?after=2026-02-30T00:00:00Z"];

describe("malformed input never causes a 5xx", () => {
  it("holds for every route", async () => {
    const index = await control(sandbox.get(), "GET", "");
    const routes = arr(index.json, "routes").map((route) => ({ method: str(route, "method"), pattern: str(route, "pattern") }));
    expect(routes.length).toBeGreaterThan(40);
    const failures: string[] = [];
    for (const route of routes) {
      if (route.pattern === "/_sandbox/reset") continue; // valid for any body; would regenerate mid-test
      const path = route.pattern.replace(/:(\w+)/g, (_whole, name: string) => PARAMS[name] ?? "x");
      const headers = path.startsWith("/demand") ? { ...AFFILIATE } : {};
      for (const query of QUERIES) {
        for (const body of route.method === "GET" ? [undefined] : BODIES) {
          const result = await call(sandbox.get().url, route.method, `${path}${query}`, { auth: path.startsWith("/messaging") ? BASIC : undefined, headers, rawBody: body });
          if (result.status >= 500) failures.push(`${route.method} ${path}${query} ${JSON.stringify(body)} -> ${result.status} ${result.text.slice(0, 120)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  }, 60_000);
});
