// Response times: how quickly the front desk answers guests, per property and per staff member, over
// the last 7, 30 or 90 days. Booking.com shows guests how fast a property replies, so this is the
// figure a front-desk manager watches.
//
// A "wait" starts with a guest message that follows a message of the property (or opens the
// conversation): a run of guest messages is one wait, measured from its first message. It ends with
// the property's next reply, from Bellhop or from the Extranet; automatic templates do not count as
// replies, and a reply Bellhop failed to send does not either. Waits that started in the period are
// counted, whenever they were answered.
//
// Read from the conversations active in the period (conversations_last_message_at_id_idx) and their
// messages by the thread's index, in one pass (see getResponseTimes), so no index was added to
// `messages` for it (each one slows the sync engine's inserts).
import { Prisma } from "../generated/prisma/client";
import { assertPropertyAccess, type Viewer } from "../auth/guard";
import { queryRows } from "../sql-pool";
import type { ReportQuery } from "./schemas";
import { propertyScopeSql } from "./scope-sql";

export type WaitFigures = {
  /** Guest waits that started in the period. */
  waits: number;
  answered: number;
  medianMinutes: number | null;
  p90Minutes: number | null;
  /** Shares of all waits (answered or not), 0–1. */
  withinHour: number | null;
  withinDay: number | null;
};

export type ResponseTimeReport = {
  days: number;
  from: string;
  to: string;
  total: WaitFigures & { waitingNow: number; longestWaitMinutes: number | null };
  properties: (WaitFigures & { propertyId: string; propertyName: string; waitingNow: number; longestWaitMinutes: number | null })[];
  staff: { userId: string; name: string; replies: number; medianMinutes: number | null }[];
};

type StaffRow = { user_id: string; name: string; replies: number; median_minutes: number | null };

type FigureRow = {
  property_id: string | null;
  waits: number;
  answered: number;
  median_minutes: number | null;
  p90_minutes: number | null;
  within_hour: number;
  within_day: number;
};

