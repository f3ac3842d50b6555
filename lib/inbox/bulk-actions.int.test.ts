// Bulk actions from the list against a real Postgres, through the real route and guard: read and unread
// for this staff member only (and no read tag for the guest), "no reply needed" refused only where the
// guest wrote after the list showed the conversation, labels put on where the staff member may, one
// outcome per conversation (a refusal does not stop the others), and bad bodies as 400s.
import { beforeEach, describe, expect, it } from "vitest";
import { POST } from "@/app/api/conversations/bulk/route";
import type { Viewer } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { listedConversation as conversation, waitingConversation } from "@/tests/conversations";
import { listPage } from "@/tests/list-pages";
import { callRoute, resetToHarbourTeam } from "@/tests/viewers";
import { BULK_MAX } from "./bulk-limit";

const HOUR = 3_600_000;
const UNKNOWN = "0b6f9d2e-3c4a-4f1b-8e7d-5a6b7c8d9e0f";

const bulk = (viewer: Viewer | undefined, body: unknown) =>
  callRoute(POST, { method: "POST", path: "/api/conversations/bulk", params: {}, viewer, body: typeof body === "string" ? body : JSON.stringify(body) });
const unreadOf = async (viewer: Viewer) => Object.fromEntries((await listPage(viewer)).items.map((item) => [item.id, item.unread]));
const ok = (...ids: string[]) => ids.map((conversationId) => ({ conversationId, ok: true }));

