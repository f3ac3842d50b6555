// The number in the tab title: conversations with a guest message this staff member has not read, the
// same conversations as the Unread view (so not those snoozed right now).
import { Prisma } from "../generated/prisma/client";
import type { Viewer } from "../auth/guard";
import { db } from "../db";
import { notSnoozedSql, unreadSql } from "./list-conversations";
import { propertyScopeSql } from "./scope-sql";

export async function countUnreadConversations(viewer: Viewer): Promise<{ unread: number }> {
  const rows = await db().$queryRaw<{ count: bigint }[]>`
    select count(*) as count from conversations c
    left join conversation_reads r on r.conversation_id = c.id and r.user_id = ${viewer.id}::uuid
    where ${propertyScopeSql(viewer, Prisma.sql`c.property_id`)} and ${unreadSql()} and ${notSnoozedSql()}`;
  return { unread: Number(rows[0]?.count ?? 0) };
}
