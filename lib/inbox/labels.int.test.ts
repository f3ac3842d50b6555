// Labels against a real Postgres, through the real routes and guard with a session cookie: admins keep
// the team's set (unique names whatever the case, a colour, audited), every staff member puts them on
// the conversations they may see (idempotent, a line in the thread, every open inbox told through the
// row's change sequence), the list filters by them (with views, the property filter and paging), and
// deleting a label takes it off every conversation, also while someone is putting it on one.
import { beforeEach, describe, expect, it } from "vitest";
import { DELETE as deleteLabelRoute, PUT as updateLabelRoute } from "@/app/api/admin/labels/[labelId]/route";
import { POST as createLabelRoute } from "@/app/api/admin/labels/route";
import { PUT as putConversationLabel } from "@/app/api/conversations/[id]/labels/route";
import { GET as listLabelsRoute } from "@/app/api/labels/route";
import type { Viewer } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { listedConversation as conversation } from "@/tests/conversations";
import { allListPages, listIds as ids, listPage } from "@/tests/list-pages";
import { callRoute, resetToHarbourTeam } from "@/tests/viewers";
import { getConversation } from "./get-conversation";
import { LABELS_MAX, type Label } from "./label-colors";
import { listThreadMessages } from "./list-thread-messages";

const HOUR = 3_600_000;

const create = (viewer: Viewer | undefined, body: unknown) =>
  callRoute(createLabelRoute, { method: "POST", path: "/api/admin/labels", params: {}, viewer, body: typeof body === "string" ? body : JSON.stringify(body) });
const update = (viewer: Viewer, labelId: string, body: unknown) =>
  callRoute(updateLabelRoute, { method: "PUT", path: `/api/admin/labels/${labelId}`, params: { labelId }, viewer, body: JSON.stringify(body) });
const remove = (viewer: Viewer, labelId: string) => callRoute(deleteLabelRoute, { method: "DELETE", path: `/api/admin/labels/${labelId}`, params: { labelId }, viewer });
const labels = async (viewer: Viewer) => ((await callRoute(listLabelsRoute, { method: "GET", path: "/api/labels", params: {}, viewer })).body as { labels: Label[] }).labels;
const label = (viewer: Viewer, id: string, labelId: string, applied = true, body?: string) =>
  callRoute(putConversationLabel, { method: "PUT", path: `/api/conversations/${id}/labels`, params: { id }, viewer, body: body ?? JSON.stringify({ labelId, applied }) });

async function made(admin: Viewer, name: string, color = "slate"): Promise<Label> {
  const answer = await create(admin, { name, color });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  return (answer.body as { label: Label }).label;
}

const changeSeq = async (id: string) => (await db().conversation.findUniqueOrThrow({ where: { id } })).changeSeq;
const activityLines = async (viewer: Viewer, id: string) =>
  (await listThreadMessages(viewer, id, { limit: 50 })).messages.flatMap((message) => (message.activity ? [[message.activity.kind, message.activity.actorName, message.activity.labelName]] : []));

