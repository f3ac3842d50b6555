// The conversation list: one inbox across every property the viewer may see. Reads only the
// denormalised columns of `conversations` (never the messages: a search reads one row of words per
// conversation, see segmentQuery()) and pages with keyset cursors, so the first page costs the same
// with 100 or 100,000 conversations.
//
// An order is a chain of "segments", each a range that one index serves in order:
//   recent       last_message_at desc, id   (conversations_last_message_at_id_idx)
//   recent_null  id                          (conversations that have no message yet, e.g. a fresh
//                                             reservation the property may write to first)
//   waiting      needs_reply_since, id       (conversations_needs_reply_all_idx, partial)
//   snoozed      snoozed_until, id            (conversations_snoozed_until_idx, partial: snoozed only)
//   snoozed_open snoozed_at desc, id          (conversations_snoozed_open_idx: until the guest replies)
// "Longest waiting" lists the waiting conversations first, then everything else by recent activity.
// "Snoozed" lists the dated snoozes soonest wake first, then those waiting for the guest, the latest
// snooze first. The cursor names the segment it stopped in, so paging across a boundary never repeats
// or skips.
//
// Snoozed conversations are left out of every other view by a condition on the rows the index range
// scan reads (notSnoozedSql() below), not by an index of their own: few conversations are snoozed, so the
// scans read hardly more rows than before. A snooze whose time has passed counts as over here, without
// waiting for the worker to clear it (lib/sync/snooze-wake.ts).
//
// "Mine" (the conversations assigned to the viewer) is the same chain with `c.assignee_id = viewer`
// added, and two partial indexes that hold only assigned conversations: its recent segment is a range
// of (assignee_id, last_message_at desc, id) (conversations_assignee_idx), its waiting segment one of
// (assignee_id, needs_reply_since, id) (conversations_assignee_waiting_idx). Checked with EXPLAIN at
// the benchmark's size, also for the generic plan of the prepared statement, which cannot know whose
// Mine it reads: without the second index it walked every waiting conversation for someone with few.
//
// "Starred" is the same chain restricted to the ids of the viewer's stars, read first through
// conversation_stars' primary key (user_id first) as an array: the conversations are then fetched by
// id and sorted, so a page costs the viewer's number of stars. A join let the planner walk the recent
// index probing each conversation for a star instead: 4,761 probes for a page at 1 % starred (EXPLAIN
// at the benchmark's size), and the whole index for someone with a handful of stars.
import { z } from "zod";
import { Prisma } from "../generated/prisma/client";
import { assertPropertyAccess, type Viewer } from "../auth/guard";
import { literalLimit, queryRows, queryRowsWithFreshPlan } from "../sql-pool";
import { decodeCursor, encodeCursor } from "./cursor";
import type { InboxSort, InboxView } from "./list-views";
import type { ConversationListItem, ConversationPage, ListConversationsInput, SearchHit } from "./schemas";
import { propertyScopeSql } from "./scope-sql";
import { toPrefixTsqueries } from "./search-query";

export type SegmentName = "recent" | "recent_null" | "waiting" | "snoozed" | "snoozed_open";

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
  last_guest_message_at: Date | null;
  needs_reply_since: Date | null;
  unread: boolean;
  snoozed_at: Date | null;
  snoozed_until: Date | null;
  snoozed_now: boolean;
  snoozed_by_name: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  starred: boolean;
  label_ids: string[];
  next_scheduled_reply_at: Date | null;
  /** Searches only (searchHitColumn). */
  search_hit?: { id: string; content: string; cut: boolean; sentAt: string; sender: SearchHit["sender"] } | null;
};

