// Drafts on the server, through the real routes and guard: a staff member's draft is theirs alone,
// within their properties, follows them from one device to the next, and is cleared, with a time that
// tells other devices so, when what the box held has gone out.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { GET as getDraftRoute, PUT as putDraftRoute } from "@/app/api/conversations/[id]/draft/route";
import { POST as addNoteRoute } from "@/app/api/conversations/[id]/notes/route";
import { GET as listDraftsRoute } from "@/app/api/drafts/route";
import type { Viewer } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { listedConversation } from "@/tests/conversations";
import { callRoute, resetToHarbourTeam } from "@/tests/viewers";
import { DRAFT_TTL_DAYS } from "./drafts";
import type { SavedDraft } from "./schemas";

const put = (viewer: Viewer | undefined, id: string, body: unknown) =>
  callRoute(putDraftRoute, { method: "PUT", path: `/api/conversations/${id}/draft`, params: { id }, viewer, body: typeof body === "string" ? body : JSON.stringify(body) });
const get = (viewer: Viewer | undefined, id: string) => callRoute(getDraftRoute, { method: "GET", path: `/api/conversations/${id}/draft`, params: { id }, viewer });
const drafted = async (viewer: Viewer) => ((await callRoute(listDraftsRoute, { method: "GET", path: "/api/drafts", params: {}, viewer })).body as { conversationIds: string[] }).conversationIds;
const image = { attachmentId: randomUUID(), fileName: "parking.jpg" };

describe("drafts on the server", () => {
  let admin: Viewer;
  let sam: Viewer;
  beforeEach(async () => {
    ({ admin, sam } = await resetToHarbourTeam());
  });

  it("keeps a staff member's draft for them on any device, and for nobody else", async () => {
    const { id } = await listedConversation({ propertyId: "111" });
    expect((await get(sam, id)).body).toEqual({ draft: null, savedAt: null });

    const saved = await put(sam, id, { mode: "reply", text: "Dear Ana, the garage", images: [image] });
    expect(saved.status).toBe(200);
    const { savedAt } = saved.body as { savedAt: string };
    expect((await get(sam, id)).body).toEqual({ draft: { mode: "reply", text: "Dear Ana, the garage", images: [image] }, savedAt });
    expect(await drafted(sam)).toEqual([id]);

    // A colleague who may see the conversation sees no draft of Sam's.
    expect((await get(admin, id)).body).toEqual({ draft: null, savedAt: null });
    expect(await drafted(admin)).toEqual([]);

    // The next change replaces it, with a later time.
    const next = (await put(sam, id, { mode: "note", text: "Guest called about parking" })).body as { savedAt: string };
    expect(Date.parse(next.savedAt)).toBeGreaterThanOrEqual(Date.parse(savedAt));
    expect((await get(sam, id)).body).toEqual({ draft: { mode: "note", text: "Guest called about parking", images: [] }, savedAt: next.savedAt });
  });

  it("clears a draft emptied in the box, keeping its time for the devices that still hold it", async () => {
    const { id } = await listedConversation({ propertyId: "111" });
    await put(sam, id, { mode: "reply", text: "Half a reply" });
    const cleared = (await put(sam, id, { mode: "reply", text: "  \n", images: [] })).body as { savedAt: string };
    expect((await get(sam, id)).body).toEqual({ draft: null, savedAt: cleared.savedAt });
    expect(await drafted(sam)).toEqual([]);
  });

  it("clears the draft when its note is saved", async () => {
    const { id } = await listedConversation({ propertyId: "111" });
    const { savedAt } = (await put(sam, id, { mode: "note", text: "Guest called" })).body as { savedAt: string };
    const note = await callRoute(addNoteRoute, { method: "POST", path: `/api/conversations/${id}/notes`, params: { id }, viewer: sam, body: JSON.stringify({ content: "Guest called", clientKey: randomUUID() }) });
    expect(note.status).toBe(201);
    const after = (await get(sam, id)).body as SavedDraft;
    expect(after.draft).toBeNull();
    expect(Date.parse(after.savedAt!)).toBeGreaterThanOrEqual(Date.parse(savedAt));
  });

  it("drops a draft untouched for longer than the browser keeps one", async () => {
    const { id } = await listedConversation({ propertyId: "111" });
    await put(sam, id, { mode: "reply", text: "Forgotten" });
    await db().replyDraft.updateMany({ where: { conversationId: id }, data: { savedAt: new Date(Date.now() - (DRAFT_TTL_DAYS + 1) * 86_400_000) } });
    expect((await get(sam, id)).body).toEqual({ draft: null, savedAt: null });
    expect(await drafted(sam)).toEqual([]);
  });

  it("refuses a conversation outside the staff member's properties (404), no session (401), and bad drafts (400)", async () => {
    const { id } = await listedConversation({ propertyId: "111" });
    const mountain = await listedConversation({ propertyId: "222" });
    expect((await put(sam, mountain.id, { mode: "reply", text: "Hi" })).status).toBe(404);
    expect((await get(sam, mountain.id)).status).toBe(404);
    expect((await get(sam, "not-a-uuid")).status).toBe(404);
    expect((await put(undefined, id, { mode: "reply", text: "Hi" })).status).toBe(401);
    expect((await get(undefined, id)).status).toBe(401);
    for (const body of [
      "not json",
      {},
      { mode: "email", text: "Hi" },
      { mode: "reply", text: 42 },
      { mode: "reply", text: "x".repeat(10_001) },
      { mode: "note", text: "A note", images: [image] },
      { mode: "reply", text: "Hi", images: [{ attachmentId: "../../api/session", fileName: "a.jpg" }] },
      { mode: "reply", text: "Hi", images: Array.from({ length: 11 }, () => ({ ...image, attachmentId: randomUUID() })) },
      { mode: "reply", text: "Hi", extra: true },
    ]) {
      const answer = await put(sam, id, body);
      expect(answer.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(answer.body).toMatchObject({ error: { code: "validation_failed" } });
    }
    expect(await db().replyDraft.count()).toBe(0);
  });
});
