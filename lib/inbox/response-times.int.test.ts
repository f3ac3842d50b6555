// The response-time report against a real Postgres, on a small history whose figures are worked out
// by hand: runs of guest messages are one wait, templates and failed sends do not answer, Extranet
// replies do, the period and the property scope hold.
import { randomUUID } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { resetToHarbourTeam } from "@/tests/viewers";
import { statusOf } from "@/tests/status-of";
import { getResponseTimes } from "./response-times";
import { reportQuery } from "./schemas";

const NOW = new Date("2026-03-31T12:00:00Z");
const MINUTE = 60_000;
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * MINUTE);

type Line = { from: "guest" | "property"; at: Date; type?: string; author?: Viewer; state?: "sent" | "failed" };

/** A conversation with these messages; its inbox columns as the sync engine would leave them. */
async function conversation(propertyId: string, lines: Line[], needsReplySince: Date | null = null) {
  const last = lines.reduce((latest, line) => (line.at > latest ? line.at : latest), lines[0]!.at);
  const row = await db().conversation.create({
    data: { bookingId: randomUUID(), propertyId, type: "reservation", reference: String(Math.floor(Math.random() * 1e10)), lastMessageAt: last, needsReplySince },
  });
  for (const line of lines) {
    await db().message.create({
      data: {
        bookingId: line.state === "failed" ? null : randomUUID(),
        conversationId: row.id,
        propertyId,
        senderType: line.from,
        messageType: line.type ?? "free_text",
        content: "…",
        sentAt: line.at,
        authorId: line.author?.id ?? null,
        sendState: line.state ?? null,
      },
    });
  }
}

const report = (viewer: Viewer, query: Record<string, string> = {}) => getResponseTimes(viewer, reportQuery.parse(query), NOW);

describe("response times", () => {
  let admin: Viewer;
  let sam: Viewer;

  beforeEach(async () => {
    ({ admin, sam } = await resetToHarbourTeam());
    // Harbour: two guest messages then Sam's reply (one wait of 60 min, from the first message); later
    // a guest message, an automatic template (not an answer) and an Extranet reply (30 min).
    await conversation("111", [
      { from: "guest", at: ago(600) },
      { from: "guest", at: ago(590) },
      { from: "property", at: ago(540), author: sam, state: "sent" },
      { from: "guest", at: ago(120) },
      { from: "property", at: ago(119), type: "automatically_sent_template" },
      { from: "property", at: ago(90) },
    ]);
    // Harbour: waiting for 40 minutes now.
    await conversation("111", [{ from: "guest", at: ago(40) }], ago(40));
    // Harbour: 50 days ago, never answered: outside the 30-day period.
    await conversation("111", [{ from: "guest", at: ago(50 * 24 * 60) }]);
    // Mountain: the admin's first reply failed to send, the second went out two hours after the guest wrote.
    await conversation("222", [
      { from: "guest", at: ago(180) },
      { from: "property", at: ago(120), author: admin, state: "failed" },
      { from: "property", at: ago(60), author: admin, state: "sent" },
    ]);
  });

  it("counts waits, answers and their times per property, with the total over them", async () => {
    const result = await report(admin);
    expect(result).toMatchObject({ days: 30, from: new Date(NOW.getTime() - 30 * 24 * 60 * MINUTE).toISOString(), to: NOW.toISOString() });
    const [harbour, mountain] = result.properties;
    expect(harbour).toEqual({
      propertyId: "111",
      propertyName: "Harbour Hotel",
      waits: 3,
      answered: 2,
      medianMinutes: 45,
      // percentile_cont between 30 and 60 min.
      p90Minutes: 57,
      withinHour: 2 / 3,
      withinDay: 2 / 3,
      waitingNow: 1,
      longestWaitMinutes: 40,
    });
    expect(mountain).toEqual({ propertyId: "222", propertyName: "Mountain Inn", waits: 1, answered: 1, medianMinutes: 120, p90Minutes: 120, withinHour: 0, withinDay: 1, waitingNow: 0, longestWaitMinutes: null });
    expect(result.total).toEqual({ waits: 4, answered: 3, medianMinutes: 60, p90Minutes: 108, withinHour: 2 / 4, withinDay: 3 / 4, waitingNow: 1, longestWaitMinutes: 40 });
  });

  it("credits replies sent from Bellhop to their author, not failed ones", async () => {
    expect((await report(admin)).staff).toEqual([
      { userId: admin.id, name: "Ada Admin", replies: 1, medianMinutes: 120 },
      { userId: sam.id, name: "Sam Staff", replies: 1, medianMinutes: 60 },
    ]);
  });

  it("takes the period from the query", async () => {
    const quarter = await report(admin, { days: "90" });
    expect(quarter.properties[0]).toMatchObject({ waits: 4, answered: 2 });
    const week = await report(admin, { days: "7" });
    expect(week.total).toMatchObject({ waits: 4, answered: 3 });
  });

  it("shows staff their own properties only, and a property outside them does not exist", async () => {
    const result = await report(sam);
    expect(result.properties.map((row) => row.propertyId)).toEqual(["111"]);
    expect(result.total).toMatchObject({ waits: 3, answered: 2, waitingNow: 1 });
    // Sam's own replies only count where he may look.
    expect(result.staff).toEqual([{ userId: sam.id, name: "Sam Staff", replies: 1, medianMinutes: 60 }]);
    expect(await statusOf(report(sam, { property: "222" }))).toBe(404);
    expect((await report(admin, { property: "222" })).properties.map((row) => row.propertyId)).toEqual(["222"]);
  });

  it("refuses a period it does not offer", () => {
    for (const days of ["1", "365", "abc", ""]) expect(reportQuery.safeParse({ days }).success, days).toBe(false);
    expect(reportQuery.parse({})).toEqual({ days: 30 });
  });
});
