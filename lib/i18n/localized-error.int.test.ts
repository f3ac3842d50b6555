// API errors staff meet in ordinary work answer in the requester's language: the staff member's own
// choice, else the browser's (cookie, then Accept-Language). English stays the message the code wrote,
// which the catalogue's English must repeat word for word; so do the fields the settings forms show.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { createTranslator } from "use-intl/core";
import { POST as createStaffRoute } from "@/app/api/admin/staff/route";
import { POST as bulkRoute } from "@/app/api/conversations/bulk/route";
import { PUT as snoozeRoute } from "@/app/api/conversations/[id]/snooze/route";
import { POST as lookupRoute } from "@/app/api/conversations/lookup/route";
import { POST as setPasswordRoute } from "@/app/api/set-password/route";
import { AppError, databaseUnavailable, errorResponse, type ErrorBody } from "@/lib/api/errors";
import { setStaffLocale } from "@/lib/auth/staff-locale";
import { listedConversation } from "@/tests/conversations";
import { resetToHarbourTeam, sessionCookieFor } from "@/tests/viewers";
import type { Viewer } from "../auth/guard";
import { localizedErrorResponse } from "./localized-error";
import type { Locale } from "./locales";
import { loadMessages } from "./messages";

const serverWords = async (locale: Locale) => createTranslator({ locale, messages: await loadMessages(locale), namespace: "server" });

type Handler<Params> = (request: Request, context: { params: Promise<Params> }) => Promise<Response>;

/** Calls a route handler as `viewer`'s browser would (no viewer: signed out), with extra headers (cookie, Accept-Language). */
async function call<Params>(
  handler: Handler<Params>,
  { path, method = "POST", viewer, body, params, headers: { cookie, ...headers } = {} }: { path: string; method?: string; viewer?: Viewer; body: unknown; params: Params; headers?: Record<string, string> },
): Promise<{ status: number; body: ErrorBody }> {
  const session = viewer ? await sessionCookieFor(viewer) : undefined;
  const request = new Request(`http://bellhop.test${path}`, {
    method,
    headers: { "content-type": "application/json", cookie: [session, cookie].filter(Boolean).join("; "), ...headers },
    body: JSON.stringify(body),
  });
  const response = await handler(request, { params: Promise.resolve(params) });
  return { status: response.status, body: (await response.json()) as ErrorBody };
}

async function lookUp(viewer: Viewer, headers: Record<string, string> = {}): Promise<ErrorBody> {
  return (await call(lookupRoute, { path: "/api/conversations/lookup", viewer, body: { propertyId: "111", reservation: "4705950059" }, params: {}, headers })).body;
}

