// One conversation's header for the thread view. Outside the viewer's scope it does not exist (404).
import { Prisma } from "../generated/prisma/client";
import { AppError } from "../api/errors";
import type { Viewer } from "../auth/guard";
import { db } from "../db";
import { selectList, toItem, type ConversationListRow } from "./list-conversations";
import { conversationIdParam, type ConversationDetail } from "./schemas";
import { propertyScopeSql } from "./scope-sql";

type DetailRow = ConversationListRow & { time_zone: string; message_count: number; change_seq: bigint };

export async function getConversation(viewer: Viewer, conversationId: string): Promise<ConversationDetail> {
  const id = parseConversationId(conversationId);
  const rows = await db().$queryRaw<DetailRow[]>`
    ${selectList(viewer, Prisma.sql`p.time_zone, c.message_count, c.change_seq,`)}
    where c.id = ${id}::uuid and ${propertyScopeSql(viewer, Prisma.sql`c.property_id`)}`;
  const row = rows[0];
  if (!row) throw conversationNotFound();
  return { ...toItem(row), propertyTimeZone: row.time_zone, messageCount: row.message_count, changeSeq: row.change_seq.toString() };
}

/** The conversation's property, after checking the viewer may see it: the entry point of every action. */
export async function findScopedConversation(viewer: Viewer, conversationId: string) {
  const id = parseConversationId(conversationId);
  const conversation = await db().conversation.findFirst({
    where: { id, propertyId: viewer.propertyScope === "all" ? undefined : { in: [...viewer.propertyScope] } },
    select: { id: true, bookingId: true, propertyId: true, access: true, guestName: true, reference: true, property: { select: { name: true, connectionId: true } } },
  });
  if (!conversation) throw conversationNotFound();
  return conversation;
}

/** A malformed id is answered like an unknown one: nothing to learn from probing. */
export function parseConversationId(value: string): string {
  const parsed = conversationIdParam.safeParse(value);
  if (!parsed.success) throw conversationNotFound();
  return parsed.data;
}

export function conversationNotFound(): AppError {
  return new AppError("not_found", "No such conversation.");
}
