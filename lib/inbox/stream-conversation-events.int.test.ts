// The live stream when its server stops hearing changes (the LISTEN connection dropped: a database
// restart, a network blip). Postgres does not replay what it announced meanwhile, and the browser's
// stream stays open, so the stream itself must say so and, once it hears again, hand the browser a
// fresh `ready` to resync from (components/inbox/use-live-updates.ts). e2e/database-restart.spec.ts
// runs the same story with a real Postgres killed under `npm start`.
import { randomUUID } from "node:crypto";
import { Client } from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { resetToHarbourTeam } from "@/tests/viewers";
import { listedConversation } from "@/tests/conversations";
import { createLabel, deleteLabel, updateLabel } from "@/lib/admin/save-label";
import { assignConversation } from "./assign-conversation";
import { listConversationChanges } from "./list-conversation-changes";
import { markConversationRead, markConversationUnread } from "./mark-conversation-read";
import { setConversationStar } from "./star-conversation";
import { streamConversationEvents } from "./stream-conversation-events";

/** Reads a stream's events in order: `next(name)` skips to the next event of that name and returns its data. */
function eventReader(body: NonNullable<Response["body"]>) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  const queue: { name: string; data: string }[] = [];
  const seen: string[] = [];
  return {
    seen,
    async next(name: string): Promise<string> {
      for (;;) {
        const event = queue.shift();
        if (event) {
          seen.push(event.name);
          if (event.name === name) return event.data;
          continue;
        }
        const { value, done } = await reader.read();
        if (done) throw new Error(`the stream ended before "${name}" (saw: ${seen.join(", ")})`);
        const blocks = (buffer + value).split("\n\n");
        buffer = blocks.pop()!;
        for (const block of blocks) {
          const eventName = /^event: (.*)$/m.exec(block)?.[1];
          if (eventName) queue.push({ name: eventName, data: /^data: (.*)$/m.exec(block)?.[1] ?? "" });
        }
      }
    },
  };
}

describe("the live stream when its server stops hearing changes", () => {
  let admin: Viewer;
  let pg: Client;
  const abort = new AbortController();

  beforeEach(async () => {
    ({ admin } = await resetToHarbourTeam());
    pg = new Client({ connectionString: process.env.DATABASE_URL });
    await pg.connect();
  });

  afterEach(async () => {
    abort.abort();
    await pg.end();
  });

  it("says it was interrupted, then sends a fresh `ready` once it hears again, and the resync finds what changed in the gap", async () => {
    const row = await db().conversation.create({ data: { bookingId: randomUUID(), propertyId: "111", type: "reservation", reference: "5550001" } });
    const events = eventReader((await streamConversationEvents(admin, abort.signal)).body!);
    const cursor = BigInt(JSON.parse(await events.next("ready")).seq as string);

    // Postgres ends the server's LISTEN connection, as a restart would.
    const terminated = await pg.query("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'bellhop-listen-bellhop_changes'");
    expect(terminated.rowCount).toBe(1);
    await events.next("interrupted");

    // Committed while nobody listens (the listener retries after 500 ms): no `change` event can carry it.
    await assignConversation(admin, row.id, { userId: admin.id });

    const fresh = BigInt(JSON.parse(await events.next("ready")).seq as string);
    expect(fresh).toBeGreaterThan(cursor);
    // What the browser then asks for, from the cursor it had: the change made in the gap.
    const changes = await listConversationChanges(admin, cursor);
    expect(changes.changes.map((change) => change.conversationId)).toContain(row.id);
    expect(events.seen).toEqual(["ready", "interrupted", "ready"]);
  });
});

