// The conversation list: one inbox across every property the viewer may see. Reads only the
// denormalised columns of `conversations` (never the messages, except through the search index) and
// pages with keyset cursors, so the first page costs the same with 100 or 100,000 conversations.
//
// An order is a chain of "segments", each a range that one index serves in order:
//   recent       last_message_at desc, id   (conversations_last_message_at_id_idx)
//   recent_null  id                          (conversations that have no message yet, e.g. a fresh
//                                             reservation the property may write to first)
//   waiting      needs_reply_since, id       (conversations_needs_reply_all_idx, partial)
// "Longest waiting" lists the waiting conversations first, then everything else by recent activity.
// The cursor names the segment it stopped in, so paging across a boundary never repeats or skips.
import { z } from "zod";
import { Prisma } from "../generated/prisma/client";
import { assertPropertyAccess, type Viewer } from "../auth/guard";
import { db } from "../db";
import { decodeCursor, encodeCursor } from "./cursor";
import type { ConversationListItem, ConversationPage, InboxSort, InboxView, ListConversationsInput } from "./schemas";
import { propertyScopeSql } from "./scope-sql";
import { toPrefixTsquery } from "./search-query";

type SegmentName = "recent" | "recent_null" | "waiting";

const cursorSchema = z.strictObject({ s: z.number().int().min(0).max(2), v: z.iso.datetime().nullable(), id: z.uuid().nullable() });
type Cursor = z.infer<typeof cursorSchema>;

type Row = {
  id: string;
  property_id: string;
  property_name: string;
  type: ConversationListItem["type"];
  reference: string;
  guest_name: string | null;
  access: ConversationListItem["access"];
  no_reply_needed: boolean;
  last_message_at: Date | null;
  last_message_preview: string | null;
  last_message_sender: ConversationListItem["lastMessageSender"];
  needs_reply_since: Date | null;
  unread: boolean;
};

export function segmentsFor(view: InboxView, sort: InboxSort): SegmentName[] {
  // "Needs reply" is a queue: the guest who has waited longest comes first, whatever the sort.
  if (view === "needs_reply") return ["waiting"];
  return sort === "waiting" ? ["waiting", "recent", "recent_null"] : ["recent", "recent_null"];
}

export async function listConversations(viewer: Viewer, input: ListConversationsInput): Promise<ConversationPage> {
  if (input.property) assertPropertyAccess(viewer, input.property);
  const segments = segmentsFor(input.view, input.sort);
  const cursor = decodeCursor(cursorSchema, input.cursor);
  if (cursor && cursor.s >= segments.length) return { items: [], nextCursor: null };

  const base = baseConditions(viewer, input);
  if (base === null) return { items: [], nextCursor: null };

  const items: Row[] = [];
  let nextCursor: Cursor | null = null;
  const startSegment = cursor?.s ?? 0;
  for (let index = startSegment; index < segments.length; index++) {
    const name = segments[index]!;
    const want = input.limit - items.length;
    const conditions = [...base, ...segmentConditions(name, input.sort), ...(index === startSegment && cursor ? [keyset(name, cursor)] : [])];
    // One extra row tells whether this segment has more.
    const rows = await db().$queryRaw<Row[]>`
      ${selectList(viewer)}
      where ${Prisma.join(conditions, " and ")}
      order by ${orderBy(name)}
      limit ${want + 1}`;
    if (rows.length > want) {
      items.push(...rows.slice(0, want));
      nextCursor = cursorAfter(index, name, items[items.length - 1]!);
      break;
    }
    items.push(...rows);
    if (items.length === input.limit && index + 1 < segments.length) {
      // The page ended exactly at a segment boundary: the next page starts at the next segment.
      nextCursor = { s: index + 1, v: null, id: null };
      break;
    }
  }
  return { items: items.map(toItem), nextCursor: nextCursor ? encodeCursor(nextCursor) : null };
}

/** Shared by the list and by single-conversation reads, so a row looks the same everywhere. */
export function selectList(viewer: Viewer, extraColumns: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return Prisma.sql`
    select ${extraColumns} c.id, c.property_id, p.name as property_name, c.type::text as type, c.reference, c.guest_name,
      c.access::text as access, c.no_reply_needed, c.last_message_at, c.last_message_preview,
      c.last_message_sender::text as last_message_sender, c.needs_reply_since,
      ${unreadSql()} as unread
    from conversations c
    join properties p on p.id = c.property_id
    left join conversation_reads r on r.conversation_id = c.id and r.user_id = ${viewer.id}::uuid`;
}

