import { withViewer } from "@/lib/auth/guard";
import { listDraftConversationIds } from "@/lib/inbox/drafts";

/** The conversations in which the signed-in staff member has a draft, on any device. */
export const GET = withViewer({}, async ({ viewer }) => listDraftConversationIds(viewer));
