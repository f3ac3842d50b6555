import { withViewer } from "@/lib/auth/guard";
import { streamConversationEvents } from "@/lib/inbox/stream-conversation-events";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = withViewer({}, async ({ request, viewer }) => streamConversationEvents(viewer, request.signal));
