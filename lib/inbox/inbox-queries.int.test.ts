// The inbox's queries against a real Postgres: views, keyset paging, search (accents, prefixes,
// message history), property scope, per-staff unread state and thread paging. Rows are inserted
// directly, as the sync engine would store them.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { resetDatabase } from "@/tests/database";
import { createViewer } from "@/tests/viewers";
import { statusOf } from "@/tests/status-of";
import { countConversations } from "./count-conversations";
import { getConversation } from "./get-conversation";
import { listConversationChanges } from "./list-conversation-changes";
import { listConversations } from "./list-conversations";
import { listThreadMessages } from "./list-thread-messages";
import { markConversationUnread } from "./mark-conversation-read";
import { listConversationsQuery, type ListConversationsInput } from "./schemas";

const HOUR = 3_600_000;
const T0 = Date.parse("2026-03-01T12:00:00Z");

type ConversationSeed = {
  propertyId?: string;
  guestName?: string | null;
  reference?: string;
  lastMessageAt?: number | null;
  lastGuestMessageAt?: number | null;
  needsReplySince?: number | null;
  noReplyNeeded?: boolean;
  messages?: string[];
};

async function conversation(seed: ConversationSeed = {}) {
  const propertyId = seed.propertyId ?? "111";
  const row = await db().conversation.create({
    data: {
      bookingId: randomUUID(),
      propertyId,
      type: "reservation",
      reference: seed.reference ?? String(Math.floor(Math.random() * 1e10)),
      guestName: seed.guestName === undefined ? "Ana Souza" : seed.guestName,
      lastMessageAt: seed.lastMessageAt === null ? null : new Date(seed.lastMessageAt ?? T0),
      lastMessagePreview: "Hello",
      lastMessageSender: "guest",
      lastGuestMessageAt: seed.lastGuestMessageAt === null ? null : new Date(seed.lastGuestMessageAt ?? seed.lastMessageAt ?? T0),
      needsReplySince: seed.needsReplySince == null ? null : new Date(seed.needsReplySince),
      noReplyNeeded: seed.noReplyNeeded ?? false,
    },
  });
  for (const [index, content] of (seed.messages ?? []).entries()) {
    await db().message.create({ data: { bookingId: randomUUID(), conversationId: row.id, propertyId, senderType: "guest", content, sentAt: new Date(T0 + index * 1000) } });
  }
  return row;
}

const list = (viewer: Viewer, input: Partial<ListConversationsInput> = {}) => listConversations(viewer, listConversationsQuery.parse(input));

