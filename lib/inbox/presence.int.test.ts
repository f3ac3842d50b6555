// Presence against a real Postgres: who else has a conversation open, replying beating viewing,
// expiry without any job, leaving, the property scope, and the notifications that drive the live
// stream (including that the stream shows a staff member only the properties they were given).
import { randomUUID } from "node:crypto";
import { Client } from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { createViewer, resetToHarbourTeam } from "@/tests/viewers";
import { statusOf } from "@/tests/status-of";
import { getPresence, leavePresence, listPresenceInScope, recordPresence } from "./presence";
import { PRESENCE_TTL_MS } from "./presence-timing";
import { streamConversationEvents } from "./stream-conversation-events";

async function conversation(propertyId: string): Promise<string> {
  const row = await db().conversation.create({ data: { bookingId: randomUUID(), propertyId, type: "reservation", reference: String(Math.floor(Math.random() * 1e10)) } });
  return row.id;
}

const names = (presence: { others: { name: string; activity: string }[] }) => presence.others.map((other) => `${other.name}: ${other.activity}`);

describe("presence", () => {
  let admin: Viewer;
  let sam: Viewer;
  let bea: Viewer;
  let harbour: string;
  let mountain: string;

  beforeEach(async () => {
    ({ admin, sam } = await resetToHarbourTeam());
    bea = await createViewer("staff", ["111", "222"], "Bea Front");
    harbour = await conversation("111");
    mountain = await conversation("222");
  });

  it("shows each colleague once, replying over viewing across their tabs, and never the viewer", async () => {
    expect(await getPresence(admin, harbour)).toEqual({ others: [], refreshInMs: null });
    await recordPresence(sam, harbour, { tabId: randomUUID(), activity: "viewing" });
    await recordPresence(sam, harbour, { tabId: randomUUID(), activity: "replying" });
    const samsOwnView = await recordPresence(bea, harbour, { tabId: randomUUID(), activity: "viewing" });
    expect(names(samsOwnView)).toEqual(["Sam Staff: replying"]);

    const seen = await getPresence(admin, harbour);
    expect(names(seen)).toEqual(["Bea Front: viewing", "Sam Staff: replying"]);
    // The browser re-reads when the soonest presence is due to expire, a heartbeat's TTL from now.
    expect(seen.refreshInMs).toBeGreaterThan(PRESENCE_TTL_MS - 5_000);
    expect(seen.refreshInMs).toBeLessThanOrEqual(PRESENCE_TTL_MS);
    // Presence is per conversation.
    expect(await getPresence(admin, mountain)).toEqual({ others: [], refreshInMs: null });
  });

  it("a heartbeat updates the tab's activity instead of adding a tab", async () => {
    const tabId = randomUUID();
    await recordPresence(sam, harbour, { tabId, activity: "replying" });
    await recordPresence(sam, harbour, { tabId, activity: "viewing" });
    expect(names(await getPresence(admin, harbour))).toEqual(["Sam Staff: viewing"]);
    expect(await db().conversationPresence.count()).toBe(1);
  });

  it("stops counting a tab once it expired, with no job needed, and deletes long-expired rows on a later heartbeat", async () => {
    const tabId = randomUUID();
    await recordPresence(sam, harbour, { tabId, activity: "replying" });
    await db().$executeRaw`update conversation_presence set expires_at = now() - interval '1 second'`;
    expect(await getPresence(admin, harbour)).toEqual({ others: [], refreshInMs: null });

    await db().$executeRaw`update conversation_presence set expires_at = now() - interval '2 hours'`;
    await recordPresence(bea, mountain, { tabId: randomUUID(), activity: "viewing" });
    expect(await db().conversationPresence.findMany({ select: { userId: true } })).toEqual([{ userId: bea.id }]);
  });

  it("leaving removes the tab at once, and leaving again is harmless", async () => {
    const tabId = randomUUID();
    const otherTab = randomUUID();
    await recordPresence(sam, harbour, { tabId, activity: "viewing" });
    await recordPresence(sam, harbour, { tabId: otherTab, activity: "viewing" });
    expect(await leavePresence(sam, harbour, tabId)).toEqual({ left: true });
    expect(names(await getPresence(admin, harbour))).toEqual(["Sam Staff: viewing"]);
    expect(await leavePresence(sam, harbour, otherTab)).toEqual({ left: true });
    expect(await leavePresence(sam, harbour, otherTab)).toEqual({ left: false });
    expect(await getPresence(admin, harbour)).toEqual({ others: [], refreshInMs: null });
  });

  it("a tab cannot remove a colleague's presence", async () => {
    const tabId = randomUUID();
    await recordPresence(sam, harbour, { tabId, activity: "viewing" });
    expect(await leavePresence(bea, harbour, tabId)).toEqual({ left: false });
    expect(names(await getPresence(admin, harbour))).toEqual(["Sam Staff: viewing"]);
  });

  it("outside the viewer's properties the conversation does not exist, for reading, joining and leaving", async () => {
    expect(await statusOf(getPresence(sam, mountain))).toBe(404);
    expect(await statusOf(recordPresence(sam, mountain, { tabId: randomUUID(), activity: "viewing" }))).toBe(404);
    expect(await statusOf(leavePresence(sam, mountain, randomUUID()))).toBe(404);
    expect(await statusOf(getPresence(sam, randomUUID()))).toBe(404);
    expect(await statusOf(getPresence(sam, "not-a-uuid"))).toBe(404);
    expect(await db().conversationPresence.count()).toBe(0);
  });

  it("does not show a colleague who was deactivated", async () => {
    await recordPresence(sam, harbour, { tabId: randomUUID(), activity: "replying" });
    await db().user.update({ where: { id: sam.id }, data: { active: false } });
    expect(names(await getPresence(admin, harbour))).toEqual([]);
  });

  it("lists everyone's presence across the viewer's properties for the list's rows, never the viewer's own, and nothing outside their scope", async () => {
    expect(await listPresenceInScope(admin)).toEqual({ conversations: {}, refreshInMs: null });
    await recordPresence(sam, harbour, { tabId: randomUUID(), activity: "viewing" });
    await recordPresence(sam, harbour, { tabId: randomUUID(), activity: "replying" });
    await recordPresence(bea, harbour, { tabId: randomUUID(), activity: "viewing" });
    await recordPresence(bea, mountain, { tabId: randomUUID(), activity: "replying" });

    const adminSees = await listPresenceInScope(admin);
    expect(Object.fromEntries(Object.entries(adminSees.conversations).map(([id, others]) => [id, names({ others })]))).toEqual({
      [harbour]: ["Bea Front: viewing", "Sam Staff: replying"],
      [mountain]: ["Bea Front: replying"],
    });
    expect(adminSees.refreshInMs).toBeGreaterThan(PRESENCE_TTL_MS - 5_000);
    expect(adminSees.refreshInMs).toBeLessThanOrEqual(PRESENCE_TTL_MS);

    // Sam may see Harbour only, and does not see himself: Bea at Harbour, nothing of the Mountain Inn.
    const samSees = await listPresenceInScope(sam);
    expect(Object.keys(samSees.conversations)).toEqual([harbour]);
    expect(names({ others: samSees.conversations[harbour]! })).toEqual(["Bea Front: viewing"]);

    // Expired tabs and deactivated colleagues drop out, as in the thread.
    await db().$executeRaw`update conversation_presence set expires_at = now() - interval '1 second' where user_id = ${bea.id}::uuid`;
    await db().user.update({ where: { id: sam.id }, data: { active: false } });
    expect(await listPresenceInScope(admin)).toEqual({ conversations: {}, refreshInMs: null });
  });

  describe("notifications", () => {
    let listener: Client;
    let heard: { conversationId: string; propertyId: string }[];
    beforeEach(async () => {
      heard = [];
      listener = new Client({ connectionString: process.env.DATABASE_URL });
      await listener.connect();
      listener.on("notification", (message) => heard.push(JSON.parse(message.payload ?? "null") as (typeof heard)[number]));
      await listener.query("LISTEN bellhop_presence");
    });
    afterEach(async () => {
      await listener.end();
    });

    /** Notifications are delivered after the commit; a round trip on the listener's own connection flushes them. */
    async function heardSince(before: number) {
      await listener.query("select 1");
      return heard.slice(before);
    }

    it("announces joining, a change of activity, coming back after expiry and leaving, but not a plain heartbeat", async () => {
      const tabId = randomUUID();
      const harbourChange = { conversationId: harbour, propertyId: "111" };
      let mark = heard.length;
      await recordPresence(sam, harbour, { tabId, activity: "viewing" });
      expect(await heardSince(mark)).toEqual([harbourChange]);

      mark = heard.length;
      await recordPresence(sam, harbour, { tabId, activity: "viewing" });
      expect(await heardSince(mark)).toEqual([]);

      mark = heard.length;
      await recordPresence(sam, harbour, { tabId, activity: "replying" });
      expect(await heardSince(mark)).toEqual([harbourChange]);

      await db().$executeRaw`update conversation_presence set expires_at = now() - interval '1 second'`;
      mark = heard.length;
      await recordPresence(sam, harbour, { tabId, activity: "replying" });
      expect(await heardSince(mark)).toEqual([harbourChange]);

      mark = heard.length;
      await leavePresence(sam, harbour, tabId);
      expect(await heardSince(mark)).toEqual([harbourChange]);
    });
  });

  describe("the live stream", () => {
    it("tells a staff member about presence in their properties only", async () => {
      const abort = new AbortController();
      const response = await streamConversationEvents(sam, abort.signal);
      const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
      let received = "";
      const readUntil = async (text: string) => {
        while (!received.includes(text)) {
          const { value, done } = await reader.read();
          if (done) throw new Error(`stream ended before ${text}`);
          received += value;
        }
      };
      await readUntil("event: ready");
      // The stream listens before it sends `ready`; this presence is in a property Sam may not see…
      await recordPresence(bea, mountain, { tabId: randomUUID(), activity: "viewing" });
      // …and this one is in Sam's. Notifications arrive in commit order, so once Harbour's is here,
      // Mountain's would have been too.
      await recordPresence(bea, harbour, { tabId: randomUUID(), activity: "replying" });
      await readUntil(harbour);
      abort.abort();
      expect(received).toContain(`event: presence\ndata: ${JSON.stringify({ conversationId: harbour })}`);
      expect(received).not.toContain(mountain);
    });
  });
});