export async function getResponseTimes(viewer: Viewer, input: ReportQuery, now = new Date()): Promise<ResponseTimeReport> {
  if (input.property) assertPropertyAccess(viewer, input.property);
  const from = new Date(now.getTime() - input.days * 86_400_000);
  const scope = Prisma.sql`${propertyScopeSql(viewer, Prisma.sql`c.property_id`)} ${input.property ? Prisma.sql`and c.property_id = ${input.property}` : Prisma.empty}`;
  // One pass over the messages of the conversations active in the period, in each conversation's
  // order: lag() names the sender before each message (a wait starts where that is not the guest);
  // counting the replies from the newest message backwards puts each message in a group with the
  // first reply at or after it, which first_value() then reads (group 0: no reply yet). Measured with
  // bench/inbox.ts (43,000 conversations and 215,000 waits in 30 days): 1.1 s; two index lookups per
  // wait instead (the previous message, the next reply) took 3.7 s.
  const waits = Prisma.sql`
    with marked as (
      select m.conversation_id, c.property_id, m.id, m.sender_type, m.sent_at, m.author_id,
        (m.sender_type = 'property' and m.message_type <> 'automatically_sent_template' and coalesce(m.send_state::text, 'sent') = 'sent') as is_reply,
        lag(m.sender_type) over (partition by m.conversation_id order by m.sent_at, m.id) as previous_sender
      from conversations c join messages m on m.conversation_id = c.id
      where c.last_message_at >= ${from} and ${scope} and m.sent_at < ${now}
    ), grouped as (
      select *, count(*) filter (where is_reply) over (partition by conversation_id order by sent_at desc, id desc) as reply_group
      from marked
    ), timed as (
      select *,
        case when reply_group > 0 then first_value(sent_at) over answer end as answered_at,
        case when reply_group > 0 then first_value(author_id) over answer end as answered_by
      from grouped
      window answer as (partition by conversation_id, reply_group order by sent_at desc, id desc)
    )
    select property_id, sender_type, previous_sender, sent_at, answered_at, answered_by, is_reply, author_id
    from timed`;

  const [[result], waitingRows] = await Promise.all([
    queryRows<{ figures: FigureRow[] | null; staff: StaffRow[] | null }>(Prisma.sql`
      with timed as (${waits}),
      wait_rows as (
        select property_id, sent_at as started_at, answered_at, answered_by from timed
        where sender_type = 'guest' and previous_sender is distinct from 'guest' and sent_at >= ${from}
      ), figures as (
        select property_id, count(*)::int as waits, count(answered_at)::int as answered,
          ${minutes(0.5)} as median_minutes, ${minutes(0.9)} as p90_minutes,
          count(*) filter (where answered_at - started_at <= interval '1 hour')::int as within_hour,
          count(*) filter (where answered_at - started_at <= interval '24 hours')::int as within_day
        from wait_rows group by rollup (property_id)
      ), sent as (
        select author_id, count(*)::int as replies from timed
        where is_reply and author_id is not null and sent_at >= ${from}
        group by author_id
      ), staff as (
        select u.id as user_id, u.name, s.replies, (select ${minutes(0.5)} from wait_rows w where w.answered_by = u.id) as median_minutes
        from sent s join users u on u.id = s.author_id
      )
      select (select json_agg(f) from figures f) as figures, (select json_agg(s order by s.replies desc, s.name) from staff s) as staff`),
    queryRows<{ property_id: string; property_name: string; waiting_now: number; longest_wait_minutes: number | null }>(Prisma.sql`
      select p.id as property_id, p.name as property_name,
        count(c.id)::int as waiting_now,
        (extract(epoch from ${now}::timestamptz - min(c.needs_reply_since)) / 60)::float8 as longest_wait_minutes
      from properties p left join conversations c on c.property_id = p.id and c.needs_reply_since is not null
      where ${propertyScopeSql(viewer, Prisma.sql`p.id`)} ${input.property ? Prisma.sql`and p.id = ${input.property}` : Prisma.empty}
      group by p.id, p.name order by p.name`),
  ]);
  const figureRows = result?.figures ?? [];
  const staffRows = result?.staff ?? [];

  const figuresOf = (propertyId: string | null): WaitFigures => toFigures(figureRows.find((row) => row.property_id === propertyId));
  const properties = waitingRows.map((row) => ({
    propertyId: row.property_id,
    propertyName: row.property_name,
    ...figuresOf(row.property_id),
    waitingNow: row.waiting_now,
    longestWaitMinutes: tenths(row.longest_wait_minutes),
  }));
  const longest = properties.map((row) => row.longestWaitMinutes).filter((value): value is number => value !== null);
  return {
    days: input.days,
    from: from.toISOString(),
    to: now.toISOString(),
    // ROLLUP's grand total is its row without a property.
    total: { ...figuresOf(null), waitingNow: properties.reduce((sum, row) => sum + row.waitingNow, 0), longestWaitMinutes: longest.length > 0 ? Math.max(...longest) : null },
    properties,
    staff: staffRows.map((row) => ({ userId: row.user_id, name: row.name, replies: row.replies, medianMinutes: tenths(row.median_minutes) })),
  };
}

/** A percentile of the answered waits' durations, in minutes. */
function minutes(fraction: number): Prisma.Sql {
  return Prisma.sql`(percentile_cont(${fraction}::float8) within group (order by extract(epoch from answered_at - started_at)) filter (where answered_at is not null) / 60)::float8`;
}

function toFigures(row: FigureRow | undefined): WaitFigures {
  if (!row || row.waits === 0) return { waits: 0, answered: 0, medianMinutes: null, p90Minutes: null, withinHour: null, withinDay: null };
  return {
    waits: row.waits,
    answered: row.answered,
    medianMinutes: tenths(row.median_minutes),
    p90Minutes: tenths(row.p90_minutes),
    withinHour: row.within_hour / row.waits,
    withinDay: row.within_day / row.waits,
  };
}

/** Minutes to a tenth: percentiles of seconds come back as 57.00000000000001. */
function tenths(minutes: number | null): number | null {
  return minutes === null ? null : Math.round(minutes * 10) / 10;
}
