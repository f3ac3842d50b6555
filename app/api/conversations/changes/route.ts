import { validationError } from "@/lib/api/errors";
import { withViewer } from "@/lib/auth/guard";
import { listConversationChanges } from "@/lib/inbox/list-conversation-changes";
import { changesQuery } from "@/lib/inbox/schemas";

export const GET = withViewer({}, async ({ request, viewer }) => {
  const query = changesQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw validationError(query.error, "cursor");
  return listConversationChanges(viewer, query.data.since);
});