describe("labels", () => {
  let admin: Viewer;
  let sam: Viewer;

  beforeEach(async () => {
    ({ admin, sam } = await resetToHarbourTeam());
  });

  it("are kept by admins, seen by everyone, unique whatever the case, and audited", async () => {
    const vip = await made(admin, "  VIP ", "amber");
    expect(vip).toEqual({ id: expect.any(String), name: "VIP", color: "amber" });
    await made(admin, "Late arrival");
    // Sorted by name for everyone's menus; a staff member sees them but cannot add one.
    expect((await labels(sam)).map((item) => item.name)).toEqual(["Late arrival", "VIP"]);
    expect(await create(sam, { name: "Mine" })).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
    expect(await create(undefined, { name: "Mine" })).toMatchObject({ status: 401 });

    expect(await create(admin, { name: "vip" })).toEqual({
      status: 409,
      body: { error: { code: "conflict", message: "There is a label called “vip” already.", fields: { name: "Another label has this name" } } },
    });
    for (const body of [{}, { name: "" }, { name: "   " }, { name: "x".repeat(31) }, { name: "Two\nlines" }, { name: "Ok", color: "gold" }, { name: "Ok", extra: 1 }, [], null, "not json"]) {
      const answer = await create(admin, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
    }

    expect(await update(admin, vip.id, { name: "V.I.P.", color: "violet" })).toEqual({ status: 200, body: { label: { id: vip.id, name: "V.I.P.", color: "violet" } } });
    expect(await update(admin, vip.id, { name: "late ARRIVAL" })).toMatchObject({ status: 409, body: { error: { fields: { name: "Another label has this name" } } } });
    // Its own name in another case is not a clash.
    expect(await update(admin, vip.id, { name: "v.i.p.", color: "violet" })).toMatchObject({ status: 200 });
    for (const id of ["0b6f9d2e-3c4a-4f1b-8e7d-5a6b7c8d9e0f", "not-an-id"]) {
      expect(await update(admin, id, { name: "Other" })).toMatchObject({ status: 404, body: { error: { message: "No such label." } } });
      expect(await remove(admin, id)).toMatchObject({ status: 404 });
    }
    expect(await update(sam, vip.id, { name: "Sam's" })).toMatchObject({ status: 403 });
    expect(await remove(sam, vip.id)).toMatchObject({ status: 403 });

    const audit = await db().auditLog.findMany({ where: { targetType: "label" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((entry) => [entry.action, entry.actorEmail])).toEqual([
      ["label.create", admin.email],
      ["label.create", admin.email],
      ["label.update", admin.email],
      ["label.update", admin.email],
    ]);
  });

  it(`stop at ${LABELS_MAX} for the team`, async () => {
    await db().label.createMany({ data: Array.from({ length: LABELS_MAX - 1 }, (_, index) => ({ name: `Label ${index}` })) });
    await made(admin, "The last one");
    expect(await create(admin, { name: "One too many" })).toMatchObject({ status: 400, body: { error: { message: `The team has ${LABELS_MAX} labels already: delete one first.` } } });
    expect(await db().label.count()).toBe(LABELS_MAX);
  });

  it("are put on and taken off by anyone who sees the conversation: on the row, a line in the thread, every inbox told", async () => {
    const vip = await made(admin, "VIP", "amber");
    const late = await made(admin, "Late arrival");
    const harbour = await conversation({ propertyId: "111", guestName: "Ana Souza" });
    const other = await conversation({ propertyId: "111", guestName: "Bea Lima", ago: 2 * HOUR });
    const before = await changeSeq(harbour.id);

    expect(await label(sam, harbour.id, vip.id)).toEqual({ status: 200, body: { labelIds: [vip.id] } });
    // Twice is once: no second line, no second announcement.
    const afterOne = await changeSeq(harbour.id);
    expect(afterOne > before).toBe(true);
    expect(await label(sam, harbour.id, vip.id)).toEqual({ status: 200, body: { labelIds: [vip.id] } });
    expect(await changeSeq(harbour.id)).toBe(afterOne);
    expect(await label(admin, harbour.id, late.id)).toEqual({ status: 200, body: { labelIds: [vip.id, late.id] } });

    // Everyone sees them, on the row and in the detail.
    for (const viewer of [admin, sam]) {
      expect((await listPage(viewer)).items.map((item) => [item.id, item.labelIds])).toEqual([
        [harbour.id, [vip.id, late.id]],
        [other.id, []],
      ]);
      expect((await getConversation(viewer, harbour.id)).labelIds).toEqual([vip.id, late.id]);
    }

    // Taken off: once, whoever put it on.
    expect(await label(admin, harbour.id, vip.id, false)).toEqual({ status: 200, body: { labelIds: [late.id] } });
    expect(await label(admin, harbour.id, vip.id, false)).toEqual({ status: 200, body: { labelIds: [late.id] } });
    // The thread's lines, newest first, name who did it and the label.
    expect(await activityLines(sam, harbour.id)).toEqual([
      ["unlabelled", "Ada Admin", "VIP"],
      ["labelled", "Ada Admin", "Late arrival"],
      ["labelled", "Sam Staff", "VIP"],
    ]);
    expect(await activityLines(sam, other.id)).toEqual([]);
  });

  it("filter the list, with every view, the property filter and paging", async () => {
    const vip = await made(admin, "VIP");
    const labelled: string[] = [];
    for (let index = 0; index < 7; index++) {
      const row = await conversation({ propertyId: index % 2 === 0 ? "111" : "222", ago: index * HOUR, waiting: index < 4, guestName: index === 2 ? "Zoë Lindqvist" : "Ana Souza" });
      if (index !== 3) {
        expect((await label(admin, row.id, vip.id)).status).toBe(200);
        labelled.push(row.id);
      }
    }
    const namesake = await conversation({ propertyId: "111", ago: 30 * 60_000, guestName: "Zoe Lindqvist" });

    expect(await ids(admin, { label: vip.id })).toEqual(labelled);
    // Paged four at a time: every labelled conversation once, in order.
    expect(await allListPages(admin, { label: vip.id, limit: 4 })).toEqual({ ids: labelled, pages: 2 });
    // Needs reply keeps its own order, the longest waiting first.
    expect(await ids(admin, { label: vip.id, view: "needs_reply" })).toEqual(labelled.slice(0, 3).toReversed());
    expect(await ids(admin, { label: vip.id, property: "222" })).toEqual([labelled[1], labelled[4]]);
    // Sam sees Harbour's only.
    expect(await ids(sam, { label: vip.id })).toEqual([labelled[0], labelled[2], labelled[3], labelled[5]]);
    // With a search: only the labelled one of the two guests the search finds.
    expect(await ids(admin, { q: "zoe" })).toEqual([namesake.id, labelled[2]]);
    expect(await ids(admin, { q: "zoe", label: vip.id })).toEqual([labelled[2]]);
    // An unknown label lists nothing; a malformed one is a 400 at the route (the query schema).
    expect(await ids(admin, { label: "0b6f9d2e-3c4a-4f1b-8e7d-5a6b7c8d9e0f" })).toEqual([]);
  });

  it("only on conversations the staff member may see, with a label that exists, at most five, with a body that says which", async () => {
    const vip = await made(admin, "VIP");
    const mountain = await conversation({ propertyId: "222" });
    const harbour = await conversation({ propertyId: "111" });
    for (const id of [mountain.id, "0b6f9d2e-3c4a-4f1b-8e7d-5a6b7c8d9e0f", "not-an-id"]) {
      expect(await label(sam, id, vip.id)).toEqual({ status: 404, body: { error: { code: "not_found", message: "No such conversation." } } });
    }
    expect(await label(sam, harbour.id, "0b6f9d2e-3c4a-4f1b-8e7d-5a6b7c8d9e0f")).toMatchObject({ status: 404, body: { error: { message: expect.stringContaining("No such label") } } });
    // Taking off a label that is not there (or no longer exists) is no error: it is off.
    expect(await label(sam, harbour.id, "0b6f9d2e-3c4a-4f1b-8e7d-5a6b7c8d9e0f", false)).toEqual({ status: 200, body: { labelIds: [] } });
    for (const body of ["{}", `{"labelId":"${vip.id}"}`, `{"labelId":"vip","applied":true}`, `{"labelId":"${vip.id}","applied":"yes"}`, `{"labelId":"${vip.id}","applied":true,"x":1}`, "not json", ""]) {
      const answer = await label(sam, harbour.id, vip.id, true, body);
      expect(answer.status, body).toBe(400);
      expect(answer.body, body).toMatchObject({ error: { code: "validation_failed" } });
    }
    expect(await callRoute(putConversationLabel, { method: "PUT", path: "/", params: { id: harbour.id }, body: JSON.stringify({ labelId: vip.id, applied: true }) })).toMatchObject({ status: 401 });
    expect((await db().conversation.findUniqueOrThrow({ where: { id: harbour.id } })).labelIds).toEqual([]);

    const five = [vip, ...(await Promise.all(["A", "B", "C", "D", "E"].map((name) => made(admin, name))))];
    for (const item of five.slice(0, 5)) expect((await label(sam, harbour.id, item.id)).status).toBe(200);
    expect(await label(sam, harbour.id, five[5]!.id)).toMatchObject({ status: 400, body: { error: { message: "A conversation can have at most 5 labels: take one off first." } } });
  });

  it("deleted or renamed: off every conversation at once, and the thread keeps its lines as they were, plus one saying it went", async () => {
    const vip = await made(admin, "VIP");
    const late = await made(admin, "Late arrival");
    const first = await conversation({ propertyId: "111" });
    const second = await conversation({ propertyId: "222", ago: 2 * HOUR });
    for (const id of [first.id, second.id]) await label(admin, id, vip.id);
    await label(admin, first.id, late.id);
    await update(admin, vip.id, { name: "Very important", color: "red" });
    const seq = await changeSeq(second.id);

    expect(await remove(admin, vip.id)).toEqual({ status: 200, body: { conversations: 2 } });
    expect((await getConversation(admin, first.id)).labelIds).toEqual([late.id]);
    expect((await getConversation(admin, second.id)).labelIds).toEqual([]);
    // Every inbox showing the chip is told.
    expect((await changeSeq(second.id)) > seq).toBe(true);
    expect(await ids(admin, { label: vip.id })).toEqual([]);
    expect(await activityLines(admin, first.id)).toEqual([
      ["unlabelled", "Ada Admin", "Very important"],
      ["labelled", "Ada Admin", "Late arrival"],
      ["labelled", "Ada Admin", "VIP"],
    ]);
    expect(await activityLines(admin, second.id)).toEqual([
      ["unlabelled", "Ada Admin", "Very important"],
      ["labelled", "Ada Admin", "VIP"],
    ]);
    expect((await labels(admin)).map((item) => item.name)).toEqual(["Late arrival"]);
    expect(await db().auditLog.findFirst({ where: { action: "label.delete" }, select: { before: true } })).toEqual({
      before: { id: vip.id, name: "Very important", color: "red", conversations: 2 },
    });
  });

  it("deleted while someone puts it on a conversation: no conversation is left with a label that is gone", async () => {
    const rows = await Promise.all(Array.from({ length: 6 }, (_, index) => conversation({ propertyId: "111", ago: index * HOUR })));
    for (let round = 0; round < 8; round++) {
      const doomed = await made(admin, `Doomed ${round}`);
      const answers = await Promise.all([
        ...rows.map((row) => label(sam, row.id, doomed.id)),
        remove(admin, doomed.id),
        ...rows.map((row) => label(admin, row.id, doomed.id)),
      ]);
      // Each one either went first (and the delete took it off again) or found no label.
      for (const answer of answers) expect([200, 404]).toContain(answer.status);
      const left = await db().conversation.count({ where: { labelIds: { has: doomed.id } } });
      expect(left, `round ${round}`).toBe(0);
    }
  });
});
