import { withViewer } from "@/lib/auth/guard";
import { countUnreadConversations } from "@/lib/inbox/count-unread-conversations";

export const GET = withViewer({}, async ({ viewer }) => countUnreadConversations(viewer));
