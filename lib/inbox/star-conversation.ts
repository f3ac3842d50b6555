// Stars: a staff member's own "come back to this" on a conversation, listed in their Starred view. Like
// read state, and unlike snooze or "no reply needed", a star is nobody else's business: it is not shown
// to colleagues, leaves no line in the thread and goes nowhere (Booking.com has no such tag). So it does
// not touch the conversation's row either, which would announce a change to every open inbox; the tab
// that starred it updates its own cache.
import type { Viewer } from "../auth/guard";
import { db } from "../db";
import { findScopedConversation } from "./get-conversation";

/** Stars the conversation for the viewer, or takes their star away; either is idempotent. */
export async function setConversationStar(viewer: Viewer, conversationId: string, starred: boolean): Promise<{ starred: boolean }> {
  const conversation = await findScopedConversation(viewer, conversationId);
  if (starred) {
    await db().conversationStar.upsert({
      where: { userId_conversationId: { userId: viewer.id, conversationId: conversation.id } },
      create: { userId: viewer.id, conversationId: conversation.id },
      update: {},
    });
  } else {
    await db().conversationStar.deleteMany({ where: { userId: viewer.id, conversationId: conversation.id } });
  }
  return { starred };
}
