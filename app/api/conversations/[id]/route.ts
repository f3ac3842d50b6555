import { withViewer } from "@/lib/auth/guard";
import { localeOfRequest } from "@/lib/i18n/locales";
import { getConversation } from "@/lib/inbox/get-conversation";

export const GET = withViewer<{ id: string }>({}, async ({ request, viewer, params }) => getConversation(viewer, params.id, localeOfRequest(request.headers, viewer.locale)));
