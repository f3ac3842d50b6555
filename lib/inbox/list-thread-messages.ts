// A thread, paged backwards from the newest message with a keyset on (sent_at desc, id), served by
// messages_conversation_id_sent_at_id_idx: the newest 50 of a 5,000-message thread cost the same as
// those of a 5-message one. One query: attachments and the staff author come along as columns.
// Internal notes (lib/inbox/notes.ts) and the team's activity (assignment, snooze) are paged in the
// same order by their own indexes (created_at stands for sent_at) and merged in: each side reads at
// most a page, the merge keeps the newest.
import { z } from "zod";
import { Prisma } from "../generated/prisma/client";
import type { SayWords } from "../api/errors";
import type { Viewer } from "../auth/guard";
import type { Locale } from "../i18n/locales";
import { wordsIn } from "../i18n/localized-error";
import { sayStored } from "../i18n/stored-words";
import { literalLimit, queryRows } from "../sql-pool";
import { decodeCursor, encodeCursor } from "./cursor";
import { conversationNotFound, parseConversationId } from "./get-conversation";
import type { ThreadActivity, ThreadAttachment, ThreadMessage, ThreadPage } from "./schemas";
import { propertyScopeSql } from "./scope-sql";

const cursorSchema = z.strictObject({ t: z.iso.datetime(), id: z.uuid() });

type Row = {
  id: string;
  sender_type: ThreadMessage["senderType"];
  can_delete: boolean;
  sender_name: string | null;
  author_name: string | null;
  message_type: string;
  content: string;
  attributes: unknown;
  sent_at: Date;
  arrived_at: Date;
  read_by_guest: boolean;
  send_state: ThreadMessage["sendState"];
  send_error: string | null;
  send_error_words: unknown;
  client_key: string | null;
  action_state: string | null;
  attachments: ThreadAttachment[] | null;
};
/** The one row of a visible conversation that has no messages (on this page): every column null. */
type NoMessage = { [K in keyof Row]: null };

// Booking.com's names (snake_case) or the client's parsed names (camelCase): accept either spelling.
const attributesSchema = z
  .object({
    template_name: z.string().optional(),
    templateName: z.string().optional(),
    self_service_topic: z.string().optional(),
    selfServiceTopic: z.string().optional(),
  })
  .catch({});
/** An activity row's attributes: when a snooze ends (null: until the guest replies), whether someone assigned themselves, a label's name. */
const activityAttributesSchema = z.object({ until: z.string().nullable(), actorIsSubject: z.boolean(), label: z.string().nullable() });

type ThreadInput = { before?: string; limit: number };

/** `locale`: the language a failed reply's reason is said in, when the worker stored its words. */
export async function listThreadMessages(viewer: Viewer, conversationId: string, input: ThreadInput, locale: Locale = "en"): Promise<ThreadPage> {
  // A prepared statement (sql-pool.ts queryRows), kept on its generic plan: see threadPageQuery.
  const joined = await queryRows<Row | NoMessage>(threadPageQuery(viewer, conversationId, input));
  if (joined.length === 0) throw conversationNotFound();
  const rows = joined.filter((row): row is Row => row.id !== null);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  // The catalogue is loaded only for a page that has a reason to say in another language (rarely).
  const say = locale !== "en" && page.some((row) => row.send_error_words !== null) ? await wordsIn(locale) : null;
  return {
    messages: page.map((row) => toMessage(row, say)),
    nextCursor: rows.length > input.limit && last ? encodeCursor({ t: last.sent_at.toISOString(), id: last.id }) : null,
  };
}

/**
 * One page of a thread, newest first, in one round trip: the scope is checked on the conversation row,
 * and the page of messages, notes and activity is joined to it. No row at all means the conversation is
 * unknown or outside the scope (404, not an empty thread); a visible conversation without messages
 * comes back as one row whose message id is null.
 *
 * Each branch filters on the conversation id itself (a value the planner sees, not the outer row's
 * column) and selects only the table's own columns, so it is an index walk that stops at the page,
 * whatever the thread's length; names, send states and attachments are looked up afterwards, for the
 * page's rows only. The statement is prepared, and its generic plan is made for an average
 * conversation (~10 messages): it must still walk the index, not read a long thread whole and sort
 * it. It does because the page size is in the text (literalLimit) and the plain pool prices random
 * reads as an SSD's (sql-pool.ts RANDOM_PAGE_COST); list-plan.int.test.ts checks it on a 2,000-message
 * thread.
 */
