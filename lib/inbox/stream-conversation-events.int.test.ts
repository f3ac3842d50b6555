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
import { assignConversation } from "./assign-conversation";
import { listConversationChanges } from "./list-conversation-changes";
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
