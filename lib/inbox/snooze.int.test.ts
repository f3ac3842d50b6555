// Snooze against a real Postgres: which views show a snoozed conversation, the Snoozed view's wake order
// and paging, a snooze whose time has passed (over without any job), the unread count, and the route
// (PUT/DELETE /api/conversations/[id]/snooze) through the real guard with a real session cookie.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { DELETE, PUT } from "@/app/api/conversations/[id]/snooze/route";
import type { Viewer } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { listedConversation } from "@/tests/conversations";
import { resetDatabase } from "@/tests/database";
import { allListPages as allPages, listIds as ids, listPage as list } from "@/tests/list-pages";
import { createViewer, sessionCookieFor } from "@/tests/viewers";
import { statusOf } from "@/tests/status-of";
import { assignConversation } from "./assign-conversation";
import { countConversations } from "./count-conversations";
import { getConversation } from "./get-conversation";
import { INBOX_VIEWS, type InboxView } from "./list-views";
import { setConversationStar } from "./star-conversation";
import { snoozeConversation, unsnoozeConversation } from "./snooze-conversation";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const conversation = listedConversation;

/** Sets the snooze columns directly (e.g. a time already past, which the API refuses). */
async function setSnooze(id: string, snooze: { at?: Date; until: Date | null; by?: string }) {
  await db().conversation.update({ where: { id }, data: { snoozedAt: snooze.at ?? new Date(), snoozedUntil: snooze.until, snoozedById: snooze.by ?? null } });
}


