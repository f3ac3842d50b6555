import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "@/lib/booking/test-sandbox";
import { db } from "@/lib/db";
import { resetDatabase } from "@/tests/database";
import { AppError } from "../api/errors";
import type { Viewer } from "../auth/guard";
import { wordsIn } from "../i18n/localized-error";
import { addProperty } from "./add-property";
import { createAdminViewer, sandboxConnectionInput } from "./admin-fixtures";
import { listAdminProperties } from "./list-admin-properties";
import { addPropertySchema, updatePropertySchema } from "./property.validation";
import { saveConnection } from "./save-connection";
import { saveSavedReply } from "./save-saved-reply";
import { restartBackfill } from "./restart-backfill";
import { updateProperty } from "./update-property";

let sandbox: TestSandbox;
let admin: Viewer;
let connectionId: string;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await resetDatabase();
  await sandbox.clearFaults();
  admin = await createAdminViewer();
  connectionId = (await saveConnection(admin, null, sandboxConnectionInput(sandbox.messagingBaseUrl))).connection.id;
});

describe("adding a property", () => {
  it("checks the account reaches it, stores it pending backfill and audits it", async () => {
    const { property, warning } = await addProperty(admin, addPropertySchema.parse({ id: "1383087", name: "Hotel Sakura Kyoto", timeZone: "Asia/Tokyo", connectionId }));
    expect(warning).toBeNull();
    expect(property).toMatchObject({ id: "1383087", connectionId, backfillState: "pending", backfillDone: 0, enabled: true });
    expect((await listAdminProperties()).map((p) => p.id)).toEqual(["1383087"]);
    const entry = await db().auditLog.findFirstOrThrow({ where: { action: "property.create" } });
    expect(entry).toMatchObject({ targetId: "1383087", after: { name: "Hotel Sakura Kyoto", timeZone: "Asia/Tokyo" } });
  });

  it("refuses a property the account cannot reach (403), naming it", async () => {
    const error = await addProperty(admin, addPropertySchema.parse({ id: "9999001", name: "No access", timeZone: "UTC", connectionId })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fields?.id).toContain("no access to property 9999001");
    expect(await db().property.count()).toBe(0);
  });

  it("adds it with a warning when Booking.com is down", async () => {
    await sandbox.addFault({ endpoint: "tags.list", mode: "error_500", times: 1 });
    const { warning } = await addProperty(admin, addPropertySchema.parse({ id: "4412087", name: "Harbor View Inn", timeZone: "America/New_York", connectionId }));
    expect(warning).toMatch(/^Added, but the property could not be checked: Booking\.com answered with a server error \(HTTP 500\).* try again later\. Its import starts once Booking\.com answers\.$/);
    expect(await db().property.count()).toBe(1);

    // In the admin's language, Booking.com's status and all.
    await sandbox.addFault({ endpoint: "tags.list", mode: "error_500", times: 1 });
    const german = await addProperty(admin, addPropertySchema.parse({ id: "4412088", name: "Harbor View Annex", timeZone: "America/New_York", connectionId }), { say: await wordsIn("de") });
    expect(german.warning).toMatch(/^Hinzugefügt, aber .*HTTP 500/);
  });

  it("refuses a duplicate id, and validates the id and time zone", async () => {
    await addProperty(admin, addPropertySchema.parse({ id: "1383087", name: "Sakura", timeZone: "Asia/Tokyo", connectionId }));
    const error = await addProperty(admin, addPropertySchema.parse({ id: "1383087", name: "Again", timeZone: "Asia/Tokyo", connectionId })).catch((e: unknown) => e);
    expect((error as AppError).fields).toEqual({ id: "Property 1383087 is already in Bellhop" });
    const bad = addPropertySchema.safeParse({ id: "12ab", name: "X", timeZone: "Mars/Olympus", connectionId });
    expect(bad.success).toBe(false);
    const messages = Object.fromEntries(bad.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
    expect(messages).toEqual({ id: "The Booking.com property id is a number, e.g. 1383087", timeZone: "Enter an IANA time zone such as Europe/Amsterdam" });
  });
});

describe("updating a property", () => {
  it("sets a welcome reply usable for it, refuses one scoped to another property, and audits", async () => {
    await db().property.createMany({ data: [{ id: "111", name: "Harbour", connectionId }, { id: "222", name: "Mountain", connectionId }] });
    const shared = await saveSavedReply(admin, null, { title: "Welcome", body: "Hello {guest_name}!", propertyId: null });
    const other = await saveSavedReply(admin, null, { title: "Mountain only", body: "Hi", propertyId: "222" });
    const updated = await updateProperty(admin, "111", updatePropertySchema.parse({ welcomeReplyId: shared.id }));
    expect(updated).toMatchObject({ welcomeReplyId: shared.id, welcomeReplyTitle: "Welcome" });
    await expect(updateProperty(admin, "111", { welcomeReplyId: other.id })).rejects.toMatchObject({ fields: { welcomeReplyId: expect.any(String) } });
    const entry = await db().auditLog.findFirstOrThrow({ where: { action: "property.welcome" } });
    expect(entry).toMatchObject({ before: { welcomeReplyId: null }, after: { welcomeReplyId: shared.id } });
  });

  it("renames a property and changes its time zone, audited with before and after", async () => {
    await db().property.create({ data: { id: "111", name: "Harbour", timeZone: "Europe/Amsterdam", connectionId } });
    const updated = await updateProperty(admin, "111", updatePropertySchema.parse({ name: "  Harbour View Inn ", timeZone: "America/New_York" }));
    expect(updated).toMatchObject({ name: "Harbour View Inn", timeZone: "America/New_York" });
    const entry = await db().auditLog.findFirstOrThrow({ where: { action: "property.update" } });
    expect(entry).toMatchObject({
      actorId: admin.id,
      targetType: "property",
      targetId: "111",
      before: { name: "Harbour", timeZone: "Europe/Amsterdam" },
      after: { name: "Harbour View Inn", timeZone: "America/New_York" },
    });
  });

  it("answers a bad name or a zone that is not IANA with field messages", () => {
    const bad = updatePropertySchema.safeParse({ name: "   ", timeZone: "CET+1" });
    expect(bad.success).toBe(false);
    const messages = Object.fromEntries(bad.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
    expect(messages).toEqual({ name: "Give the property a name", timeZone: "Enter an IANA time zone such as Europe/Amsterdam" });
    // Current IANA names count even where this runtime's list has only the old ones (Asia/Calcutta).
    for (const zone of ["Asia/Kolkata", "Europe/Kyiv", "America/Argentina/Buenos_Aires", "Etc/GMT+5", "UTC", "Asia/Tokyo"]) {
      expect(updatePropertySchema.safeParse({ timeZone: zone }).success, zone).toBe(true);
    }
    for (const zone of ["asia/tokyo", "+05:00", "CET", "Mars/Olympus", "Europe/"]) {
      expect(updatePropertySchema.safeParse({ timeZone: zone }).success, zone).toBe(false);
    }
    expect(updatePropertySchema.safeParse({}).success).toBe(false);
  });

  it("refuses an unknown property", async () => {
    await expect(updateProperty(admin, "404404", { name: "Nowhere" })).rejects.toMatchObject({ code: "not_found" });
    expect(await db().auditLog.count({ where: { targetType: "property" } })).toBe(0);
  });

  it("disables a property", async () => {
    await db().property.create({ data: { id: "111", name: "Harbour", connectionId } });
    expect((await updateProperty(admin, "111", { enabled: false })).enabled).toBe(false);
  });
});

describe("re-importing a property's history", () => {
  it("puts a finished or failed import back to pending from the start, and audits it", async () => {
    await db().property.create({
      data: { id: "111", name: "Harbour", connectionId, backfillState: "failed", backfillDone: 40, backfillTotal: 90, backfillCursor: "page-3", backfillError: "HTTP 500" },
    });
    const restarted = await restartBackfill(admin, "111");
    expect(restarted).toMatchObject({ backfillState: "pending", backfillDone: 0, backfillTotal: null, backfillError: null });
    expect((await db().property.findUniqueOrThrow({ where: { id: "111" } })).backfillCursor).toBeNull();
    const entry = await db().auditLog.findFirstOrThrow({ where: { action: "property.backfill_restart" } });
    expect(entry).toMatchObject({ actorId: admin.id, targetType: "property", targetId: "111", before: { backfillState: "failed" } });
  });

  it("refuses while the import runs, and an unknown property", async () => {
    await db().property.create({ data: { id: "111", name: "Harbour", connectionId, backfillState: "running", backfillDone: 5 } });
    await expect(restartBackfill(admin, "111")).rejects.toMatchObject({ code: "conflict" });
    expect((await db().property.findUniqueOrThrow({ where: { id: "111" } })).backfillDone).toBe(5);
    await expect(restartBackfill(admin, "404404")).rejects.toMatchObject({ code: "not_found" });
    expect(await db().auditLog.count({ where: { targetType: "property" } })).toBe(0);
  });
});
