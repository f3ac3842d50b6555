// One conversation's header for the thread view. Outside the viewer's scope it does not exist (404).
import { Prisma } from "../generated/prisma/client";
import { AppError, englishWords } from "../api/errors";
import type { Viewer } from "../auth/guard";
import { db } from "../db";
import type { Locale } from "../i18n/locales";
import { wordsIn } from "../i18n/localized-error";
import { sayStored } from "../i18n/stored-words";
import { selectList, toItem, type ConversationListRow } from "./list-conversations";
import { conversationIdParam, type ConversationDetail } from "./schemas";
import { propertyScopeSql } from "./scope-sql";

type DetailRow = ConversationListRow & {
  time_zone: string;
  message_count: number;
  change_seq: bigint;
  no_reply_needed_problem: { english: string | null; words: unknown } | null;
  last_read_at: Date | null;
};

/** `locale`: the language of the "no reply needed" problem, when the worker stored its words. */
export async function getConversation(viewer: Viewer, conversationId: string, locale: Locale = "en"): Promise<ConversationDetail> {
  const id = parseConversationId(conversationId);
  const rows = await db().$queryRaw<DetailRow[]>`
    ${selectList(
      viewer,
      // The conversation's latest "no reply needed" action, when it failed for good: Booking.com still
      // shows the other state, and reads of it are held back (lib/sync/store-messages.ts).
      Prisma.sql`p.time_zone, c.message_count, c.change_seq, r.last_read_at,
        (select jsonb_build_object('english', a.last_error, 'words', a.last_error_words) from (
           select oa.state, oa.last_error, oa.last_error_words from outbound_actions oa
           where oa.conversation_id = c.id and oa.kind in ('set_no_reply_needed', 'clear_no_reply_needed')
           order by oa.created_at desc, oa.id desc limit 1) a
         where a.state = 'failed') as no_reply_needed_problem,`,
    )}
    where c.id = ${id}::uuid and ${propertyScopeSql(viewer, Prisma.sql`c.property_id`)}`;
  const row = rows[0];
  if (!row) throw conversationNotFound();
  return {
    ...toItem(row),
    propertyTimeZone: row.time_zone,
    messageCount: row.message_count,
    changeSeq: row.change_seq.toString(),
    noReplyNeededProblem: row.no_reply_needed_problem && (await sayProblem(row.no_reply_needed_problem, locale)),
    lastReadAt: row.last_read_at?.toISOString() ?? null,
  };
}

async function sayProblem(problem: { english: string | null; words: unknown }, locale: Locale): Promise<string> {
  const say = locale === "en" ? englishWords : await wordsIn(locale);
  return problem.english === null ? say({ key: "sending.refused" }) : sayStored(problem.english, problem.words, say);
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
  return AppError.worded("not_found", "conversations.notFound");
}
