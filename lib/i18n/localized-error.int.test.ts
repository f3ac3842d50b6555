// API errors staff meet in ordinary work answer in the requester's language: the staff member's own
// choice, else the browser's (cookie, then Accept-Language). English stays the message the code wrote,
// which the catalogue's English must repeat word for word.
import { beforeEach, describe, expect, it } from "vitest";
import { createTranslator } from "use-intl/core";
import { POST as lookupRoute } from "@/app/api/conversations/lookup/route";
import { AppError, databaseUnavailable, type ErrorBody } from "@/lib/api/errors";
import { setStaffLocale } from "@/lib/auth/staff-locale";
import { resetToHarbourTeam, sessionCookieFor } from "@/tests/viewers";
import type { Viewer } from "../auth/guard";
import { localizedErrorResponse } from "./localized-error";
import type { Locale } from "./locales";
import { loadMessages } from "./messages";

const serverWords = async (locale: Locale) => createTranslator({ locale, messages: await loadMessages(locale), namespace: "server" });

async function lookUp(viewer: Viewer, { cookie, ...headers }: Record<string, string> = {}): Promise<ErrorBody> {
  const request = new Request("http://bellhop.test/api/conversations/lookup", {
    method: "POST",
    headers: { "content-type": "application/json", cookie: [await sessionCookieFor(viewer), cookie].filter(Boolean).join("; "), ...headers },
    body: JSON.stringify({ propertyId: "111", reservation: "4705950059" }),
  });
  return (await (await lookupRoute(request, { params: Promise.resolve({}) })).json()) as ErrorBody;
}

describe("errors in the requester's language", () => {
  let admin: Viewer;
  beforeEach(async () => {
    ({ admin } = await resetToHarbourTeam());
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

  it("fills values into the words, and leaves errors without words in English", async () => {
    const error = AppError.worded("not_found", "lookup.noReservation", { reservation: "42" });
    expect(error.message).toBe("Booking.com has no reservation 42 for this property. Check the number and the property.");
    expect(error.status).toBe(404);
    const spanish = (await (await localizedErrorResponse(error, "es")).json()) as ErrorBody;
    expect(spanish.error.message).toContain("42");
    expect(spanish.error.message).not.toBe(error.message);

    const plain = new AppError("forbidden", "Only an admin can do this.");
    expect(((await (await localizedErrorResponse(plain, "pt")).json()) as ErrorBody).error.message).toBe("Only an admin can do this.");
    expect(databaseUnavailable().message).toBe((await serverWords("en"))("databaseUnavailable"));
    const outage = await localizedErrorResponse(databaseUnavailable(), "de");
    expect(outage.status).toBe(503);
    expect(outage.headers.get("retry-after")).toBe("5");
  });
});