export function segmentsFor(view: InboxView, sort: InboxSort): SegmentName[] {
  // "Needs reply" is a queue: the guest who has waited longest comes first, whatever the sort.
  if (view === "needs_reply") return ["waiting"];
  // "Snoozed" is in wake order, whatever the sort.
  if (view === "snoozed") return ["snoozed", "snoozed_open"];
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
    const conditions = [...base.conditions, ...segmentConditions(name, input.sort), ...(index === startSegment && cursor ? [keyset(name, cursor)] : [])];
    // One extra row tells whether this segment has more.
    // On the plain pool: this runs for every list request (lib/sql-pool.ts). With a label, planned for
    // that label: the GIN index and a sort suit a label on few conversations, walking the list's index
    // one on many, and only the label's own statistics tell which (a prepared statement's generic plan
    // would pick one for every label).
    const rows = await (input.label ? queryRowsWithFreshPlan<Row> : queryRows<Row>)(segmentQuery(viewer, name, conditions, base.search, want + 1));
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

/**
 * A search result's newest message that matches any of the words (SearchHit), so the row can show why
 * it was found; none when only the guest's name or the reservation number matched. Read for the page's
 * rows only, newest first along the thread's index, from each message's own unaccented search vector.
 * Only SEARCH_HIT_CHARACTERS of it travel (a row shows one line): from SEARCH_HIT_BEFORE characters
 * before the first place a word occurs (found in the unaccented, lower-cased text, whose positions may
 * drift by a character or two from the original's: "ß" becomes "ss"), `cut` saying the start was left out.
 */
function searchHitColumn(search: Search): Prisma.Sql {
  return Prisma.sql`(select json_build_object('id', m.id, 'content', substr(m.content, w.start, ${literalLimit(SEARCH_HIT_CHARACTERS)}), 'cut', w.start > 1,
        'sentAt', m.sent_at, 'sender', m.sender_type)
      from messages m
      cross join lateral (select greatest(1, coalesce((
        select min(nullif(strpos(lower(bellhop_unaccent(m.content)), bellhop_unaccent(word)), 0)) from unnest((select ${search.words}::text[])) word), 1) - ${literalLimit(SEARCH_HIT_BEFORE)}) as start) w
      where m.conversation_id = c.id and m.search_vector @@ ${search.any ?? search.all}
      order by m.sent_at desc limit 1) as search_hit,`;
}

export const SEARCH_HIT_CHARACTERS = 400;
const SEARCH_HIT_BEFORE = 100;

/**
 * Shared by the list and by single-conversation reads, so a row looks the same everywhere. The names of
 * who snoozed it and of its assignee are looked up only for a snoozed or assigned row, so the other
 * rows of a page cost nothing more.
 */
export function selectList(viewer: Viewer, extraColumns: Prisma.Sql = Prisma.empty): Prisma.Sql {
  return Prisma.sql`
    select ${extraColumns} c.id, c.property_id, p.name as property_name, c.type::text as type, c.reference, c.guest_name,
      c.access::text as access, c.no_reply_needed, c.last_message_at, c.last_message_preview,
      c.last_message_sender::text as last_message_sender, c.last_guest_message_at, c.needs_reply_since,
      ${unreadSql()} as unread,
      c.snoozed_at, c.snoozed_until, ${snoozedSql()} as snoozed_now,
      case when c.snoozed_at is not null then (select u.name from users u where u.id = c.snoozed_by) end as snoozed_by_name,
      c.assignee_id, case when c.assignee_id is not null then (select u.name from users u where u.id = c.assignee_id) end as assignee_name,
      st.user_id is not null as starred, c.label_ids::text[] as label_ids, c.next_scheduled_reply_at
    from conversations c
    join properties p on p.id = c.property_id
    ${viewerJoins(viewer)}`;
}

/** The viewer's own state of each conversation: read (`r`) and starred (`st`); a row of neither when none. */
function viewerJoins(viewer: Viewer): Prisma.Sql {
  return Prisma.sql`left join conversation_reads r on r.conversation_id = c.id and r.user_id = ${viewer.id}::uuid
    left join conversation_stars st on st.conversation_id = c.id and st.user_id = ${viewer.id}::uuid`;
}

/**
 * Snoozed right now: snoozed, and either until the guest replies or until a time still ahead. Once
 * snoozed_until has passed the snooze is over, whether or not the worker has cleared the columns yet.
 */
export function snoozedSql(): Prisma.Sql {
  return Prisma.sql`(c.snoozed_at is not null and (c.snoozed_until is null or c.snoozed_until > now()))`;
}

/** The negation of snoozedSql(), spelled out: the filter every view but "snoozed" applies. */
export function notSnoozedSql(): Prisma.Sql {
  return Prisma.sql`(c.snoozed_at is null or c.snoozed_until <= now())`;
}

/**
 * Unread for this staff member: a guest wrote after they last read it (or they never opened it). "After"
 * by either clock: Booking.com's time of the message, or Bellhop's time of storing it. A message
 * stamped before the read that reached Bellhop after it (the next queue poll, a gap reconciliation
 * repaired) was never seen. greatest() skips a null: rows stored before the column existed.
 */
export function unreadSql(): Prisma.Sql {
  return Prisma.sql`(c.last_guest_message_at is not null and (r.last_read_at is null or greatest(c.last_guest_message_at, c.last_guest_stored_at) > r.last_read_at))`;
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
    lastGuestMessageAt: row.last_guest_message_at?.toISOString() ?? null,
    needsReplySince: row.needs_reply_since?.toISOString() ?? null,
    unread: row.unread,
    snooze: row.snoozed_now ? { until: row.snoozed_until?.toISOString() ?? null, by: row.snoozed_by_name } : null,
    assignee: row.assignee_id !== null && row.assignee_name !== null ? { id: row.assignee_id, name: row.assignee_name } : null,
    starred: row.starred,
    labelIds: row.label_ids,
    scheduledReplyAt: row.next_scheduled_reply_at?.toISOString() ?? null,
    ...(row.search_hit === undefined
      ? {}
      : {
          searchHit: row.search_hit && {
            messageId: row.search_hit.id,
            content: row.search_hit.content,
            cut: row.search_hit.cut,
            sentAt: new Date(row.search_hit.sentAt).toISOString(),
            sender: row.search_hit.sender,
          },
        }),
  };
}
export type ConversationListRow = Row;

