// Assignment against a real Postgres: who may be assigned (and the 400s naming why not), the scope
// (404), the assignee on list rows and the detail, the change sequence, the Mine view's order, keyset
// paging and snooze filter, the clearing of a user's assignments when an admin takes their access away
// or deactivates them, the candidates for conversations chosen across properties, and the routes (PUT
// /api/conversations/[id]/assignee, GET …/assignees, GET /api/assignees) through
// the real guard with a real session cookie.
import { randomUUID } from "node:crypto";
import { Client } from "pg";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { PUT } from "@/app/api/conversations/[id]/assignee/route";
import { GET } from "@/app/api/conversations/[id]/assignees/route";
import { GET as GET_TEAM_ASSIGNEES } from "@/app/api/assignees/route";
import { updateStaff } from "@/lib/admin/update-staff";
import { AppError } from "@/lib/api/errors";
import { loadViewer, type Viewer } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { listedConversation } from "@/tests/conversations";
import { resetDatabase } from "@/tests/database";
import { callRoute, createViewer, sessionCookieFor } from "@/tests/viewers";
import { allListPages as allPages, listIds as ids, listPage as list } from "@/tests/list-pages";
import { statusOf } from "@/tests/status-of";
import { assignConversation, listAssignees, listAssigneesForProperties } from "./assign-conversation";
import { countConversations } from "./count-conversations";
import { getConversation } from "./get-conversation";
import { snoozeConversation } from "./snooze-conversation";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

const conversation = listedConversation;

const seqOf = async (id: string) => (await db().conversation.findUniqueOrThrow({ where: { id }, select: { changeSeq: true } })).changeSeq;
const assigneeOf = async (id: string) => (await db().conversation.findUniqueOrThrow({ where: { id }, select: { assigneeId: true } })).assigneeId;


