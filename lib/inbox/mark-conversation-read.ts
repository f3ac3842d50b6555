// Read state is per staff member (ConversationRead): opening a thread never marks it read for a
// colleague. Booking.com's own `read` tag is one per property, so opening also asks the sync engine to
// set it on the guest's messages, which is what the guest sees.
import type { Viewer } from "../auth/guard";
import { db } from "../db";
import { enqueueMarkGuestMessagesRead } from "../sync/outbound/enqueue";
import { findScopedConversation } from "./get-conversation";

export async function markConversationRead(viewer: Viewer, conversationId: string): Promise<{ unread: false }> {
  const conversation = await markReadForViewer(viewer, conversationId);
  // A no-op (no job) when every guest message already carries the tag.
  await enqueueMarkGuestMessagesRead({ viewer, conversationId: conversation.id });
  return { unread: false };
}

/**
 * Read for this staff member only, without Booking.com's `read` tag: "mark as read" from the list
 * (lib/inbox/bulk-actions.ts), where nobody opened the thread, must not tell the guest it was read.
 */
export async function markReadForViewer(viewer: Viewer, conversationId: string): Promise<{ id: string }> {
  const conversation = await findScopedConversation(viewer, conversationId);
  // greatest(): Booking's timestamps come from its clock, not ours; a guest message stamped a moment
  // "in the future" must still count as read (as must one stored by a transaction that began after
  // this one: unreadSql compares with both times; greatest() skips their nulls).
  await db().$executeRaw`
    insert into conversation_reads (user_id, conversation_id, last_read_at)
    select ${viewer.id}::uuid, c.id, greatest(now(), c.last_guest_message_at, c.last_guest_stored_at) from conversations c where c.id = ${conversation.id}::uuid
    on conflict (user_id, conversation_id) do update set last_read_at = greatest(conversation_reads.last_read_at, excluded.last_read_at)`;
  return conversation;
}

/** "Mark as unread" for this staff member only; Booking.com's tag and colleagues are untouched. */
export async function markConversationUnread(viewer: Viewer, conversationId: string): Promise<{ unread: boolean }> {
  const conversation = await findScopedConversation(viewer, conversationId);
  await db().conversationRead.deleteMany({ where: { userId: viewer.id, conversationId: conversation.id } });
  const hasGuestMessage = await db().conversation.count({ where: { id: conversation.id, lastGuestMessageAt: { not: null } } });
  return { unread: hasGuestMessage > 0 };
}
