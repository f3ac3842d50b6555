// Internal notes against a real Postgres: merged into the thread in time order across pages, saved
// once per key, never sent and never touching the conversation's inbox state, deletable by their
// author or an admin only, invisible outside the viewer's properties.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { waitingConversation } from "@/tests/conversations";
import { createViewer, resetToHarbourTeam } from "@/tests/viewers";
import { statusOf } from "@/tests/status-of";
import { listThreadMessages } from "./list-thread-messages";
import { addNote, deleteNote } from "./notes";
import { addNoteBody } from "./schemas";

const T0 = Date.parse("2026-03-01T12:00:00Z");

/** A conversation waiting for a reply, with guest messages at T0, T0+10 s, T0+20 s, … */
const conversation = (propertyId: string, messageCount: number) =>
  waitingConversation(propertyId, Array.from({ length: messageCount }, (_, index) => ({ content: `message ${index}`, at: new Date(T0 + index * 10_000) })));

async function noteAt(viewer: Viewer, conversationId: string, content: string, at: number): Promise<string> {
  const { noteId } = await addNote(viewer, conversationId, { content, clientKey: randomUUID() });
  await db().conversationNote.update({ where: { id: noteId }, data: { createdAt: new Date(at) } });
  return noteId;
}

/** Every item of the thread, newest first, read page by page as the browser does. */
async function wholeThread(viewer: Viewer, conversationId: string, limit: number) {
  const items: { content: string; senderType: string; authorName: string | null; canDelete: boolean }[] = [];
  let before: string | undefined;
  for (;;) {
    const page = await listThreadMessages(viewer, conversationId, { before, limit });
    items.push(...page.messages.map(({ content, senderType, authorName, canDelete }) => ({ content, senderType, authorName, canDelete })));
    if (!page.nextCursor) return items;
    before = page.nextCursor;
  }
}

