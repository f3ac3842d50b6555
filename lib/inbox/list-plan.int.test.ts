// The list's statements are prepared once per connection (lib/sql-pool.ts) and must then run on the
// plan Postgres keeps for them, not be planned again on every request: planning cost 0.4 ms of a list
// request whose query runs in 0.2 ms while the page size was a parameter (sql-pool.ts literalLimit).
// pg_prepared_statements counts, per statement, the calls that used the generic plan and those planned
// anew for their values.
import { beforeEach, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { sqlPool } from "@/lib/sql-pool";
import { resetDatabase } from "@/tests/database";
import { createViewer } from "@/tests/viewers";
import { listConversations } from "./list-conversations";
import { listConversationsQuery } from "./schemas";

/** Enough rows that a plan made for "10 % of the table" differs from one for a page of 51. */
const CONVERSATIONS = 3_000;
/** Postgres plans a prepared statement for its values five times before it weighs the generic plan. */
const CALLS = 8;

type PlanCounts = { statement: string; generic_plans: string; custom_plans: string };

describe("list statements", () => {
  let admin: Viewer;

  beforeEach(async () => {
    await resetDatabase();
    await db().property.create({ data: { id: "111", name: "Harbour Hotel" } });
    admin = await createViewer("admin");
    await db().$executeRaw`
      insert into conversations (id, booking_id, property_id, type, reference, guest_name, last_message_at, last_message_preview,
        last_message_sender, last_guest_message_at, needs_reply_since, no_reply_needed, updated_at)
      select gen_random_uuid(), 'plan-' || n, '111', 'reservation', (4000000000 + n)::text, 'Guest ' || n, now() - n * interval '1 minute', 'Hello',
        'guest', now() - n * interval '1 minute', case when n % 3 = 0 then now() - n * interval '1 minute' end, n % 7 = 0, now()
      from generate_series(1, ${CONVERSATIONS}) n`;
    await db().$executeRaw`analyze conversations`;
  });

  it.each(["all", "unread", "needs_reply", "no_reply_needed"] as const)("keep their generic plan in the %s view instead of being planned on every request", async (view) => {
    const input = listConversationsQuery.parse({ view });
    const before = await listStatementCounts();
    for (let call = 0; call < CALLS; call++) expect((await listConversations(admin, input)).items).toHaveLength(50);
    const after = await listStatementCounts();
    const used = [...after].flatMap(([statement, counts]) => {
      const earlier = before.get(statement) ?? { generic: 0, custom: 0 };
      const delta = { generic: counts.generic - earlier.generic, custom: counts.custom - earlier.custom };
      return delta.generic + delta.custom > 0 ? [delta] : [];
    });
    // One statement served every call: planned for its values at most five times, then on its generic plan.
    expect(used).toHaveLength(1);
    expect(used[0]!.generic + used[0]!.custom).toBe(CALLS);
    expect(used[0]!.custom).toBeLessThanOrEqual(5);
  });

  /** The plan counts of the list statements prepared on the connection the pool hands out next. */
  async function listStatementCounts(): Promise<Map<string, { generic: number; custom: number }>> {
    // The pool hands the most recently released connection out again, so the list calls between two of
    // these reads and the reads themselves all run on one connection, whose statements this shows.
    const { rows } = await sqlPool().query<PlanCounts>(
      `select statement, generic_plans::text, custom_plans::text from pg_prepared_statements where statement like '%conversation_reads%'`,
    );
    return new Map(rows.map((row) => [row.statement, { generic: Number(row.generic_plans), custom: Number(row.custom_plans) }]));
  }
});
