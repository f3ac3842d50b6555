// The numbers on the inbox's tabs and in the browser tab's title: conversations with a guest message
// this staff member has not read (the Unread view's), and guests waiting for a reply (the Needs reply
// view's), neither counting what is snoozed right now. One pass over the viewer's conversations
// serves both.
import { Prisma } from "../generated/prisma/client";
import type { Viewer } from "../auth/guard";
import { db } from "../db";
import { notSnoozedSql, unreadSql } from "./list-conversations";
import { propertyScopeSql } from "./scope-sql";

export type ConversationCounts = { unread: number; needsReply: number };

export async function countConversations(viewer: Viewer): Promise<ConversationCounts> {
  const rows = await db().$queryRaw<{ unread: bigint; needs_reply: bigint }[]>`
    select count(*) filter (where ${unreadSql()}) as unread, count(*) filter (where c.needs_reply_since is not null) as needs_reply
    from conversations c
    left join conversation_reads r on r.conversation_id = c.id and r.user_id = ${viewer.id}::uuid
    where ${propertyScopeSql(viewer, Prisma.sql`c.property_id`)} and ${notSnoozedSql()}`;
  return { unread: Number(rows[0]?.unread ?? 0), needsReply: Number(rows[0]?.needs_reply ?? 0) };
}
