import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/tests/database";
import { renderReply } from "../inbox/placeholders";
import type { Viewer } from "../auth/guard";
import { createAdminViewer } from "./admin-fixtures";
import { getPreviewValues, SAMPLE_VALUES } from "./get-preview-values";
import { listSavedReplies } from "./list-saved-replies";
import { deleteSavedReply, saveSavedReply } from "./save-saved-reply";

let admin: Viewer;

beforeEach(async () => {
  await resetDatabase();
  await db().property.createMany({ data: [{ id: "111", name: "Harbour Hotel" }, { id: "222", name: "Mountain Inn" }] });
  admin = await createAdminViewer();
});

describe("saved replies", () => {
  it("creates, edits and deletes, each audited with before and after", async () => {
    const created = await saveSavedReply(admin, null, { title: "Check-in", body: "Hi {guest_name}, check-in is at 3pm.", propertyId: null });
    await saveSavedReply(admin, created.id, { title: "Check-in time", body: "Hi {guest_name}, check-in is at 2pm.", propertyId: "111" });
    expect((await listSavedReplies())[0]).toMatchObject({ title: "Check-in time", propertyId: "111", propertyName: "Harbour Hotel" });
    await deleteSavedReply(admin, created.id);
    expect(await listSavedReplies()).toEqual([]);
    const entries = await db().auditLog.findMany({ orderBy: { id: "asc" } });
    expect(entries.map((entry) => entry.action)).toEqual(["saved_reply.create", "saved_reply.update", "saved_reply.delete"]);
    expect(entries[1]).toMatchObject({ before: { title: "Check-in", propertyId: null }, after: { title: "Check-in time", propertyId: "111" } });
  });

  it("refuses unknown placeholders with a field message naming them", async () => {
    await expect(saveSavedReply(admin, null, { title: "Typo", body: "Hi {guest_nmae}", propertyId: null })).rejects.toMatchObject({
      fields: { body: expect.stringContaining("{guest_nmae}") },
    });
  });
});

describe("the placeholder preview", () => {
  it("uses the latest conversation of the chosen property", async () => {
    const base = { type: "reservation" as const, propertyId: "111" };
    await db().conversation.create({ data: { ...base, bookingId: "c-old", reference: "1111", guestName: "Old Guest", lastMessageAt: new Date("2026-01-01") } });
    await db().conversation.create({ data: { ...base, bookingId: "c-new", reference: "4242", guestName: "Noor Haddad", lastMessageAt: new Date("2026-02-01") } });
    await db().conversation.create({ data: { ...base, propertyId: "222", bookingId: "c-other", reference: "9999", guestName: "Elsewhere", lastMessageAt: new Date("2026-03-01") } });
    const preview = await getPreviewValues("111");
    expect(preview.values).toEqual({ guest_name: "Noor Haddad", property_name: "Harbour Hotel", reservation_number: "4242" });
    expect(preview.source).toEqual({ kind: "conversation", propertyName: "Harbour Hotel", reference: "4242" });
    expect(renderReply("Dear {guest_name}, welcome to {property_name} ({reservation_number}). {breakfast}", preview.values)).toEqual({
      text: "Dear Noor Haddad, welcome to Harbour Hotel (4242). {breakfast}",
      missing: [],
      unknown: ["breakfast"],
    });
  });

  it("falls back to labelled sample values with the property's real name", async () => {
    const preview = await getPreviewValues("222");
    expect(preview.values).toEqual({ ...SAMPLE_VALUES, property_name: "Mountain Inn" });
    expect(preview.source).toEqual({ kind: "sample" });
  });
});