/** Unread for this staff member: a guest wrote after they last read it (or they never opened it). */
export function unreadSql(): Prisma.Sql {
  return Prisma.sql`(c.last_guest_message_at is not null and (r.last_read_at is null or c.last_guest_message_at > r.last_read_at))`;
}

export function toItem(row: Row): ConversationListItem {
  return {
    id: row.id,
    propertyId: row.property_id,
    propertyName: row.property_name,
    type: row.type,
    reference: row.reference,
    guestName: row.guest_name,
    access: row.access,
    noReplyNeeded: row.no_reply_needed,
    lastMessageAt: row.last_message_at?.toISOString() ?? null,
    lastMessagePreview: row.last_message_preview,
    lastMessageSender: row.last_message_sender,
    needsReplySince: row.needs_reply_since?.toISOString() ?? null,
    unread: row.unread,
  };
}
export type ConversationListRow = Row;

/** null: nothing can match (e.g. a search of punctuation only). */
function baseConditions(viewer: Viewer, input: ListConversationsInput): Prisma.Sql[] | null {
  const conditions = [propertyScopeSql(viewer, Prisma.sql`c.property_id`)];
  if (input.property) conditions.push(Prisma.sql`c.property_id = ${input.property}`);
  if (input.view === "unread") conditions.push(unreadSql());
  if (input.view === "needs_reply") conditions.push(Prisma.sql`c.needs_reply_since is not null`);
  if (input.view === "no_reply_needed") conditions.push(Prisma.sql`c.no_reply_needed`);
  if (input.q) {
    const tsquery = toPrefixTsquery(input.q);
    if (tsquery === null) return null;
    conditions.push(searchCondition(viewer, tsquery));
  }
  return conditions;
}

/**
 * Guest name and reservation number (conversations.search_vector) or any message ever stored
 * (messages.search_vector); both GIN-indexed, both unaccented, prefix-matched.
 */
function searchCondition(viewer: Viewer, tsquery: string): Prisma.Sql {
  const query = Prisma.sql`to_tsquery('simple', bellhop_unaccent(${tsquery}))`;
  // EXISTS per conversation, not "id in (every matching message)": a common word matches 100,000
  // messages, and walking conversations in list order until a page is full is far cheaper than
  // collecting them all; Postgres still uses the GIN index when the word is rare.
  return Prisma.sql`(c.search_vector @@ ${query} or exists (
    select 1 from messages m where m.conversation_id = c.id and m.search_vector @@ ${query} and ${propertyScopeSql(viewer, Prisma.sql`m.property_id`)}
  ))`;
}

function segmentConditions(name: SegmentName, sort: InboxSort): Prisma.Sql[] {
  // Under "longest waiting" the later segments hold only what the waiting segment did not.
  const notWaiting = sort === "waiting" ? [Prisma.sql`c.needs_reply_since is null`] : [];
  switch (name) {
    case "waiting":
      return [Prisma.sql`c.needs_reply_since is not null`];
    case "recent":
      return [Prisma.sql`c.last_message_at is not null`, ...notWaiting];
    case "recent_null":
      return [Prisma.sql`c.last_message_at is null`, ...notWaiting];
  }
}

function orderBy(name: SegmentName): Prisma.Sql {
  switch (name) {
    case "waiting":
      return Prisma.sql`c.needs_reply_since asc, c.id asc`;
    case "recent":
      return Prisma.sql`c.last_message_at desc, c.id asc`;
    case "recent_null":
      return Prisma.sql`c.id asc`;
  }
}

function keyset(name: SegmentName, cursor: Cursor): Prisma.Sql {
  if (cursor.id === null) return Prisma.sql`true`; // start of the segment
  if (name === "recent_null" || cursor.v === null) return Prisma.sql`c.id > ${cursor.id}::uuid`;
  const at = new Date(cursor.v);
  if (name === "waiting") return Prisma.sql`(c.needs_reply_since, c.id) > (${at}::timestamptz, ${cursor.id}::uuid)`;
  return Prisma.sql`(c.last_message_at < ${at}::timestamptz or (c.last_message_at = ${at}::timestamptz and c.id > ${cursor.id}::uuid))`;
}

function cursorAfter(index: number, name: SegmentName, row: Row): Cursor {
  const value = name === "waiting" ? row.needs_reply_since : name === "recent" ? row.last_message_at : null;
  return { s: index, v: value?.toISOString() ?? null, id: row.id };
}
