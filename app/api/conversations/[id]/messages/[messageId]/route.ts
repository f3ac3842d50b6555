import { withViewer } from "@/lib/auth/guard";
import { cancelScheduledReply } from "@/lib/inbox/send-reply";

/** Cancels a reply scheduled for later; 409 once it has started to go. */
export const DELETE = withViewer<{ id: string; messageId: string }>({}, async ({ viewer, params }) => cancelScheduledReply(viewer, params.id, params.messageId));