export function threadPageQuery(viewer: Viewer, conversationId: string, input: ThreadInput): Prisma.Sql {
  const id = parseConversationId(conversationId);
  const cursor = decodeCursor(cursorSchema, input.before);
  const scope = propertyScopeSql(viewer, Prisma.sql`c.property_id`);
  const keyset = (time: Prisma.Sql, rowId: Prisma.Sql) =>
    cursor ? Prisma.sql`and (${time} < ${new Date(cursor.t)}::timestamptz or (${time} = ${new Date(cursor.t)}::timestamptz and ${rowId} > ${cursor.id}::uuid))` : Prisma.empty;
  const mayDeleteAny = viewer.role === "admin";
  const pageLimit = literalLimit(input.limit + 1);
  return Prisma.sql`
    select p.id, p.sender_type, p.can_delete,
      case when p.sender_type = 'activity' then subject.name else p.sender_name end as sender_name,
      author.name as author_name, p.message_type, p.content, p.attributes, p.sent_at, p.arrived_at, p.read_by_guest,
      p.send_state, p.send_error, p.send_error_words, p.client_key,
      case when p.sender_type in ('guest', 'property') then
        (select oa.state::text from outbound_actions oa where oa.message_id = p.id order by oa.created_at desc limit 1) end as action_state,
      case when p.sender_type in ('guest', 'property') then
        (select json_agg(json_build_object('id', a.id, 'fileName', a.file_name, 'fileType', a.file_type, 'fileSize', a.file_size) order by a.created_at, a.id)
           from attachments a where a.message_id = p.id) end as attachments
    from (select c.id from conversations c where c.id = ${id}::uuid and ${scope}) visible
    left join lateral (
      (select m.id, m.sender_type::text as sender_type, false as can_delete, m.sender_name, m.author_id, null::uuid as subject_id,
        m.message_type, m.content, m.attributes, m.sent_at, greatest(m.sent_at, m.stored_at) as arrived_at, m.read_by_guest, m.send_state::text as send_state, m.send_error, m.send_error_words, m.client_key
      from messages m
      where m.conversation_id = ${id}::uuid ${keyset(Prisma.sql`m.sent_at`, Prisma.sql`m.id`)}
      order by m.sent_at desc, m.id asc
      limit ${pageLimit})
      union all
      (select n.id, 'note', (n.author_id = ${viewer.id}::uuid or ${mayDeleteAny}) is true, null, n.author_id, null,
        'internal_note', n.content, null, n.created_at, n.created_at, false, null, null, null, n.client_key::text
      from conversation_notes n
      where n.conversation_id = ${id}::uuid ${keyset(Prisma.sql`n.created_at`, Prisma.sql`n.id`)}
      order by n.created_at desc, n.id asc
      limit ${pageLimit})
      union all
      (select a.id, 'activity', false, null, a.actor_id, a.subject_id, a.kind::text, '',
        jsonb_build_object('until', a.until, 'actorIsSubject', coalesce(a.actor_id = a.subject_id, false), 'label', a.label_name), a.created_at, a.created_at, false, null, null, null, null
      from conversation_activity a
      where a.conversation_id = ${id}::uuid ${keyset(Prisma.sql`a.created_at`, Prisma.sql`a.id`)}
      order by a.created_at desc, a.id asc
      limit ${pageLimit})
      order by sent_at desc, id asc
      limit ${pageLimit}) p on true
    left join users author on author.id = p.author_id
    left join users subject on subject.id = p.subject_id
    order by p.sent_at desc, p.id asc`;
}

function toMessage(row: Row, say: SayWords | null): ThreadMessage {
  const attributes = row.sender_type === "activity" ? {} : attributesSchema.parse(row.attributes ?? {});
  return {
    id: row.id,
    senderType: row.sender_type,
    senderName: row.sender_name,
    authorName: row.author_name,
    messageType: row.message_type,
    content: row.content,
    templateName: attributes.templateName ?? attributes.template_name ?? null,
    selfServiceTopic: attributes.selfServiceTopic ?? attributes.self_service_topic ?? null,
    sentAt: row.sent_at.toISOString(),
    arrivedAt: row.arrived_at.toISOString(),
    readByGuest: row.read_by_guest,
    // An ambiguous send (`unknown`) whose job gave up is, for the staff member, a reply that did not
    // go out as far as anyone can tell: show it as failed with a retry. The retry is safe: the sync
    // engine looks for the message at Booking.com before it posts again.
    sendState: row.send_state === "unknown" && row.action_state === "failed" ? "failed" : row.send_state,
    sendError: say && row.send_error !== null ? sayStored(row.send_error, row.send_error_words, say) : row.send_error,
    clientKey: row.client_key,
    attachments: row.attachments ?? [],
    canDelete: row.can_delete,
    activity: row.sender_type === "activity" ? toActivity(row) : null,
  };
}

function toActivity(row: Row): ThreadActivity {
  const { until, actorIsSubject, label } = activityAttributesSchema.parse(row.attributes);
  return {
    kind: row.message_type as ThreadActivity["kind"],
    actorName: row.author_name,
    subjectName: row.sender_name,
    actorIsSubject,
    until: until === null ? null : new Date(until).toISOString(),
    labelName: label,
  };
}