describe("errors in the requester's language", () => {
  let admin: Viewer;
  let sam: Viewer;
  beforeEach(async () => {
    ({ admin, sam } = await resetToHarbourTeam());
  });

  it("answers in the browser's language, unless the signed-in staff member chose their own", async () => {
    const english = await lookUp(admin);
    expect(english.error).toEqual({ code: "unprocessable", message: "This property is not connected to Booking.com yet, so Bellhop cannot look the reservation up." });
    expect((await serverWords("en"))("lookup.notConnected")).toBe(english.error.message);
    const italian = await lookUp(admin, { "accept-language": "it" });
    expect(italian.error.message).toBe((await serverWords("it"))("lookup.notConnected"));
    expect((await lookUp(admin, { "accept-language": "it", cookie: "bellhop-locale=pt" })).error.message).toBe((await serverWords("pt"))("lookup.notConnected"));

    await setStaffLocale(admin, "nl");
    const dutch = await lookUp({ ...admin, locale: "nl" }, { "accept-language": "it" });
    expect(dutch.error.message).toBe((await serverWords("nl"))("lookup.notConnected"));
    expect(dutch.error.message).toContain("Booking.com");
  });

  it("fills values into the words, and leaves errors without words (a schema's) in English", async () => {
    const error = AppError.worded("not_found", "lookup.noReservation", { values: { reservation: "42" } });
    expect(error.message).toBe("Booking.com has no reservation 42 for this property. Check the number and the property.");
    expect(error.status).toBe(404);
    const spanish = (await (await localizedErrorResponse(error, "es")).json()) as ErrorBody;
    expect(spanish.error.message).toContain("42");
    expect(spanish.error.message).not.toBe(error.message);

    // A zod schema's messages are English on purpose (lib/api/errors.ts validationError), in any language.
    const invalid = await call(createStaffRoute, { path: "/api/admin/staff", viewer: admin, body: { name: "Rita", email: "nope", setup: "link" }, params: {}, headers: { "accept-language": "pt" } });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toEqual({ code: "validation_failed", message: "Invalid account: email: Enter a valid e-mail address", fields: { email: "Enter a valid e-mail address" } });

    expect(databaseUnavailable().message).toBe((await serverWords("en"))("databaseUnavailable"));
    const outage = await localizedErrorResponse(databaseUnavailable(), "de");
    expect(outage.status).toBe(503);
    expect(outage.headers.get("retry-after")).toBe("5");
  });

  it("says an admin form's error and its field in the admin's language; in English both are what they always were", async () => {
    const duplicate = { name: "Another Ada", email: admin.email, setup: "link" };
    const english = await call(createStaffRoute, { path: "/api/admin/staff", viewer: admin, body: duplicate, params: {} });
    expect(english.status).toBe(409);
    expect(english.body.error).toEqual({ code: "conflict", message: "An account with this e-mail already exists.", fields: { email: "An account with this e-mail already exists" } });

    const german = await call(createStaffRoute, { path: "/api/admin/staff", viewer: admin, body: duplicate, params: {}, headers: { "accept-language": "de-DE,de;q=0.9,en;q=0.8" } });
    const de = await serverWords("de");
    expect(german.status).toBe(409);
    expect(german.body.error).toEqual({ code: "conflict", message: de("staff.emailTaken"), fields: { email: de("staff.emailTakenField") } });
    expect(german.body.error.fields?.email).toContain("E-Mail-Adresse");
  });

  it("says words made of words (why a snooze is refused) in one language, in the message and the field", async () => {
    const conversation = await listedConversation();
    const past = { until: "2020-01-01T09:00:00.000Z", seenGuestMessageAt: null };
    const snooze = (headers: Record<string, string>) => call(snoozeRoute, { path: `/api/conversations/${conversation.id}/snooze`, method: "PUT", viewer: sam, body: past, params: { id: conversation.id }, headers });

    const english = await snooze({});
    expect(english.status).toBe(400);
    expect(english.body.error).toEqual({ code: "validation_failed", message: "Cannot snooze: Choose a time in the future.", fields: { until: "Choose a time in the future." } });

    const fr = await serverWords("fr");
    const french = await snooze({ cookie: "bellhop-locale=fr" });
    expect(french.body.error).toEqual({ code: "validation_failed", message: fr("snooze.refused", { problem: fr("snooze.inPast") }), fields: { until: fr("snooze.inPast") } });
    expect(french.body.error.message).toBe("Mise en attente impossible : Choisissez une heure dans le futur.");
  });

  it("says each refusal of a bulk action in the staff member's language", async () => {
    const conversation = await listedConversation();
    const body = { conversationIds: [conversation.id], action: { type: "snooze", until: "2020-01-01T09:00:00.000Z" } };
    const english = (await call(bulkRoute, { path: "/api/conversations/bulk", viewer: sam, body, params: {} })).body as unknown as { results: { ok: boolean; error?: { message: string } }[] };
    expect(english.results[0]?.error?.message).toBe("Cannot snooze: Choose a time in the future.");

    await setStaffLocale(sam, "es");
    const es = await serverWords("es");
    const spanish = (await call(bulkRoute, { path: "/api/conversations/bulk", viewer: { ...sam, locale: "es" }, body, params: {} })).body as unknown as typeof english;
    expect(spanish.results[0]?.error?.message).toBe(es("snooze.refused", { problem: es("snooze.inPast") }));
  });

  it("answers the guard's refusals and a public route's errors in the browser's language", async () => {
    const italian = await serverWords("it");
    const signedOut = await call(createStaffRoute, { path: "/api/admin/staff", body: {}, params: {}, headers: { "accept-language": "it" } });
    expect(signedOut).toEqual({ status: 401, body: { error: { code: "unauthenticated", message: italian("access.signIn") } } });
    const notAdmin = await call(createStaffRoute, { path: "/api/admin/staff", viewer: sam, body: {}, params: {}, headers: { "accept-language": "it" } });
    expect(notAdmin).toEqual({ status: 403, body: { error: { code: "forbidden", message: italian("access.adminOnly") } } });
    expect((await call(createStaffRoute, { path: "/api/admin/staff", viewer: sam, body: {}, params: {} })).body.error.message).toBe("Only an admin can do this.");

    // Nobody is signed in on the set-password page: the language is the browser's.
    const link = { token: "made-up", password: "a long enough password" };
    const english = await call(setPasswordRoute, { path: "/api/set-password", body: link, params: {} });
    expect(english).toEqual({ status: 422, body: { error: { code: "unprocessable", message: "This link is not valid. Ask an admin for a new one." } } });
    const dutch = await call(setPasswordRoute, { path: "/api/set-password", body: link, params: {}, headers: { cookie: "bellhop-locale=nl" } });
    expect(dutch.body.error.message).toBe((await serverWords("nl"))("setPassword.invalid"));
  });

  it("hides an unexpected failure behind the same 500 in every language", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const english = (await errorResponse(new Error("secret detail")).json()) as ErrorBody;
    expect(english.error).toEqual({ code: "internal", message: "Something went wrong on our side. It has been logged." });
    const german = await localizedErrorResponse(new Error("secret detail"), "de");
    expect(german.status).toBe(500);
    expect(((await german.json()) as ErrorBody).error).toEqual({ code: "internal", message: (await serverWords("de"))("unexpected") });
    expect(log).toHaveBeenCalledTimes(2);
    log.mockRestore();
  });
});
