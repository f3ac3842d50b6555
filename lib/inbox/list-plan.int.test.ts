// The list's and the thread's statements are prepared once per connection (lib/sql-pool.ts) and must
// then run on the plan Postgres keeps for them, not be planned again on every request: planning cost
// 0.4 ms of a list request whose query runs in 0.2 ms while the page size was a parameter (sql-pool.ts
// literalLimit), and about 1 ms of each thread request. pg_prepared_statements counts, per statement,
// the calls that used the generic plan and those planned anew for their values. The kept plan must
// also be right for every value: the thread's, made for an average conversation, must still read one
// page of a long thread, not all of it.
import { beforeEach, describe, expect, it } from "vitest";
import type { Viewer } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { sqlPool } from "@/lib/sql-pool";
import { resetDatabase } from "@/tests/database";
import { createViewer } from "@/tests/viewers";
import { listConversations } from "./list-conversations";
import { listThreadMessages, threadPageQuery } from "./list-thread-messages";
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

  it.each([{ view: "all" }, { view: "unread" }, { view: "needs_reply" }, { view: "no_reply_needed" }, { q: "guest" }])(
    "keep their generic plan (%o) instead of being planned on every request",
    async (query) => {
    const input = listConversationsQuery.parse(query);
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
    },
  );

  /** The plan counts of the list statements prepared on the connection the pool hands out next. */
  async function listStatementCounts(): Promise<Map<string, { generic: number; custom: number }>> {
    // The pool hands the most recently released connection out again, so the list calls between two of
    // these reads and the reads themselves all run on one connection, whose statements this shows.
    const { rows } = await sqlPool().query<PlanCounts>(
      `select statement, generic_plans::text, custom_plans::text from pg_prepared_statements where statement like '%conversation_reads%'`,
    );
    return new Map(rows.map((row) => [row.statement, { generic: Number(row.generic_plans), custom: Number(row.custom_plans) }]));
  }

  it("keep the thread's generic plan, which reads one page of a long thread rather than all of it", async () => {
    // 300 conversations of 10 messages: the average the generic plan is made for. And one of 2,000.
    await db().$executeRaw`
      insert into messages (id, booking_id, conversation_id, property_id, sender_type, content, sent_at)
      select gen_random_uuid(), 'plan-m-' || c.id || '-' || n, c.id, '111', 'guest', 'Hello ' || n, now() - n * interval '1 second'
      from (select id from conversations order by reference limit 300) c, generate_series(1, 10) n`;
    const long = (await db().conversation.findFirstOrThrow({ where: { reference: "4000003000" } })).id;
    await db().$executeRaw`
      insert into messages (id, booking_id, conversation_id, property_id, sender_type, content, sent_at)
      select gen_random_uuid(), 'plan-long-' || n, ${long}::uuid, '111', 'guest', 'Hello ' || n, now() - n * interval '1 second'
      from generate_series(1, 2000) n`;
    await db().$executeRaw`analyze messages`;

    for (let call = 0; call < CALLS; call++) expect((await listThreadMessages(admin, long, { limit: 50 })).messages).toHaveLength(50);
    const query = threadPageQuery(admin, long, { limit: 50 });
    const { rows } = await sqlPool().query<{ name: string; generic_plans: string; custom_plans: string }>(
      "select name, generic_plans::text, custom_plans::text from pg_prepared_statements where statement = $1",
      [query.text],
    );
    expect(rows).toHaveLength(1);
    expect(Number(rows[0]!.generic_plans)).toBeGreaterThanOrEqual(CALLS - 5);
    // The kept plan, run once more with EXPLAIN ANALYZE: how many message rows it read.
    const values = query.values.map((value) => (typeof value === "string" ? `'${value.replaceAll("'", "''")}'` : String(value))).join(", ");
    const explained = await sqlPool().query<{ "QUERY PLAN": unknown }>(`explain (analyze, format json) execute ${rows[0]!.name}(${values})`);
    const messageScans = planNodes(explained.rows[0]!["QUERY PLAN"]).filter((node) => node["Relation Name"] === "messages");
    expect(messageScans).toHaveLength(1);
    expect(messageScans[0]!["Actual Rows"]).toBeLessThanOrEqual(51);
  });
});

type PlanNode = { "Relation Name"?: string; "Actual Rows"?: number; Plans?: PlanNode[] };

/** Every node of an EXPLAIN (FORMAT JSON) plan, subplans included. */
function planNodes(explained: unknown): PlanNode[] {
  const [top] = explained as [{ Plan: PlanNode }];
  const nodes: PlanNode[] = [];
  const visit = (node: PlanNode) => {
    nodes.push(node);
    node.Plans?.forEach(visit);
  };
  visit(top.Plan);
  return nodes;
}
