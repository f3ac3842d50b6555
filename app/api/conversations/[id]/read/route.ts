import { withViewer } from "@/lib/auth/guard";
import { markConversationRead, markConversationUnread } from "@/lib/inbox/mark-conversation-read";

/** Opening a thread: read for this staff member, and Booking.com's read tag on the guest's messages. */
export const POST = withViewer<{ id: string }>({}, async ({ viewer, params }) => markConversationRead(viewer, params.id));

/** "Mark as unread": for this staff member only. */
export const DELETE = withViewer<{ id: string }>({}, async ({ viewer, params }) => markConversationUnread(viewer, params.id));