describe("internal notes", () => {
  let admin: Viewer;
  let sam: Viewer;
  let bea: Viewer;
  let harbour: string;

  beforeEach(async () => {
    ({ admin, sam } = await resetToHarbourTeam());
    bea = await createViewer("staff", ["111"], "Bea Front");
    harbour = await conversation("111", 5);
  });

  it("shows notes among the messages in time order, on every page, none repeated or skipped", async () => {
    await noteAt(sam, harbour, "note after message 1", T0 + 15_000);
    await noteAt(bea, harbour, "note after message 3", T0 + 35_000);
    await noteAt(sam, harbour, "newest note", T0 + 60_000);
    // The same instant as message 2: the id decides, as between two messages.
    await noteAt(sam, harbour, "note at message 2", T0 + 20_000);
    const expected = await wholeThread(sam, harbour, 100);
    const contents = expected.map((item) => item.content);
    expect(contents.slice(0, 4)).toEqual(["newest note", "message 4", "note after message 3", "message 3"]);
    expect(contents.slice(4, 6).sort()).toEqual(["message 2", "note at message 2"]);
    expect(contents.slice(6)).toEqual(["note after message 1", "message 1", "message 0"]);
    for (const limit of [1, 2, 3, 4]) expect(await wholeThread(sam, harbour, limit)).toEqual(expected);

    const newest = expected[0]!;
    expect(newest).toEqual({ content: "newest note", senderType: "note", authorName: "Sam Staff", canDelete: true });
    // Bea did not write it; the admin may delete any note.
    expect((await wholeThread(bea, harbour, 100))[0]!.canDelete).toBe(false);
    expect((await wholeThread(admin, harbour, 100))[0]!.canDelete).toBe(true);
    // Messages are never deletable this way.
    expect(expected.filter((item) => item.senderType === "guest").every((item) => !item.canDelete)).toBe(true);
  });

  it("never sends a note and leaves the inbox state alone, but tells live clients", async () => {
    const before = await db().conversation.findUniqueOrThrow({ where: { id: harbour } });
    await addNote(sam, harbour, { content: "Guest called: arrives at 23:00.", clientKey: randomUUID() });
    const after = await db().conversation.findUniqueOrThrow({ where: { id: harbour } });
    expect(await db().outboundAction.count()).toBe(0);
    expect(await db().message.count({ where: { conversationId: harbour } })).toBe(5);
    for (const column of ["needsReplySince", "lastMessageAt", "lastMessagePreview", "lastMessageSender", "lastGuestMessageAt", "messageCount", "noReplyNeeded"] as const) {
      expect(after[column], column).toEqual(before[column]);
    }
    // The change cursor moved: open inboxes hear of it (and refetch the thread) like of a message.
    expect(after.changeSeq).toBeGreaterThan(before.changeSeq);
  });

  it("saves a note once per key, and refuses a key used for something else", async () => {
    const clientKey = randomUUID();
    const first = await addNote(sam, harbour, { content: "Late check-in agreed.", clientKey });
    expect(first.created).toBe(true);
    expect(await addNote(sam, harbour, { content: "Late check-in agreed.", clientKey })).toEqual({ noteId: first.noteId, created: false });
    expect(await db().conversationNote.count()).toBe(1);

    expect(await statusOf(addNote(bea, harbour, { content: "Late check-in agreed.", clientKey }))).toBe(409);
    const other = await conversation("111", 1);
    expect(await statusOf(addNote(sam, other, { content: "Late check-in agreed.", clientKey }))).toBe(409);
    expect(await db().conversationNote.count()).toBe(1);
  });

  it("lets the author or an admin delete a note, not another staff member", async () => {
    const samsNote = await noteAt(sam, harbour, "Sam's", T0 + 1);
    const beasNote = await noteAt(bea, harbour, "Bea's", T0 + 2);
    expect(await statusOf(deleteNote(bea, harbour, samsNote))).toBe(403);
    expect(await statusOf(deleteNote(sam, harbour, samsNote))).toBe("ok");
    expect(await statusOf(deleteNote(admin, harbour, beasNote))).toBe("ok");
    expect(await db().conversationNote.count()).toBe(0);
    expect(await statusOf(deleteNote(sam, harbour, samsNote))).toBe(404);
    expect(await statusOf(deleteNote(sam, harbour, "not-a-uuid"))).toBe(404);
  });

  it("does not exist outside the viewer's properties", async () => {
    const mountain = await conversation("222", 1);
    const adminsNote = await noteAt(admin, mountain, "Mountain only", T0);
    expect(await statusOf(addNote(sam, mountain, { content: "Hello?", clientKey: randomUUID() }))).toBe(404);
    expect(await statusOf(deleteNote(sam, mountain, adminsNote))).toBe(404);
    // A note of another conversation is not found through this one either.
    expect(await statusOf(deleteNote(admin, harbour, adminsNote))).toBe(404);
    expect(await statusOf(listThreadMessages(sam, mountain, { limit: 50 }))).toBe(404);
    expect(await db().conversationNote.count()).toBe(1);
  });

  it("keeps a note whose author's account was deleted", async () => {
    await noteAt(bea, harbour, "From a colleague who left", T0 + 100_000);
    await db().user.delete({ where: { id: bea.id } });
    expect((await wholeThread(sam, harbour, 100))[0]).toEqual({ content: "From a colleague who left", senderType: "note", authorName: null, canDelete: false });
  });

  it("checks a note's text and key at the boundary", () => {
    const clientKey = randomUUID();
    expect(addNoteBody.safeParse({ content: "  ok  ", clientKey })).toEqual({ success: true, data: { content: "ok", clientKey } });
    for (const body of [{ content: "   ", clientKey }, { content: "x".repeat(10_001), clientKey }, { content: "ok", clientKey: "1" }, { content: "ok" }, { content: "ok", clientKey, extra: 1 }]) {
      expect(addNoteBody.safeParse(body).success, JSON.stringify(body).slice(0, 60)).toBe(false);
    }
  });
});
