// Stars against a real Postgres, through the real route and guard with a session cookie: each staff
// member's own (a colleague sees neither the star nor the conversation in their Starred view), the
// scope (404), bad bodies (400), the Starred view's order, paging, sort, filter and search, and no
// announcement to colleagues' inboxes (the row's change sequence stays).
import { beforeEach, describe, expect, it } from "vitest";
import { PUT } from "@/app/api/conversations/[id]/star/route";
import type { Viewer } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { listedConversation as conversation } from "@/tests/conversations";
import { allListPages as allPages, listIds as ids, listPage as list } from "@/tests/list-pages";
import { callRoute, resetToHarbourTeam } from "@/tests/viewers";
import { getConversation } from "./get-conversation";

const HOUR = 3_600_000;

const putStar = (id: string, options: { viewer?: Viewer; body?: string }) => callRoute(PUT, { method: "PUT", path: `/api/conversations/${id}/star`, params: { id }, ...options });

const star = (id: string, viewer: Viewer, starred = true) => putStar(id, { viewer, body: JSON.stringify({ starred }) });

describe("stars", () => {
  let admin: Viewer;
  let sam: Viewer;

  beforeEach(async () => {
    ({ admin, sam } = await resetToHarbourTeam());
  });

  it("are each staff member's own: on the row, in the detail and in the Starred view", async () => {
    const harbour = await conversation({ propertyId: "111", guestName: "Ana Souza" });
    const other = await conversation({ propertyId: "111", guestName: "Bea Lima", ago: 2 * HOUR });
    const seq = (await db().conversation.findUniqueOrThrow({ where: { id: harbour.id } })).changeSeq;

    expect(await star(harbour.id, admin)).toEqual({ status: 200, body: { starred: true } });
    // Twice is the same as once.
    expect(await star(harbour.id, admin)).toEqual({ status: 200, body: { starred: true } });
    expect(await db().conversationStar.count()).toBe(1);

    expect(await ids(admin, { view: "starred" })).toEqual([harbour.id]);
    expect((await list(admin)).items.map((item) => [item.id, item.starred])).toEqual([
      [harbour.id, true],
      [other.id, false],
    ]);
    expect((await getConversation(admin, harbour.id)).starred).toBe(true);
    // Sam sees the same conversation, without the admin's star.
    expect(await ids(sam, { view: "starred" })).toEqual([]);
    expect((await list(sam)).items.every((item) => !item.starred)).toBe(true);
    expect((await getConversation(sam, harbour.id)).starred).toBe(false);
    // Nobody else's inbox is told: the conversation itself did not change.
    expect((await db().conversation.findUniqueOrThrow({ where: { id: harbour.id } })).changeSeq).toBe(seq);

    // Sam's own star, then the admin takes theirs away: each keeps only their own.
    expect(await star(other.id, sam)).toEqual({ status: 200, body: { starred: true } });
    expect(await star(harbour.id, admin, false)).toEqual({ status: 200, body: { starred: false } });
    expect(await star(harbour.id, admin, false)).toEqual({ status: 200, body: { starred: false } });
    expect(await ids(admin, { view: "starred" })).toEqual([]);
    expect(await ids(sam, { view: "starred" })).toEqual([other.id]);
  });

  it("only on conversations the staff member may see, with a body that says true or false", async () => {
    const mountain = await conversation({ propertyId: "222" });
    const harbour = await conversation({ propertyId: "111" });
    // Outside Sam's properties, unknown, or not an id at all: the same 404, nothing learnt.
    for (const id of [mountain.id, "0b6f9d2e-3c4a-4f1b-8e7d-5a6b7c8d9e0f", "not-an-id"]) {
      expect(await star(id, sam)).toEqual({ status: 404, body: { error: { code: "not_found", message: "No such conversation." } } });
    }
    expect(await db().conversationStar.count()).toBe(0);

    for (const body of ["{}", '{"starred":"yes"}', '{"starred":true,"extra":1}', "not json", ""]) {
      const answer = await putStar(harbour.id, { viewer: sam, body });
      expect(answer.status, body).toBe(400);
      expect(answer.body, body).toMatchObject({ error: { code: "validation_failed" } });
    }
    expect(await putStar(harbour.id, { body: '{"starred":true}' })).toMatchObject({ status: 401, body: { error: { code: "unauthenticated" } } });
    expect(await db().conversationStar.count()).toBe(0);
  });

  it("the Starred view pages, sorts, filters and searches like the others", async () => {
    const starred: { id: string; propertyId: string }[] = [];
    for (let i = 0; i < 7; i++) {
      const row = await conversation({ propertyId: i % 2 ? "222" : "111", guestName: i === 3 ? "Zoë Lopes" : `Guest ${i}`, ago: (i + 1) * HOUR, waiting: i !== 5 });
      starred.push(row);
      await star(row.id, admin);
      await conversation({ propertyId: "111", ago: i * HOUR + 30 * 60_000 }); // not starred, in between
    }
    const recent = starred.map((row) => row.id); // created newest first
    const paged = await allPages(admin, { view: "starred", limit: 3 });
    expect(paged).toEqual({ ids: recent, pages: 3 });
    // Longest waiting first, then the one not waiting.
    const waiting = [...recent].reverse().filter((id) => id !== recent[5]);
    expect((await allPages(admin, { view: "starred", sort: "waiting", limit: 2 })).ids).toEqual([...waiting, recent[5]]);
    expect(await ids(admin, { view: "starred", property: "222" })).toEqual(starred.filter((row) => row.propertyId === "222").map((row) => row.id));
    expect(await ids(admin, { view: "starred", q: "zoe" })).toEqual([recent[3]]);
  });
});