describe("a staff member's own state of a conversation, live", () => {
  const abort = new AbortController();
  afterEach(() => abort.abort());

  it("goes to that staff member's streams only, as read, unread, starred and unstarred", async () => {
    const { admin, sam } = await resetToHarbourTeam();
    const row = await listedConversation({ propertyId: "111" });
    const quiet = await listedConversation({ propertyId: "111", ago: null }); // no guest message: never unread
    const mine = eventReader((await streamConversationEvents(sam, abort.signal)).body!);
    const elsewhere = eventReader((await streamConversationEvents(sam, abort.signal)).body!); // another tab of Sam's
    const theAdmins = eventReader((await streamConversationEvents(admin, abort.signal)).body!);
    await Promise.all([mine.next("ready"), elsewhere.next("ready"), theAdmins.next("ready")]);

    await markConversationRead(sam, row.id);
    await markConversationUnread(sam, row.id);
    await setConversationStar(sam, row.id, true);
    await setConversationStar(sam, row.id, false);
    await markConversationRead(sam, quiet.id);
    await markConversationUnread(sam, quiet.id);
    const expected = [
      { conversationId: row.id, state: "read" },
      { conversationId: row.id, state: "unread" },
      { conversationId: row.id, state: "starred" },
      { conversationId: row.id, state: "unstarred" },
      { conversationId: quiet.id, state: "read" },
      { conversationId: quiet.id, state: "read" }, // "mark as unread" on it: it stays read
    ];
    for (const events of [mine, elsewhere]) {
      const received = [];
      for (let i = 0; i < expected.length; i++) received.push(JSON.parse(await events.next("viewer")));
      expect(received).toEqual(expected);
    }

    // The admin's stream heard none of Sam's: their own star is the first `viewer` event it gets.
    await setConversationStar(admin, quiet.id, true);
    expect(JSON.parse(await theAdmins.next("viewer"))).toEqual({ conversationId: quiet.id, state: "starred" });
    expect(theAdmins.seen.filter((name) => name === "viewer")).toHaveLength(1);
  });
});

describe("the team's labels, live", () => {
  const abort = new AbortController();
  afterEach(() => abort.abort());

  it("tells every stream, staff and admins alike, when an admin adds, renames or deletes a label", async () => {
    const { admin, sam } = await resetToHarbourTeam();
    const streams = [eventReader((await streamConversationEvents(sam, abort.signal)).body!), eventReader((await streamConversationEvents(admin, abort.signal)).body!)];
    await Promise.all(streams.map((events) => events.next("ready")));

    const label = await createLabel(admin, { name: "VIP", color: "amber" });
    for (const events of streams) expect(JSON.parse(await events.next("team"))).toEqual({ kind: "labels" });
    await updateLabel(admin, label.id, { name: "Very important", color: "pink" });
    for (const events of streams) expect(JSON.parse(await events.next("team"))).toEqual({ kind: "labels" });
    await deleteLabel(admin, label.id);
    for (const events of streams) expect(JSON.parse(await events.next("team"))).toEqual({ kind: "labels" });
  });
});

describe("a conversation's change, live", () => {
  const abort = new AbortController();
  afterEach(() => abort.abort());

  it("says whether a guest wrote: a newer guest message does, the team's own changes do not", async () => {
    const { admin } = await resetToHarbourTeam();
    const row = await listedConversation({ propertyId: "111" });
    const events = eventReader((await streamConversationEvents(admin, abort.signal)).body!);
    await events.next("ready");

    await assignConversation(admin, row.id, { userId: admin.id });
    expect(JSON.parse(await events.next("change"))).toMatchObject({ conversationId: row.id, guestWrote: false });
    // As the sync engine stores a guest's new message: the row's newest guest message, and the time it was stored, move on.
    await db().conversation.update({ where: { id: row.id }, data: { lastGuestMessageAt: new Date(), lastGuestStoredAt: new Date(), lastMessageSender: "guest" } });
    expect(JSON.parse(await events.next("change"))).toMatchObject({ conversationId: row.id, guestWrote: true });
    await markConversationRead(admin, row.id);
    await assignConversation(admin, row.id, { userId: null });
    expect(JSON.parse(await events.next("change"))).toMatchObject({ conversationId: row.id, guestWrote: false });
  });
});