/** A search: the tsquery every word must match, (several words only) the one any word matches, and the words. */
export type Search = { all: Prisma.Sql; any: Prisma.Sql | null; words: string[] };

/** null: nothing can match (e.g. a search of punctuation only). */
function baseConditions(viewer: Viewer, input: ListConversationsInput): { conditions: Prisma.Sql[]; search: Search | null } | null {
  const conditions = [propertyScopeSql(viewer, Prisma.sql`c.property_id`)];
  if (input.property) conditions.push(Prisma.sql`c.property_id = ${input.property}`);
  if (input.view === "mine") conditions.push(Prisma.sql`c.assignee_id = ${viewer.id}::uuid`);
  if (input.view === "starred") conditions.push(Prisma.sql`c.id = any(array(select s.conversation_id from conversation_stars s where s.user_id = ${viewer.id}::uuid))`);
  if (input.label) conditions.push(Prisma.sql`c.label_ids @> array[${input.label}::uuid]`);
  if (input.view === "unread") conditions.push(unreadSql());
  if (input.view === "needs_reply") conditions.push(Prisma.sql`c.needs_reply_since is not null`);
  if (input.view === "no_reply_needed") conditions.push(Prisma.sql`c.no_reply_needed`);
  conditions.push(input.view === "snoozed" ? snoozedSql() : notSnoozedSql());
  let search: Search | null = null;
  if (input.q) {
    const queries = toPrefixTsqueries(input.q);
    if (queries === null) return null;
    // Each tsquery in a scalar subquery, computed once per execution. Written bare, the prepared
    // statement's generic plan (which cannot fold it to a constant as a plan made for the term does) was
    // costed above the per-term plans, so Postgres planned every search anew: 0.8 ms of planning for
    // 0.5 ms of execution (EXPLAIN ANALYZE at bench/inbox.ts's size; list-plan.int.test.ts).
    search = {
      all: Prisma.sql`(select to_tsquery('simple', bellhop_unaccent(${queries.all})))`,
      any: queries.words.length > 1 ? Prisma.sql`(select to_tsquery('simple', bellhop_unaccent(${queries.any})))` : null,
      words: queries.words,
    };
  }
  return { conditions, search };
}

/**
 * How many conversations, in list order, a search checks one by one before it asks the search index
 * for every match instead. A word in at least ~5% of the conversations fills a page within the walk
 * (e.g. "parking": well under a millisecond); a rarer one (a name, a reservation number) costs the
 * walk, a few milliseconds, plus a GIN lookup whose matches are few enough to sort.
 */
export const SEARCH_WALK_LIMIT = 1000;

/**
 * One segment's page: `limit` rows in the segment's order. Without a search, one index range scan.
 *
 * A search matches a conversation's words in conversation_search_terms: the guest name, the
 * reservation number and every word of every message it ever had, unaccented, kept by triggers in
 * chunks of about 32 words (one row each; see that table's migration). No single plan suits every
 * word: walking the list order and checking each conversation is instant for a common word and reads
 * the whole table for a rare one, while collecting the GIN matches and sorting them is instant for a
 * rare word and sorts 100,000 rows for a common one (the planner cannot tell them apart: it estimates
 * every prefix query alike). So the query walks the first SEARCH_WALK_LIMIT conversations of the
 * segment and only when that did not fill the page runs the GIN branch (its one-time filter keeps it
 * from running otherwise). Either branch alone returns the exact page.
 *
 * In the GIN branch a conversation matches when one chunk holds every word (always so for one word),
 * or, for a conversation with several chunks, when the chunks holding any of the words do together.
 */
