import { validationError } from "@/lib/api/errors";
import { withViewer } from "@/lib/auth/guard";
import { listSavedReplies } from "@/lib/inbox/list-saved-replies";
import { savedRepliesQuery } from "@/lib/inbox/schemas";

export const GET = withViewer({}, async ({ request, viewer }) => {
  const query = savedRepliesQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw validationError(query.error, "saved replies query");
  return listSavedReplies(viewer, query.data.conversationId);
});
