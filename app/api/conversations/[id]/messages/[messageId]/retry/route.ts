import { withViewer } from "@/lib/auth/guard";
import { retryReply } from "@/lib/inbox/send-reply";

export const POST = withViewer<{ id: string; messageId: string }>({}, async ({ viewer, params }) => retryReply(viewer, params.id, params.messageId));
