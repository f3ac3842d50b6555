import { withViewer } from "@/lib/auth/guard";
import { getConversation } from "@/lib/inbox/get-conversation";

export const GET = withViewer<{ id: string }>({}, async ({ viewer, params }) => getConversation(viewer, params.id));