async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("assignment", () => {
  let admin: Viewer;
  let sam: Viewer;

  beforeEach(async () => {
    await resetDatabase();
    await db().property.createMany({ data: [{ id: "111", name: "Harbour Hotel" }, { id: "222", name: "Casa do Rio Lisboa" }] });
    admin = await createViewer("admin", [], "Ada Admin");
    sam = await createViewer("staff", ["111"], "Sam Staff");
  });

  it("assigns to a colleague who sees the property, shows the assignee on the row and the detail, and unassigns", async () => {
    const row = await conversation();
    const other = await conversation({ ago: 2 * HOUR });
    expect((await getConversation(admin, row.id)).assignee).toBeNull();

    expect(await assignConversation(admin, row.id, { userId: sam.id })).toEqual({ assignee: { id: sam.id, name: "Sam Staff" } });
    expect((await getConversation(sam, row.id)).assignee).toEqual({ id: sam.id, name: "Sam Staff" });
    const items = (await list(admin)).items;
    expect(items.map((item) => [item.id, item.assignee])).toEqual([
      [row.id, { id: sam.id, name: "Sam Staff" }],
      [other.id, null],
    ]);
    const stored = await db().conversation.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.assignedAt).not.toBeNull();

    // Staff may assign too, to anyone who sees the property, an admin included.
    expect(await assignConversation(sam, row.id, { userId: admin.id })).toEqual({ assignee: { id: admin.id, name: "Ada Admin" } });
    expect((await getConversation(sam, row.id)).assignee).toEqual({ id: admin.id, name: "Ada Admin" });

    expect(await assignConversation(sam, row.id, { userId: null })).toEqual({ assignee: null });
    expect((await getConversation(admin, row.id)).assignee).toBeNull();
    expect(await db().conversation.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({ assigneeId: null, assignedAt: null });
  });

  it("moves the change sequence and notifies open inboxes on every real change, and not when nothing changes", async () => {
    const row = await conversation();
    const seq0 = await seqOf(row.id);
    const listener = new Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
    const heard: { conversationId: string; seq: number }[] = [];
    listener.on("notification", (notification) => heard.push(JSON.parse(notification.payload ?? "{}") as { conversationId: string; seq: number }));
    await listener.query("LISTEN bellhop_changes");
    try {
      await assignConversation(admin, row.id, { userId: sam.id });
      const seq1 = await seqOf(row.id);
      expect(seq1).toBeGreaterThan(seq0);
      // What lib/inbox/change-feed.ts forwards to the browsers: this conversation, at its new sequence.
      await vi.waitFor(() => expect(heard).toContainEqual(expect.objectContaining({ conversationId: row.id, seq: Number(seq1) })), { timeout: 5_000 });
    } finally {
      await listener.end();
    }
    const seq1 = await seqOf(row.id);
    // The same assignee again, or unassigning what is unassigned: nothing to tell anyone.
    await assignConversation(admin, row.id, { userId: sam.id });
    expect(await seqOf(row.id)).toBe(seq1);
    await assignConversation(admin, row.id, { userId: admin.id });
    const seq2 = await seqOf(row.id);
    expect(seq2).toBeGreaterThan(seq1);
    await assignConversation(admin, row.id, { userId: null });
    const seq3 = await seqOf(row.id);
    expect(seq3).toBeGreaterThan(seq2);
    await assignConversation(admin, row.id, { userId: null });
    expect(await seqOf(row.id)).toBe(seq3);
  });

  it("refuses, with a 400 naming the problem, someone without access to the property, a deactivated account and an unknown user", async () => {
    const lisbon = await conversation({ propertyId: "222" });
    const harbour = await conversation();
    const bea = await createViewer("staff", ["222"], "Bea Front");
    const gone = await createViewer("staff", ["111", "222"], "Gil Gone");
    await updateStaff(admin, gone.id, { active: false });

    const noAccess = await refusal(assignConversation(admin, lisbon.id, { userId: sam.id }));
    expect(noAccess).toMatchObject({ status: 400, code: "validation_failed", message: "Cannot assign: Sam Staff has no access to Casa do Rio Lisboa.", fields: { userId: "Sam Staff has no access to Casa do Rio Lisboa." } });
    expect((await refusal(assignConversation(admin, harbour.id, { userId: bea.id }))).message).toBe("Cannot assign: Bea Front has no access to Harbour Hotel.");
    expect((await refusal(assignConversation(admin, harbour.id, { userId: gone.id }))).message).toBe("Cannot assign: Gil Gone's account is deactivated.");
    const unknown = await refusal(assignConversation(sam, harbour.id, { userId: randomUUID() }));
    expect(unknown).toMatchObject({ status: 400, message: "Cannot assign: There is no such staff member." });
    expect(await assigneeOf(lisbon.id)).toBeNull();
    expect(await assigneeOf(harbour.id)).toBeNull();
    // Bea can have the Lisbon one.
    expect(await statusOf(assignConversation(admin, lisbon.id, { userId: bea.id }))).toBe("ok");
  });

  it("is a 404 outside the viewer's properties, whoever the assignee would be", async () => {
    const lisbon = await conversation({ propertyId: "222" });
    expect(await statusOf(assignConversation(sam, lisbon.id, { userId: admin.id }))).toBe(404);
    expect(await statusOf(assignConversation(sam, lisbon.id, { userId: null }))).toBe(404);
    expect(await statusOf(assignConversation(sam, lisbon.id, { userId: randomUUID() }))).toBe(404);
    expect(await statusOf(listAssignees(sam, lisbon.id))).toBe(404);
    expect(await statusOf(assignConversation(sam, "not-a-uuid", { userId: null }))).toBe(404);
    expect(await assigneeOf(lisbon.id)).toBeNull();
  });

  it("offers the active users who see the property, admins included, by name", async () => {
    const harbour = await conversation();
    const lisbon = await conversation({ propertyId: "222" });
    const zoe = await createViewer("staff", ["111"], "zoë Night");
    await createViewer("staff", ["222"], "Bea Front");
    const gone = await createViewer("staff", ["111"], "Ana Gone");
    await updateStaff(admin, gone.id, { active: false });
    const chef = await createViewer("admin", [], "Carl Chef");

    expect((await listAssignees(sam, harbour.id)).assignees).toEqual([
      { id: admin.id, name: "Ada Admin" },
      { id: chef.id, name: "Carl Chef" },
      { id: sam.id, name: "Sam Staff" },
      { id: zoe.id, name: "zoë Night" },
    ]);
    expect((await listAssignees(admin, lisbon.id)).assignees.map((candidate) => candidate.name)).toEqual(["Ada Admin", "Bea Front", "Carl Chef"]);
  });

  it("offers, for conversations chosen across properties, only those who see every one of them; outside the scope is a 404", async () => {
    const carla = await createViewer("staff", ["111", "222"], "Carla Colleague");
    await createViewer("staff", ["222"], "Bea Front");
    const chef = await createViewer("admin", [], "Carl Chef");
    const names = async (viewer: Viewer, propertyIds: string[]) => (await listAssigneesForProperties(viewer, propertyIds)).assignees.map((candidate) => candidate.name);

    expect(await names(admin, ["111", "222"])).toEqual(["Ada Admin", "Carl Chef", "Carla Colleague"]);
    expect(await names(admin, ["222", "222"])).toEqual(["Ada Admin", "Bea Front", "Carl Chef", "Carla Colleague"]);
    expect(await names(carla, ["111"])).toEqual(["Ada Admin", "Carl Chef", "Carla Colleague", "Sam Staff"]);
    expect(await statusOf(listAssigneesForProperties(sam, ["111", "222"]))).toBe(404);

    // Through the route and the real guard: the properties as repeated `property` parameters.
    const call = (viewer: Viewer | undefined, query: string) => callRoute(GET_TEAM_ASSIGNEES, { method: "GET", path: `/api/assignees?${query}`, params: {}, viewer });
    expect(await call(carla, "property=111&property=222")).toEqual({
      status: 200,
      body: { assignees: [{ id: admin.id, name: "Ada Admin" }, { id: chef.id, name: "Carl Chef" }, { id: carla.id, name: "Carla Colleague" }] },
    });
    expect((await call(sam, "property=222")).status).toBe(404);
    expect((await call(sam, "")).status).toBe(400);
    expect((await call(sam, "property=abc")).status).toBe(400);
    expect((await call(undefined, "property=111")).status).toBe(401);
  });

  it("lists Mine: the viewer's assignments, not snoozed, by recent activity or longest waiting, paged without repeats or gaps", async () => {
    const carla = await createViewer("staff", ["111", "222"], "Carla Colleague");
    const tie = new Date(Date.now() - 5 * HOUR);
    const mine = [
      await conversation({ ago: 3 * HOUR, waiting: false }),
      await conversation({ ago: 1 * HOUR }),
      await conversation({ at: tie }),
      await conversation({ at: tie, propertyId: "222", waiting: false }),
      await conversation({ ago: 8 * HOUR }),
      await conversation({ ago: 30 * MINUTE, waiting: false }),
      await conversation({ ago: 2 * HOUR, propertyId: "222" }),
      await conversation({ ago: null }), // no message yet: after every conversation that has one
    ];
    const snoozed = await conversation({ ago: 10 * MINUTE });
    const carlas = await conversation({ ago: 20 * MINUTE });
    await conversation({ ago: 15 * MINUTE }); // nobody's
    for (const row of [...mine, snoozed]) await assignConversation(carla, row.id, { userId: carla.id });
    await assignConversation(carla, carlas.id, { userId: sam.id });
    await snoozeConversation(carla, snoozed.id, { until: null });

    const stored = await db().conversation.findMany({ where: { id: { in: mine.map((row) => row.id) } } });
    const at = (row: (typeof stored)[number]) => row.lastMessageAt?.getTime() ?? null;
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : 1);
    const withMessages = stored.filter((row) => at(row) !== null);
    const recent = [...withMessages.toSorted((a, b) => at(b)! - at(a)! || byId(a, b)), ...stored.filter((row) => at(row) === null)].map((row) => row.id);
    const waitingFirst = [
      ...stored.filter((row) => row.needsReplySince).toSorted((a, b) => a.needsReplySince!.getTime() - b.needsReplySince!.getTime() || byId(a, b)),
      ...withMessages.filter((row) => !row.needsReplySince).toSorted((a, b) => at(b)! - at(a)! || byId(a, b)),
      ...stored.filter((row) => at(row) === null),
    ].map((row) => row.id);

    // Page sizes that end mid-segment, exactly on a segment boundary, and everything at once.
    for (const limit of [1, 2, 3, 4, 7, 50]) {
      const byRecent = await allPages(carla, { view: "mine", limit });
      expect(byRecent.ids, `recent, limit ${limit}`).toEqual(recent);
      const byWaiting = await allPages(carla, { view: "mine", sort: "waiting", limit });
      expect(byWaiting.ids, `waiting, limit ${limit}`).toEqual(waitingFirst);
    }
    // The property filter and a search narrow it like any view.
    expect(await ids(carla, { view: "mine", property: "222" })).toEqual(recent.filter((id) => stored.find((row) => row.id === id)!.propertyId === "222"));
    expect(await ids(carla, { view: "mine", q: "souza" })).toEqual(recent);
    // Sam's Mine has his one; the snoozed one is in Carla's Snoozed view, with its assignee.
    expect(await ids(sam, { view: "mine" })).toEqual([carlas.id]);
    const snoozedView = (await list(carla, { view: "snoozed" })).items;
    expect(snoozedView.map((item) => [item.id, item.assignee?.name])).toEqual([[snoozed.id, "Carla Colleague"]]);
    // Each row of Mine names its assignee.
    expect((await list(carla, { view: "mine" })).items.every((item) => item.assignee?.id === carla.id)).toBe(true);
    // The unread count does not depend on assignment.
    expect((await countConversations(carla)).unread).toBe(9);
  });

  it("unassigns a staff member from a property's conversations when an admin takes that property away, and from all of them when deactivated", async () => {
    const carla = await createViewer("staff", ["111", "222"], "Carla Colleague");
    const harbour = await conversation();
    const lisbon = await conversation({ propertyId: "222" });
    const samHarbour = await conversation();
    await assignConversation(admin, harbour.id, { userId: carla.id });
    await assignConversation(admin, lisbon.id, { userId: carla.id });
    await assignConversation(admin, samHarbour.id, { userId: sam.id });
    const lisbonSeq = await seqOf(lisbon.id);
    const harbourSeq = await seqOf(harbour.id);

    // A change that takes nothing away clears nothing.
    await updateStaff(admin, carla.id, { name: "Carla C." });
    expect(await assigneeOf(harbour.id)).toBe(carla.id);
    expect(await seqOf(harbour.id)).toBe(harbourSeq);

    await updateStaff(admin, carla.id, { propertyIds: ["111"] });
    expect(await assigneeOf(lisbon.id)).toBeNull();
    expect(await seqOf(lisbon.id)).toBeGreaterThan(lisbonSeq); // open inboxes hear it
    expect(await assigneeOf(harbour.id)).toBe(carla.id);
    expect(await ids(await loadViewer(carla.id), { view: "mine" })).toEqual([harbour.id]);

    await updateStaff(admin, carla.id, { active: false });
    expect(await assigneeOf(harbour.id)).toBeNull();
    expect(await db().conversation.findUniqueOrThrow({ where: { id: harbour.id } })).toMatchObject({ assigneeId: null, assignedAt: null });
    // Nobody else's assignments move.
    expect(await assigneeOf(samHarbour.id)).toBe(sam.id);
  });

  it("keeps an admin's assignments when they become staff of that property, and clears the others", async () => {
    const other = await createViewer("admin", [], "Otto Other");
    const harbour = await conversation();
    const lisbon = await conversation({ propertyId: "222" });
    await assignConversation(admin, harbour.id, { userId: other.id });
    await assignConversation(admin, lisbon.id, { userId: other.id });
    await updateStaff(admin, other.id, { role: "staff", propertyIds: ["111"] });
    expect(await assigneeOf(harbour.id)).toBe(other.id);
    expect(await assigneeOf(lisbon.id)).toBeNull();
  });

  it("a deleted user's assignments just end", async () => {
    const carla = await createViewer("staff", ["111"], "Carla Colleague");
    const row = await conversation();
    await assignConversation(admin, row.id, { userId: carla.id });
    await db().user.delete({ where: { id: carla.id } });
    expect((await getConversation(admin, row.id)).assignee).toBeNull();
    expect(await ids(admin, { view: "all" })).toEqual([row.id]);
  });

  describe("the routes", () => {
    async function call(method: "PUT" | "GET", id: string, options: { viewer?: Viewer; body?: string } = {}) {
      const headers: Record<string, string> = { "content-type": "application/json" };
      if (options.viewer) headers.cookie = await sessionCookieFor(options.viewer);
      const path = method === "PUT" ? "assignee" : "assignees";
      const request = new Request(`http://bellhop.test/api/conversations/${id}/${path}`, { method, headers, body: options.body });
      const response = await (method === "PUT" ? PUT : GET)(request, { params: Promise.resolve({ id }) });
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    }

    it("assigns, unassigns and lists the candidates", async () => {
      const row = await conversation();
      expect(await call("GET", row.id, { viewer: sam })).toEqual({ status: 200, body: { assignees: [{ id: admin.id, name: "Ada Admin" }, { id: sam.id, name: "Sam Staff" }] } });
      expect(await call("PUT", row.id, { viewer: admin, body: JSON.stringify({ userId: sam.id }) })).toEqual({ status: 200, body: { assignee: { id: sam.id, name: "Sam Staff" } } });
      expect(await ids(sam, { view: "mine" })).toEqual([row.id]);
      expect(await call("PUT", row.id, { viewer: sam, body: JSON.stringify({ userId: null }) })).toEqual({ status: 200, body: { assignee: null } });
      expect(await ids(sam, { view: "mine" })).toEqual([]);
    });

    it("answers a refused candidate and a malformed body with 400, outside the scope with 404, without a session with 401", async () => {
      const lisbon = await conversation({ propertyId: "222" });
      expect(await call("PUT", lisbon.id, { viewer: admin, body: JSON.stringify({ userId: sam.id }) })).toEqual({
        status: 400,
        body: { error: { code: "validation_failed", message: "Cannot assign: Sam Staff has no access to Casa do Rio Lisboa.", fields: { userId: "Sam Staff has no access to Casa do Rio Lisboa." } } },
      });
      for (const body of [JSON.stringify({ userId: "sam" }), JSON.stringify({}), JSON.stringify({ userId: null, extra: 1 }), "userId=x", undefined]) {
        const response = await call("PUT", lisbon.id, { viewer: admin, body });
        expect(response.status, String(body)).toBe(400);
        expect((response.body as { error: { code: string; message: string } }).error.message, String(body)).toMatch(/^Invalid assignee/);
      }
      const notFound = { status: 404, body: { error: { code: "not_found", message: "No such conversation." } } };
      expect(await call("PUT", lisbon.id, { viewer: sam, body: JSON.stringify({ userId: sam.id }) })).toEqual(notFound);
      expect(await call("PUT", lisbon.id, { viewer: sam, body: JSON.stringify({ userId: null }) })).toEqual(notFound);
      expect(await call("GET", lisbon.id, { viewer: sam })).toEqual(notFound);
      expect(await call("GET", randomUUID(), { viewer: admin })).toEqual(notFound);
      expect((await call("PUT", lisbon.id, { body: JSON.stringify({ userId: null }) })).status).toBe(401);
      expect((await call("GET", lisbon.id)).status).toBe(401);
      expect(await assigneeOf(lisbon.id)).toBeNull();
    });
  });
});