describe("snooze", () => {
  let admin: Viewer;

  beforeEach(async () => {
    await resetDatabase();
    await db().property.createMany({ data: [{ id: "111", name: "Harbour Hotel" }, { id: "222", name: "Mountain Inn" }] });
    admin = await createViewer("admin", [], "Ada Admin");
  });

  it("leaves a snoozed conversation out of every view but Snoozed, in both sorts and in search", async () => {
    const waiting = await conversation({ guestName: "Zoë Waiting" });
    const quiet = await conversation({ guestName: "Zoë Quiet", noReplyNeeded: true, ago: 2 * HOUR });
    const awake = await conversation({ guestName: "Zoë Awake", ago: 3 * HOUR });
    const awakeQuiet = await conversation({ guestName: "Zoë Awake Quiet", noReplyNeeded: true, ago: 4 * HOUR });
    // Mine: the admin has all of them but the quiet one (lib/inbox/assign.int.test.ts has the rest of it).
    for (const row of [waiting, awake, awakeQuiet]) await assignConversation(admin, row.id, { userId: admin.id });
    // Starred: two of them (lib/inbox/star.int.test.ts has the rest of it).
    for (const row of [waiting, awake]) await setConversationStar(admin, row.id, true);
    const expected: Record<Exclude<InboxView, "snoozed">, string[]> = {
      all: [waiting.id, quiet.id, awake.id, awakeQuiet.id],
      mine: [waiting.id, awake.id, awakeQuiet.id],
      starred: [waiting.id, awake.id],
      unread: [waiting.id, quiet.id, awake.id, awakeQuiet.id],
      needs_reply: [awake.id, waiting.id], // longest waiting first
      no_reply_needed: [quiet.id, awakeQuiet.id],
    };
    for (const [view, before] of Object.entries(expected)) expect(await ids(admin, { view: view as InboxView })).toEqual(before);

    await snoozeConversation(admin, waiting.id, { until: null });
    await snoozeConversation(admin, quiet.id, { until: new Date(Date.now() + DAY).toISOString() });
    const snoozed = new Set([waiting.id, quiet.id]);
    for (const view of INBOX_VIEWS.filter((view) => view !== "snoozed")) {
      const without = expected[view].filter((id) => !snoozed.has(id));
      expect(await ids(admin, { view }), view).toEqual(without);
      expect(await ids(admin, { view, sort: "waiting" }), `${view}, longest waiting`).toEqual(without);
      // A search finds a snoozed conversation only where the view would show it.
      expect(await ids(admin, { view, q: "zoe" }), `${view}, search`).toEqual(without);
    }
    // Dated snoozes first (soonest wake), then those waiting for the guest.
    expect(await ids(admin, { view: "snoozed" })).toEqual([quiet.id, waiting.id]);
    expect(await ids(admin, { view: "snoozed", q: "waiting" })).toEqual([waiting.id]);
    expect(await ids(admin, { view: "snoozed", q: "awake" })).toEqual([]);
  });

  it("lists the Snoozed view soonest wake first, then until-the-guest-replies latest snooze first, paged without repeats or gaps", async () => {
    const now = Date.now();
    const dated: { id: string; until: number }[] = [];
    // Out of order on purpose, and two with the same wake time (the id breaks the tie).
    for (const hours of [30, 2, 7, 7, 50, 1]) {
      const row = await conversation();
      await setSnooze(row.id, { until: new Date(now + hours * HOUR) });
      dated.push({ id: row.id, until: now + hours * HOUR });
    }
    const open: { id: string; at: number }[] = [];
    for (const minutesAgo of [10, 30, 5]) {
      const row = await conversation();
      await setSnooze(row.id, { at: new Date(now - minutesAgo * MINUTE), until: null });
      open.push({ id: row.id, at: now - minutesAgo * MINUTE });
    }
    await conversation(); // not snoozed
    const expectedOrder = [
      ...dated.toSorted((a, b) => a.until - b.until || (a.id < b.id ? -1 : 1)).map((row) => row.id),
      ...open.toSorted((a, b) => b.at - a.at).map((row) => row.id),
    ];
    // Pages of 4 cross from the dated segment into the other one mid-page; pages of 3 end exactly on the boundary.
    for (const limit of [4, 3, 2, 1, 50]) {
      const result = await allPages(admin, { view: "snoozed", limit });
      expect(result.ids, `limit ${limit}`).toEqual(expectedOrder);
      expect(result.pages, `limit ${limit}`).toBe(Math.ceil(expectedOrder.length / limit));
    }
    // Each row says when it wakes.
    const items = (await list(admin, { view: "snoozed" })).items;
    expect(items[0]!.snooze).toEqual({ until: new Date(now + HOUR).toISOString(), by: null });
    expect(items.at(-1)!.snooze).toEqual({ until: null, by: null });
  });

  it("counts a snooze whose time has passed as over, with no job run, in every view, the detail and the unread count", async () => {
    const expired = await conversation({ ago: 3 * HOUR });
    const later = await conversation({ ago: 2 * HOUR });
    await setSnooze(expired.id, { at: new Date(Date.now() - 2 * HOUR), until: new Date(Date.now() - MINUTE), by: admin.id });
    await setSnooze(later.id, { until: new Date(Date.now() + HOUR), by: admin.id });

    expect(await ids(admin)).toEqual([expired.id]);
    expect(await ids(admin, { view: "needs_reply" })).toEqual([expired.id]);
    expect(await ids(admin, { view: "snoozed" })).toEqual([later.id]);
    expect((await list(admin)).items[0]!.snooze).toBeNull();
    expect((await getConversation(admin, expired.id)).snooze).toBeNull();
    expect((await countConversations(admin)).unread).toBe(1);
    // The columns still say "snoozed": only the worker's housekeeping clears them (snooze-wake.int.test.ts).
    expect((await db().conversation.findUniqueOrThrow({ where: { id: expired.id } })).snoozedAt).not.toBeNull();
  });

  it("keeps the tabs' counts equal to the Unread and Needs reply views", async () => {
    const rows = [await conversation(), await conversation({ ago: 2 * HOUR }), await conversation({ ago: 3 * HOUR })];
    await conversation({ ago: 4 * HOUR, waiting: false }); // unread, but answered
    const counts = async () => {
      const { unread, needsReply } = await countConversations(admin);
      expect(unread).toBe((await ids(admin, { view: "unread" })).length);
      expect(needsReply).toBe((await ids(admin, { view: "needs_reply" })).length);
      return { unread, needsReply };
    };
    expect(await counts()).toEqual({ unread: 4, needsReply: 3 });
    await snoozeConversation(admin, rows[1]!.id, { until: null });
    await snoozeConversation(admin, rows[2]!.id, { until: new Date(Date.now() + DAY).toISOString() });
    expect(await ids(admin, { view: "unread" })).toContain(rows[0]!.id);
    expect(await counts()).toEqual({ unread: 2, needsReply: 1 });
    await unsnoozeConversation(admin, rows[1]!.id);
    expect(await counts()).toEqual({ unread: 3, needsReply: 2 });
  });

  it("is shared by the team: a colleague sees who snoozed it and until when; unsnooze ends it; each change moves the change sequence", async () => {
    const colleague = await createViewer("staff", ["111"], "Carla Colleague");
    const row = await conversation();
    const seq0 = BigInt((await getConversation(admin, row.id)).changeSeq);
    const until = new Date(Date.now() + 2 * DAY);
    until.setMilliseconds(0);
    expect(await snoozeConversation(admin, row.id, { until: until.toISOString() })).toEqual({ snooze: { until: until.toISOString(), by: "Ada Admin" } });
    const seen = await getConversation(colleague, row.id);
    expect(seen.snooze).toEqual({ until: until.toISOString(), by: "Ada Admin" });
    const seq1 = BigInt(seen.changeSeq);
    expect(seq1).toBeGreaterThan(seq0);
    expect(await ids(colleague)).toEqual([]);
    expect(await ids(colleague, { view: "snoozed" })).toEqual([row.id]);

    // The colleague re-snoozes it until the guest replies: the new snooze replaces the old one.
    await snoozeConversation(colleague, row.id, { until: null });
    expect((await getConversation(admin, row.id)).snooze).toEqual({ until: null, by: "Carla Colleague" });

    expect(await unsnoozeConversation(admin, row.id)).toEqual({ snooze: null });
    const after = await getConversation(colleague, row.id);
    expect(after.snooze).toBeNull();
    expect(BigInt(after.changeSeq)).toBeGreaterThan(seq1);
    expect(await ids(colleague)).toEqual([row.id]);
    // Unsnoozing again changes nothing, not even the change sequence.
    await unsnoozeConversation(admin, row.id);
    expect((await getConversation(admin, row.id)).changeSeq).toBe(after.changeSeq);

    // The author's account is deleted: still snoozed, by nobody known.
    await snoozeConversation(colleague, row.id, { until: null });
    await db().user.delete({ where: { id: colleague.id } });
    expect((await getConversation(admin, row.id)).snooze).toEqual({ until: null, by: null });
  });

  describe("the route", () => {
    async function call(method: "PUT" | "DELETE", id: string, options: { viewer?: Viewer; body?: string } = {}) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (options.viewer) headers.cookie = await sessionCookieFor(options.viewer);
      const request = new Request(`http://bellhop.test/api/conversations/${id}/snooze`, { method, headers, body: options.body });
      const handler = method === "PUT" ? PUT : DELETE;
      const response = await handler(request, { params: Promise.resolve({ id }) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    }

    it("snoozes until a time or until the guest replies, and unsnoozes", async () => {
      const row = await conversation();
      const until = new Date(Date.now() + 3 * HOUR).toISOString();
      expect(await call("PUT", row.id, { viewer: admin, body: JSON.stringify({ until }) })).toEqual({ status: 200, body: { snooze: { until, by: "Ada Admin" } } });
      expect(await ids(admin, { view: "snoozed" })).toEqual([row.id]);
      expect(await call("PUT", row.id, { viewer: admin, body: JSON.stringify({ until: null }) })).toEqual({ status: 200, body: { snooze: { until: null, by: "Ada Admin" } } });
      // An offset other than Z is the same instant.
      const local = new Date(Date.now() + DAY);
      const offset = await call("PUT", row.id, { viewer: admin, body: JSON.stringify({ until: isoWithOffset(local, 120) }) });
      expect(offset).toEqual({ status: 200, body: { snooze: { until: new Date(Math.floor(local.getTime() / 1000) * 1000).toISOString(), by: "Ada Admin" } } });
      expect(await call("DELETE", row.id, { viewer: admin })).toEqual({ status: 200, body: { snooze: null } });
      expect(await ids(admin)).toEqual([row.id]);
    });

    it("refuses with 409, snoozing nothing, when the guest wrote after the newest message the staff member had seen", async () => {
      const row = await conversation();
      const guestMessage = async (minutesAgo: number, content: string) =>
        db().message.create({ data: { bookingId: randomUUID(), conversationId: row.id, propertyId: "111", senderType: "guest", messageType: "free_text", content, sentAt: new Date(Date.now() - minutesAgo * MINUTE) } });
      const first = await guestMessage(30, "Is breakfast included?");
      const snooze = (seenGuestMessageAt: string | null | undefined) =>
        call("PUT", row.id, { viewer: admin, body: JSON.stringify({ until: null, ...(seenGuestMessageAt === undefined ? {} : { seenGuestMessageAt }) }) });

      // Seen up to the newest: snoozed.
      expect((await snooze(first.sentAt.toISOString())).status).toBe(200);
      await unsnoozeConversation(admin, row.id);

      // The guest writes again while the page still shows only the first message.
      await guestMessage(1, "And is there parking?");
      const lines = await db().conversationActivity.count({ where: { conversationId: row.id } });
      const refused = await snooze(first.sentAt.toISOString());
      expect(refused).toEqual({
        status: 409,
        body: { error: { code: "conflict", message: "The guest has written again since this conversation was loaded. Read the new message first, then snooze it if you still want to." } },
      });
      // A page that had no guest message at all is behind too.
      expect((await snooze(null)).status).toBe(409);
      expect((await getConversation(admin, row.id)).snooze).toBeNull();
      expect(await db().conversationActivity.count({ where: { conversationId: row.id } })).toBe(lines);
      expect(await ids(admin)).toEqual([row.id]);

      // Without the field (another API caller), no check.
      expect((await snooze(undefined)).status).toBe(200);
      expect(await snooze("yesterday")).toMatchObject({ status: 400 });
    });

    it("answers a past time, a time more than a year ahead and anything malformed with 400 in the one error shape", async () => {
      const row = await conversation();
      const cases: [string, string | undefined, string][] = [
        ["past", JSON.stringify({ until: new Date(Date.now() - MINUTE).toISOString() }), "Choose a time in the future."],
        ["now-ish", JSON.stringify({ until: new Date(Date.now() - 1).toISOString() }), "Choose a time in the future."],
        ["over a year", JSON.stringify({ until: new Date(Date.now() + 366 * DAY).toISOString() }), "A snooze can last at most one year."],
        ["words", JSON.stringify({ until: "tomorrow morning" }), "must be a date and time"],
        ["no offset", JSON.stringify({ until: "2026-11-24T09:00" }), "must be a date and time"],
        ["a number", JSON.stringify({ until: Date.now() + DAY }), "must be a date and time"],
        ["missing", JSON.stringify({}), "until"],
        ["extra key", JSON.stringify({ until: null, forever: true }), "forever"],
        ["not JSON", "until=tomorrow", "Invalid snooze"],
        ["no body", undefined, "Invalid snooze"],
      ];
      for (const [what, body, message] of cases) {
        const response = await call("PUT", row.id, { viewer: admin, body });
        expect(response.status, what).toBe(400);
        const error = (response.body as { error: { code: string; message: string; fields?: Record<string, string> } }).error;
        expect(Object.keys(response.body), what).toEqual(["error"]);
        expect(error.code, what).toBe("validation_failed");
        expect(error.message, what).toContain(message);
      }
      const past = await call("PUT", row.id, { viewer: admin, body: JSON.stringify({ until: new Date(Date.now() - MINUTE).toISOString() }) });
      expect(past.body).toEqual({ error: { code: "validation_failed", message: "Cannot snooze: Choose a time in the future.", fields: { until: "Choose a time in the future." } } });
      // Nothing was snoozed by any of them.
      expect((await getConversation(admin, row.id)).snooze).toBeNull();
    });

    it("is a 404 outside the staff member's properties, and a 401 without a session", async () => {
      const staff = await createViewer("staff", ["111"]);
      const theirs = await conversation({ propertyId: "222" });
      const body = JSON.stringify({ until: null });
      expect(await call("PUT", theirs.id, { viewer: staff, body })).toEqual({ status: 404, body: { error: { code: "not_found", message: "No such conversation." } } });
      expect((await call("DELETE", theirs.id, { viewer: staff })).status).toBe(404);
      expect((await call("PUT", "not-a-uuid", { viewer: staff, body })).status).toBe(404);
      expect((await call("PUT", randomUUID(), { viewer: staff, body })).status).toBe(404);
      expect((await call("PUT", theirs.id, { body })).status).toBe(401);
      expect((await getConversation(admin, theirs.id)).snooze).toBeNull();
      // The domain function answers the same way when called directly.
      expect(await statusOf(snoozeConversation(staff, theirs.id, { until: null }))).toBe(404);
    });
  });
});

/** `date` written with a UTC offset of `minutes` (e.g. +02:00), to the second. */
function isoWithOffset(date: Date, minutes: number): string {
  const shifted = new Date(date.getTime() + minutes * MINUTE);
  const sign = minutes >= 0 ? "+" : "-";
  const hh = String(Math.floor(Math.abs(minutes) / 60)).padStart(2, "0");
  const mm = String(Math.abs(minutes) % 60).padStart(2, "0");
  return `${shifted.toISOString().slice(0, 19)}${sign}${hh}:${mm}`;
}
