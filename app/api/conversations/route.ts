import { validationError } from "@/lib/api/errors";
import { withViewer } from "@/lib/auth/guard";
import { listConversations } from "@/lib/inbox/list-conversations";
import { listConversationsQuery } from "@/lib/inbox/schemas";

export const GET = withViewer({}, async ({ request, viewer }) => {
  const query = listConversationsQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw validationError(query.error, "list query");
  return listConversations(viewer, query.data);
});
