// Read state is per staff member (ConversationRead): opening a thread never marks it read for a
// colleague. Booking.com's own `read` tag is one per property, so opening also asks the sync engine to
// set it on the guest's messages, which is what the guest sees.
import type { Viewer } from "../auth/guard";
import { db } from "../db";
import { enqueueMarkGuestMessagesRead } from "../sync/outbound/enqueue";
import { conversationNotFound, findScopedConversation } from "./get-conversation";

/**
 * `readBefore`: this staff member's last read before this one (null: never, or none left by "mark as
 * unread" on a conversation without a guest message), so the thread that opened can mark what arrived
 * after it as new, whatever its cache showed; `readAt`: the read now; `guestArrivedAt`: when the
 * guest's newest message arrived (null: none), so the thread can tell whether what it shows is that
 * far yet (a cached page may not be).
 */
export async function markConversationRead(
  viewer: Viewer,
  conversationId: string,
): Promise<{ unread: false; readBefore: string | null; readAt: string; guestArrivedAt: string | null }> {
  const { conversation, readBefore, readAt, guestArrivedAt } = await markReadForViewer(viewer, conversationId);
  // A no-op (no job) when every guest message already carries the tag.
  await enqueueMarkGuestMessagesRead({ viewer, conversationId: conversation.id });
  return { unread: false, readBefore: readBefore?.toISOString() ?? null, readAt: readAt.toISOString(), guestArrivedAt: guestArrivedAt?.toISOString() ?? null };
}

/**
 * Read for this staff member only, without Booking.com's `read` tag: "mark as read" from the list
 * (lib/inbox/bulk-actions.ts), where nobody opened the thread, must not tell the guest it was read.
 */
export async function markReadForViewer(
  viewer: Viewer,
  conversationId: string,
): Promise<{ conversation: { id: string }; readBefore: Date | null; readAt: Date; guestArrivedAt: Date | null }> {
  const conversation = await findScopedConversation(viewer, conversationId);
  // greatest(): Booking's timestamps come from its clock, not ours; a guest message stamped a moment
  // "in the future" must still count as read (as must one stored by a transaction that began after
  // this one: unreadSql compares with both times; greatest() skips their nulls). One statement: the
  // CTE reads the row as it was before the upsert (the statement's snapshot).
  const rows = await db().$queryRaw<{ read_before: Date | null; read_at: Date; guest_arrived_at: Date | null }[]>`
    with previous as (
      select last_read_at from conversation_reads where user_id = ${viewer.id}::uuid and conversation_id = ${conversation.id}::uuid
    ), marked as (
      insert into conversation_reads (user_id, conversation_id, last_read_at)
      select ${viewer.id}::uuid, c.id, greatest(now(), c.last_guest_message_at, c.last_guest_stored_at) from conversations c where c.id = ${conversation.id}::uuid
      on conflict (user_id, conversation_id) do update set last_read_at = greatest(conversation_reads.last_read_at, excluded.last_read_at)
      returning last_read_at
    )
    select (select last_read_at from previous) as read_before, marked.last_read_at as read_at,
      (select greatest(c.last_guest_message_at, c.last_guest_stored_at) from conversations c where c.id = ${conversation.id}::uuid) as guest_arrived_at
    from marked`;
  const row = rows[0];
  // The insert selects the conversation found just above: no row only if it was deleted in between.
  if (!row) throw conversationNotFound();
  return { conversation, readBefore: row.read_before, readAt: row.read_at, guestArrivedAt: row.guest_arrived_at };
}

/**
 * "Mark as unread" for this staff member only; Booking.com's tag and colleagues are untouched. The read
 * goes back to just before the guest's newest message arrived, rather than away: that message is
 * unread again, and is what the thread marks new when it is opened (a read removed would mark nothing,
 * new-since-read.ts). Without a guest message there is nothing to be unread, and the read is removed.
 */
export async function markConversationUnread(viewer: Viewer, conversationId: string): Promise<{ unread: boolean }> {
  const conversation = await findScopedConversation(viewer, conversationId);
  const rows = await db().$queryRaw<{ unread: boolean }[]>`
    with newest as (
      select greatest(c.last_guest_message_at, c.last_guest_stored_at) as arrived_at from conversations c where c.id = ${conversation.id}::uuid
    ), moved_back as (
      insert into conversation_reads (user_id, conversation_id, last_read_at)
      select ${viewer.id}::uuid, ${conversation.id}::uuid, n.arrived_at - interval '1 millisecond' from newest n where n.arrived_at is not null
      on conflict (user_id, conversation_id) do update set last_read_at = excluded.last_read_at
    ), removed as (
      delete from conversation_reads where user_id = ${viewer.id}::uuid and conversation_id = ${conversation.id}::uuid and (select arrived_at from newest) is null
    )
    select (select arrived_at from newest) is not null as unread`;
  return { unread: rows[0]?.unread ?? false };
}
