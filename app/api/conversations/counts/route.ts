import { withViewer } from "@/lib/auth/guard";
import { countConversations } from "@/lib/inbox/count-conversations";

/** The tabs' numbers: unread for this staff member, and guests waiting for a reply. */
export const GET = withViewer({}, async ({ viewer }) => countConversations(viewer));
