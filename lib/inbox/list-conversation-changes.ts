// The resync cursor. Every change to a conversation (and so to any of its messages) takes the next
// value of one sequence; a browser that was disconnected asks for everything after the last value it
// saw, so no event is lost to a dropped connection or a sleeping laptop.
import { Prisma } from "../generated/prisma/client";
import type { Viewer } from "../auth/guard";
import { db } from "../db";
import type { ConversationChanges } from "./schemas";
import { propertyScopeSql } from "./scope-sql";

const MAX_CHANGES = 500;

export async function listConversationChanges(viewer: Viewer, since: bigint): Promise<ConversationChanges> {
  const rows = await db().$queryRaw<{ id: string; change_seq: bigint }[]>`
    select c.id, c.change_seq from conversations c
    where c.change_seq > ${since} and ${propertyScopeSql(viewer, Prisma.sql`c.property_id`)}
    order by c.change_seq asc
    limit ${MAX_CHANGES + 1}`;
  const truncated = rows.length > MAX_CHANGES;
  const page = rows.slice(0, MAX_CHANGES);
  const last = page[page.length - 1];
  // With nothing new the cursor stays where it was; when truncated the client refetches everything
  // and continues from the newest value.
  const seq = truncated ? await currentChangeSeq(viewer) : (last?.change_seq ?? since);
  return { seq: seq.toString(), changes: page.map((row) => ({ conversationId: row.id, seq: row.change_seq.toString() })), truncated };
}

/** The newest change the viewer can see: where a fresh page starts listening from. */
export async function currentChangeSeq(viewer: Viewer): Promise<bigint> {
  const rows = await db().$queryRaw<{ change_seq: bigint }[]>`
    select c.change_seq from conversations c where ${propertyScopeSql(viewer, Prisma.sql`c.property_id`)}
    order by c.change_seq desc limit 1`;
  return rows[0]?.change_seq ?? 0n;
}
