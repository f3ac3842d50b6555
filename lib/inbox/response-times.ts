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
// messages by the thread's index, so no index was added to `messages` for it (each one slows the sync
// engine's inserts).
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
  const waits = Prisma.sql`
    select c.property_id, g.sent_at as started_at, reply.sent_at as answered_at, reply.author_id
    from conversations c
    join lateral (
      select m.id, m.sent_at from messages m
      where m.conversation_id = c.id and m.sender_type = 'guest' and m.sent_at >= ${from} and m.sent_at < ${now}
    ) g on true
    left join lateral (
      select p.sender_type from messages p
      where p.conversation_id = c.id and (p.sent_at < g.sent_at or (p.sent_at = g.sent_at and p.id < g.id))
      order by p.sent_at desc, p.id desc limit 1
    ) previous on true
    left join lateral (
      select r.sent_at, r.author_id from messages r
      where r.conversation_id = c.id and r.sender_type = 'property' and r.message_type <> 'automatically_sent_template'
        and coalesce(r.send_state::text, 'sent') = 'sent' and r.sent_at >= g.sent_at
      order by r.sent_at, r.id limit 1
    ) reply on true
    where c.last_message_at >= ${from} and ${scope} and previous.sender_type is distinct from 'guest'`;

  const [figureRows, staffRows, waitingRows] = await Promise.all([
    queryRows<FigureRow>(Prisma.sql`
      with waits as (${waits})
      select property_id, count(*)::int as waits, count(answered_at)::int as answered,
        ${minutes(0.5)} as median_minutes, ${minutes(0.9)} as p90_minutes,
        count(*) filter (where answered_at - started_at <= interval '1 hour')::int as within_hour,
        count(*) filter (where answered_at - started_at <= interval '24 hours')::int as within_day
      from waits group by rollup (property_id)`),
    queryRows<{ user_id: string; name: string; replies: number; median_minutes: number | null }>(Prisma.sql`
      with answered as (${waits}), sent as (
        select r.author_id, count(*)::int as replies
        from conversations c join messages r on r.conversation_id = c.id
        where c.last_message_at >= ${from} and ${scope}
          and r.author_id is not null and r.send_state = 'sent' and r.sent_at >= ${from} and r.sent_at < ${now}
        group by r.author_id
      )
      select u.id as user_id, u.name, s.replies,
        (select ${minutes(0.5)} from answered a where a.author_id = u.id) as median_minutes
      from sent s join users u on u.id = s.author_id
      order by s.replies desc, u.name`),
    queryRows<{ property_id: string; property_name: string; waiting_now: number; longest_wait_minutes: number | null }>(Prisma.sql`
      select p.id as property_id, p.name as property_name,
        count(c.needs_reply_since)::int as waiting_now,
        (extract(epoch from ${now}::timestamptz - min(c.needs_reply_since)) / 60)::float8 as longest_wait_minutes
      from properties p left join conversations c on c.property_id = p.id
      where ${propertyScopeSql(viewer, Prisma.sql`p.id`)} ${input.property ? Prisma.sql`and p.id = ${input.property}` : Prisma.empty}
      group by p.id, p.name order by p.name`),
  ]);

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
