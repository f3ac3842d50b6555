// A staff member acts on what their page shows. Snoozing a conversation or marking it "no reply needed"
// takes it out of the views that ask for an answer; done on a page that has not yet shown the guest's
// latest message (a live update still on its way, a message that arrived the second before the click),
// it would hide a message nobody has read. So those requests carry the newest guest message the page
// shows, and are refused (409) when the guest has written since: checked in the same statement or
// transaction as the change, under the conversation's row lock.
import { AppError } from "../api/errors";
import { Prisma } from "../generated/prisma/client";

/**
 * SQL that is true when `conversationId` has a guest message newer than `seen` (null: the page showed
 * none, so any). `seen` undefined (a caller that did not say): false, no check.
 */
export function guestWroteSinceSql(conversationId: Prisma.Sql, seen: string | null | undefined): Prisma.Sql {
  if (seen === undefined) return Prisma.sql`false`;
  const newer = seen === null ? Prisma.empty : Prisma.sql`and m.sent_at > ${new Date(seen)}::timestamptz`;
  return Prisma.sql`exists (select 1 from messages m where m.conversation_id = ${conversationId} and m.sender_type = 'guest' ${newer})`;
}

/** The 409 for a request refused because the guest wrote since; `action` names what was refused (in the words). */
export function guestWroteSince(action: "snooze" | "noReplyNeeded"): AppError {
  return AppError.worded("conflict", `guestWroteSince.${action}`);
}
