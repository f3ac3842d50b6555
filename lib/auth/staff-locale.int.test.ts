// A staff member's language, through the real route and guard: kept on their account (the next page
// the guard loads speaks it), remembered in the browser's cookie, and anything else refused.
import { beforeEach, describe, expect, it } from "vitest";
import { PUT as putLocaleRoute } from "@/app/api/me/locale/route";
import { callRoute, resetToHarbourTeam, sessionCookieFor } from "@/tests/viewers";
import { loadViewer, type Viewer } from "./guard";

const put = (viewer: Viewer | undefined, body: string) => callRoute(putLocaleRoute, { method: "PUT", path: "/api/me/locale", params: {}, viewer, body });

describe("PUT /api/me/locale", () => {
  let sam: Viewer;
  let admin: Viewer;
  beforeEach(async () => {
    ({ sam, admin } = await resetToHarbourTeam());
  });

  it("keeps the choice on the account, for this staff member only, and in the browser's cookie", async () => {
    const request = new Request("https://bellhop.test/api/me/locale", {
      method: "PUT",
      headers: { "content-type": "application/json", cookie: await sessionCookieFor(sam) },
      body: JSON.stringify({ locale: "de" }),
    });
    const response = await putLocaleRoute(request, { params: Promise.resolve({}) });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ locale: "de" });
    expect(response.headers.get("set-cookie")).toBe("bellhop-locale=de; Max-Age=31536000; Path=/; SameSite=Lax; Secure");
    expect((await loadViewer(sam.id)).locale).toBe("de");
    expect((await loadViewer(admin.id)).locale).toBeNull();

    // null: follow the browser again, and the cookie is forgotten.
    const reset = await put(sam, JSON.stringify({ locale: null }));
    expect(reset).toEqual({ status: 200, body: { locale: null } });
    expect((await loadViewer(sam.id)).locale).toBeNull();
  });

  it("refuses a language Bellhop does not speak, other fields, broken JSON and no session", async () => {
    const refused = await put(sam, JSON.stringify({ locale: "klingon" }));
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain("en, de, fr, es, it, nl, pt");
    expect((await put(sam, JSON.stringify({ locale: "fr", role: "admin" }))).status).toBe(400);
    expect((await put(sam, JSON.stringify({}))).status).toBe(400);
    expect(await put(sam, "{not json")).toMatchObject({ status: 400, body: { error: { code: "bad_request" } } });
    expect((await put(undefined, JSON.stringify({ locale: "fr" }))).status).toBe(401);
    expect((await loadViewer(sam.id)).locale).toBeNull();
  });
});