describe("bulk actions from the list", () => {
  let admin: Viewer;
  let sam: Viewer;

  beforeEach(async () => {
    ({ admin, sam } = await resetToHarbourTeam());
  });

  it("mark read and unread for this staff member only, without telling the guest it was read", async () => {
    const first = await conversation({ propertyId: "111" });
    const second = await conversation({ propertyId: "111", ago: 2 * HOUR });
    expect(await bulk(admin, { conversationIds: [first.id, second.id, first.id], action: { type: "read" } })).toEqual({ status: 200, body: { results: ok(first.id, second.id) } });
    expect(await unreadOf(admin)).toEqual({ [first.id]: false, [second.id]: false });
    // Sam's are his own; and no read tag goes to Booking.com, as nobody opened the threads.
    expect(await unreadOf(sam)).toEqual({ [first.id]: true, [second.id]: true });
    expect(await db().outboundAction.count()).toBe(0);

    expect(await bulk(admin, { conversationIds: [second.id], action: { type: "unread" } })).toEqual({ status: 200, body: { results: ok(second.id) } });
    expect(await unreadOf(admin)).toEqual({ [first.id]: false, [second.id]: true });
  });

  it("mark no reply needed where the list showed the guest's newest message, and report the others", async () => {
    const now = Date.now();
    const thanks = await waitingConversation("111", [{ content: "Thanks!", at: new Date(now - HOUR) }]);
    const merci = await waitingConversation("111", [{ content: "Merci !", at: new Date(now - 2 * HOUR) }]);
    // The list showed its first message; the guest has written again since.
    const again = await waitingConversation("111", [
      { content: "Thank you", at: new Date(now - 3 * HOUR) },
      { content: "Oh, one more question", at: new Date(now - 60_000) },
    ]);
    const mountain = await waitingConversation("222", [{ content: "Danke", at: new Date(now - HOUR) }]);
    const seen = { [thanks]: new Date(now - HOUR).toISOString(), [merci]: new Date(now - 2 * HOUR).toISOString(), [again]: new Date(now - 3 * HOUR).toISOString(), [mountain]: new Date(now - HOUR).toISOString() };

    const answer = await bulk(sam, { conversationIds: [thanks, again, mountain, merci], action: { type: "no_reply_needed", value: true, seenGuestMessageAt: seen } });
    expect(answer).toEqual({
      status: 200,
      body: {
        results: [
          { conversationId: thanks, ok: true },
          { conversationId: again, ok: false, error: { code: "conflict", message: expect.stringContaining("The guest has written again") } },
          // Outside Sam's properties: as unknown as any id he cannot see.
          { conversationId: mountain, ok: false, error: { code: "not_found", message: "No such conversation." } },
          { conversationId: merci, ok: true },
        ],
      },
    });
    const marked = await db().conversation.findMany({ where: { noReplyNeeded: true }, select: { id: true } });
    expect(marked.map((row) => row.id).sort()).toEqual([thanks, merci].sort());
    // Each as the thread's toggle would: a line by Sam, and the tag queued for Booking.com.
    expect(await db().conversationActivity.count({ where: { kind: "no_reply_needed", actorId: sam.id } })).toBe(2);
    expect(await db().outboundAction.count({ where: { kind: "set_no_reply_needed" } })).toBe(2);
    expect((await listPage(sam, { view: "needs_reply" })).items.map((item) => item.id)).toEqual([again]);
  });

  it("put a label on where the staff member may, and name the label that is not there", async () => {
    const vip = await db().label.create({ data: { name: "VIP" } });
    const harbour = await conversation({ propertyId: "111" });
    const mountain = await conversation({ propertyId: "222" });
    expect((await bulk(sam, { conversationIds: [harbour.id, mountain.id, UNKNOWN], action: { type: "label", labelId: vip.id, applied: true } })).body).toEqual({
      results: [
        { conversationId: harbour.id, ok: true },
        { conversationId: mountain.id, ok: false, error: { code: "not_found", message: "No such conversation." } },
        { conversationId: UNKNOWN, ok: false, error: { code: "not_found", message: "No such conversation." } },
      ],
    });
    expect((await db().conversation.findUniqueOrThrow({ where: { id: harbour.id } })).labelIds).toEqual([vip.id]);
    expect((await db().conversation.findUniqueOrThrow({ where: { id: mountain.id } })).labelIds).toEqual([]);
    const gone = await bulk(admin, { conversationIds: [harbour.id], action: { type: "label", labelId: UNKNOWN, applied: true } });
    expect(gone.body).toEqual({ results: [{ conversationId: harbour.id, ok: false, error: { code: "not_found", message: expect.stringContaining("No such label") } }] });
    expect(await bulk(admin, { conversationIds: [harbour.id, mountain.id], action: { type: "label", labelId: vip.id, applied: false } })).toEqual({ status: 200, body: { results: ok(harbour.id, mountain.id) } });
    expect(await db().conversation.count({ where: { labelIds: { has: vip.id } } })).toBe(0);
  });

  it("snooze, refused where the guest wrote since, and assign to oneself where one may", async () => {
    const now = Date.now();
    const quiet = await waitingConversation("111", [{ content: "See you Friday", at: new Date(now - HOUR) }]);
    const again = await waitingConversation("111", [
      { content: "See you", at: new Date(now - 3 * HOUR) },
      { content: "Oh, and towels?", at: new Date(now - 60_000) },
    ]);
    const mountain = await waitingConversation("222", [{ content: "Bis dann", at: new Date(now - HOUR) }]);
    const until = new Date(now + 24 * HOUR).toISOString();
    const seen = { [quiet]: new Date(now - HOUR).toISOString(), [again]: new Date(now - 3 * HOUR).toISOString(), [mountain]: new Date(now - HOUR).toISOString() };
    const snoozed = await bulk(sam, { conversationIds: [quiet, again, mountain], action: { type: "snooze", until, seenGuestMessageAt: seen } });
    expect(snoozed.body).toEqual({
      results: [
        { conversationId: quiet, ok: true },
        { conversationId: again, ok: false, error: { code: "conflict", message: expect.stringContaining("The guest has written again") } },
        { conversationId: mountain, ok: false, error: { code: "not_found", message: "No such conversation." } },
      ],
    });
    expect((await listPage(sam, { view: "snoozed" })).items.map((item) => [item.id, item.snooze?.until])).toEqual([[quiet, until]]);
    // A time in the past is refused for each, with the snooze menu's own words.
    const past = await bulk(sam, { conversationIds: [again], action: { type: "snooze", until: new Date(now - HOUR).toISOString() } });
    expect(past.body).toMatchObject({ results: [{ conversationId: again, ok: false, error: { code: "validation_failed" } }] });

    expect(await bulk(sam, { conversationIds: [again, mountain], action: { type: "assign", userId: sam.id } })).toEqual({
      status: 200,
      body: { results: [{ conversationId: again, ok: true }, { conversationId: mountain, ok: false, error: { code: "not_found", message: "No such conversation." } }] },
    });
    expect((await listPage(sam, { view: "mine" })).items.map((item) => item.id)).toEqual([again]);
    expect(await bulk(sam, { conversationIds: [again], action: { type: "assign", userId: null } })).toEqual({ status: 200, body: { results: ok(again) } });
    expect((await listPage(sam, { view: "mine" })).items).toEqual([]);
  });

  it("take a body that names the conversations and one action, and a session", async () => {
    const harbour = await conversation({ propertyId: "111" });
    const tooMany = Array.from({ length: BULK_MAX + 1 }, () => harbour.id);
    for (const body of [
      {},
      { conversationIds: [], action: { type: "read" } },
      { conversationIds: tooMany, action: { type: "read" } },
      { conversationIds: ["not-an-id"], action: { type: "read" } },
      { conversationIds: [harbour.id] },
      { conversationIds: [harbour.id], action: { type: "delete" } },
      { conversationIds: [harbour.id], action: { type: "read", extra: 1 } },
      { conversationIds: [harbour.id], action: { type: "no_reply_needed" } },
      { conversationIds: [harbour.id], action: { type: "no_reply_needed", value: true, seenGuestMessageAt: { [harbour.id]: "yesterday" } } },
      { conversationIds: [harbour.id], action: { type: "label", labelId: "vip", applied: true } },
      "not json",
      [],
    ]) {
      const answer = await bulk(admin, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body, JSON.stringify(body)).toMatchObject({ error: { code: "validation_failed" } });
    }
    expect(await bulk(undefined, { conversationIds: [harbour.id], action: { type: "read" } })).toMatchObject({ status: 401 });
    expect(await db().conversationRead.count()).toBe(0);
  });
});