export function segmentQuery(viewer: Viewer, name: SegmentName, conditions: Prisma.Sql[], search: Search | null, limit: number): Prisma.Sql {
  const where = Prisma.join(conditions, " and ");
  const limitSql = literalLimit(limit);
  if (search === null) return Prisma.sql`${selectList(viewer)} where ${where} order by ${orderBy(name)} limit ${limitSql}`;
  const joins = viewerJoins(viewer);
  const acrossChunks = search.any
    ? Prisma.sql`union
        select t.conversation_id from conversation_search_terms t
        where t.terms @@ ${search.any} and t.conversation_id in (select s.conversation_id from conversation_search_terms s where s.chunk > 0)
        group by t.conversation_id having bellhop_tsvector_agg(t.terms) @@ ${search.all}`
    : Prisma.empty;
  return Prisma.sql`
    with walk as materialized (
      select c.id from (
        select c.id, c.last_message_at, c.needs_reply_since, c.snoozed_until, c.snoozed_at from conversations c ${joins}
        where ${where} order by ${orderBy(name)} limit ${literalLimit(SEARCH_WALK_LIMIT)}) c
      where (select bellhop_tsvector_agg(t.terms) from conversation_search_terms t where t.conversation_id = c.id) @@ ${search.all}
      order by ${orderBy(name)} limit ${limitSql}
    ), picked as (
      select id from walk
      union all
      (select c.id from conversations c ${joins}
        where (select count(*) from walk) < ${limitSql}
          and c.id = any(array(
            select t.conversation_id from conversation_search_terms t where t.terms @@ ${search.all}
            ${acrossChunks}))
          and ${where}
        order by ${orderBy(name)} limit ${limitSql})
    )
    ${selectList(viewer, searchHitColumn(search))}
    where c.id in (select id from picked)
    order by ${orderBy(name)} limit ${limitSql}`;
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
    case "snoozed":
      // Repeats snoozedSql() in a form the index can start from: snoozes not yet expired but not cleared
      // by the worker yet come first in the index, and would otherwise be read and dropped one by one.
      return [Prisma.sql`c.snoozed_until > now()`];
    case "snoozed_open":
      return [Prisma.sql`c.snoozed_until is null`];
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
    case "snoozed":
      return Prisma.sql`c.snoozed_until asc, c.id asc`;
    case "snoozed_open":
      return Prisma.sql`c.snoozed_at desc, c.id asc`;
  }
}

function keyset(name: SegmentName, cursor: Cursor): Prisma.Sql {
  if (cursor.id === null) return Prisma.sql`true`; // start of the segment
  if (name === "recent_null" || cursor.v === null) return Prisma.sql`c.id > ${cursor.id}::uuid`;
  const at = new Date(cursor.v);
  switch (name) {
    case "waiting":
      return Prisma.sql`(c.needs_reply_since, c.id) > (${at}::timestamptz, ${cursor.id}::uuid)`;
    case "snoozed":
      return Prisma.sql`(c.snoozed_until, c.id) > (${at}::timestamptz, ${cursor.id}::uuid)`;
    case "snoozed_open":
      return Prisma.sql`(c.snoozed_at < ${at}::timestamptz or (c.snoozed_at = ${at}::timestamptz and c.id > ${cursor.id}::uuid))`;
    case "recent":
      return Prisma.sql`(c.last_message_at < ${at}::timestamptz or (c.last_message_at = ${at}::timestamptz and c.id > ${cursor.id}::uuid))`;
  }
}

function cursorAfter(index: number, name: SegmentName, row: Row): Cursor {
  const values: Record<SegmentName, Date | null> = {
    recent: row.last_message_at,
    recent_null: null,
    waiting: row.needs_reply_since,
    snoozed: row.snoozed_until,
    snoozed_open: row.snoozed_at,
  };
  return { s: index, v: values[name]?.toISOString() ?? null, id: row.id };
}