describe("inbox queries", () => {
  let admin: Viewer;

  beforeEach(async () => {
    await resetDatabase();
    await db().property.createMany({ data: [{ id: "111", name: "Harbour Hotel", timeZone: "Europe/Lisbon" }, { id: "222", name: "Mountain Inn" }] });
    admin = await createViewer("admin");
  });

  it("lists by recent activity and pages with a keyset cursor without repeats or gaps, empty conversations last", async () => {
    const ids: string[] = [];
    for (let index = 0; index < 7; index++) ids.push((await conversation({ lastMessageAt: T0 - index * HOUR })).id);
    // Two with the same timestamp: the id breaks the tie.
    const tieA = await conversation({ lastMessageAt: T0 - 10 * HOUR });
    const tieB = await conversation({ lastMessageAt: T0 - 10 * HOUR });
    const empty = await conversation({ lastMessageAt: null, lastGuestMessageAt: null });

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await list(admin, { limit: 3, cursor });
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);
    expect(seen).toEqual([...ids, ...[tieA.id, tieB.id].sort(), empty.id]);
  });

  it("shows the needs-reply view oldest waiting first, and 'longest waiting' puts waiting guests before the rest", async () => {
    const recentWait = await conversation({ lastMessageAt: T0, needsReplySince: T0 - HOUR });
    const oldWait = await conversation({ lastMessageAt: T0 - 2 * HOUR, needsReplySince: T0 - 5 * HOUR });
    const answered = await conversation({ lastMessageAt: T0 + HOUR });
    expect((await list(admin, { view: "needs_reply" })).items.map((item) => item.id)).toEqual([oldWait.id, recentWait.id]);
    const page1 = await list(admin, { sort: "waiting", limit: 2 });
    expect(page1.items.map((item) => item.id)).toEqual([oldWait.id, recentWait.id]);
    const page2 = await list(admin, { sort: "waiting", limit: 2, cursor: page1.nextCursor ?? undefined });
    expect(page2.items.map((item) => item.id)).toEqual([answered.id]);
    expect(page2.nextCursor).toBeNull();
  });

  it("filters the no-reply-needed view and by property", async () => {
    const quiet = await conversation({ noReplyNeeded: true });
    const other = await conversation({ propertyId: "222" });
    await conversation();
    expect((await list(admin, { view: "no_reply_needed" })).items.map((item) => item.id)).toEqual([quiet.id]);
    expect((await list(admin, { property: "222" })).items.map((item) => item.id)).toEqual([other.id]);
  });

  it("keeps unread state per staff member", async () => {
    const staffA = await createViewer("staff", ["111"]);
    const staffB = await createViewer("staff", ["111"]);
    const guestWrote = await conversation({ lastMessageAt: T0 });
    const propertyOnly = await conversation({ lastMessageAt: T0 - HOUR, lastGuestMessageAt: null }); // only the property wrote

    expect((await list(staffA, { view: "unread" })).items.map((item) => item.id)).toEqual([guestWrote.id]);
    // A reads it (as opening the thread does), B has not.
    await db().conversationRead.create({ data: { userId: staffA.id, conversationId: guestWrote.id, lastReadAt: new Date(T0 + 1) } });
    expect((await list(staffA, { view: "unread" })).items).toEqual([]);
    expect((await countConversations(staffA)).unread).toBe(0);
    expect((await list(staffB, { view: "unread" })).items.map((item) => item.id)).toEqual([guestWrote.id]);
    expect((await countConversations(staffB)).unread).toBe(1);

    // The guest writes again: unread for A again.
    await db().conversation.update({ where: { id: guestWrote.id }, data: { lastGuestMessageAt: new Date(T0 + HOUR) } });
    expect((await getConversation(staffA, guestWrote.id)).unread).toBe(true);

    // "Mark as unread" rewinds A's own state only.
    await db().conversationRead.update({ where: { userId_conversationId: { userId: staffA.id, conversationId: guestWrote.id } }, data: { lastReadAt: new Date(T0 + 2 * HOUR) } });
    await db().conversationRead.create({ data: { userId: staffB.id, conversationId: guestWrote.id, lastReadAt: new Date(T0 + 2 * HOUR) } });
    expect(await markConversationUnread(staffA, guestWrote.id)).toEqual({ unread: true });
    expect((await getConversation(staffA, guestWrote.id)).unread).toBe(true);
    expect((await getConversation(staffB, guestWrote.id)).unread).toBe(false);
    // To just before the guest's newest message: the thread marks that one new when A opens it.
    expect((await getConversation(staffA, guestWrote.id)).lastReadAt).toBe(new Date(T0 + HOUR - 1).toISOString());

    // Nothing from the guest: nothing to be unread, and no read left behind.
    await db().conversationRead.create({ data: { userId: staffA.id, conversationId: propertyOnly.id, lastReadAt: new Date(T0) } });
    expect(await markConversationUnread(staffA, propertyOnly.id)).toEqual({ unread: false });
    expect((await getConversation(staffA, propertyOnly.id)).lastReadAt).toBeNull();
  });

  it("searches guest names and reservation numbers by prefix, ignoring accents and case", async () => {
    const jose = await conversation({ guestName: "José Álvarez", reference: "4338284887" });
    await conversation({ guestName: "Maria Jones", reference: "1111111111" });
    const ids = async (q: string) => (await list(admin, { q })).items.map((item) => item.id);
    expect(await ids("jose")).toEqual([jose.id]);
    expect(await ids("ALVA")).toEqual([jose.id]);
    expect(await ids("Álvarez josé")).toEqual([jose.id]);
    expect(await ids("43382")).toEqual([jose.id]);
    expect(await ids("nobody")).toEqual([]);
    expect(await ids("&|!")).toEqual([]);
  });

  it("searches the full text of every stored message, old ones included", async () => {
    const parking = await conversation({ messages: ["Hello!", "Is there parking near the hôtel?", "Thanks"] });
    await conversation({ messages: ["What time is breakfast?"] });
    expect((await list(admin, { q: "hotel park" })).items.map((item) => item.id)).toEqual([parking.id]);
    expect((await list(admin, { q: "BREAKF" })).items).toHaveLength(1);
  });

  it("never shows a staff member another property's conversation: list, search, detail, thread", async () => {
    const staff = await createViewer("staff", ["111"]);
    const mine = await conversation({ propertyId: "111", guestName: "Mine Guest", messages: ["secret plan"] });
    const theirs = await conversation({ propertyId: "222", guestName: "Other Guest", messages: ["secret plan"] });
    expect((await list(staff)).items.map((item) => item.id)).toEqual([mine.id]);
    expect((await list(staff, { q: "secret" })).items.map((item) => item.id)).toEqual([mine.id]);
    expect((await list(staff, { q: "Other" })).items).toEqual([]);
    expect(await statusOf(list(staff, { property: "222" }))).toBe(404);
    expect(await statusOf(getConversation(staff, theirs.id))).toBe(404);
    expect(await statusOf(listThreadMessages(staff, theirs.id, { limit: 50 }))).toBe(404);
    expect(await statusOf(getConversation(staff, "not-a-uuid"))).toBe(404);
    const changes = await listConversationChanges(staff, 0n);
    expect(changes.changes.map((change) => change.conversationId)).toEqual([mine.id]);
  });

  it("pages a thread backwards from the newest message", async () => {
    const long = await conversation({ messages: Array.from({ length: 120 }, (_, index) => `message ${index}`) });
    const first = await listThreadMessages(admin, long.id, { limit: 50 });
    expect(first.messages).toHaveLength(50);
    expect(first.messages[0]!.content).toBe("message 119");
    const all = [...first.messages];
    let before = first.nextCursor;
    while (before) {
      const page = await listThreadMessages(admin, long.id, { before, limit: 50 });
      all.push(...page.messages);
      before = page.nextCursor;
    }
    expect(all.map((message) => message.content)).toEqual(Array.from({ length: 120 }, (_, index) => `message ${119 - index}`));
  });

  it("opens a conversation without messages as an empty thread, and an unknown one as 404", async () => {
    const empty = await conversation();
    expect(await listThreadMessages(admin, empty.id, { limit: 50 })).toEqual({ messages: [], nextCursor: null });
    expect(await statusOf(listThreadMessages(admin, crypto.randomUUID(), { limit: 50 }))).toBe(404);
  });

  it("reports changes after a cursor so a reconnecting browser misses nothing", async () => {
    const first = await conversation();
    const { seq } = await listConversationChanges(admin, 0n);
    expect((await listConversationChanges(admin, BigInt(seq))).changes).toEqual([]);
    await db().conversation.update({ where: { id: first.id }, data: { lastMessagePreview: "changed" } });
    const second = await conversation();
    const after = await listConversationChanges(admin, BigInt(seq));
    expect(after.changes.map((change) => change.conversationId)).toEqual([first.id, second.id]);
  });

  it("rejects a tampered cursor with 400", async () => {
    expect(await statusOf(list(admin, { cursor: "bm90LWEtY3Vyc29y" }))).toBe(400);
  });
});
