import { validationError } from "@/lib/api/errors";
import { withViewer } from "@/lib/auth/guard";
import { assignConversation } from "@/lib/inbox/assign-conversation";
import { assigneeBody } from "@/lib/inbox/schemas";

/** Assigns the conversation to `userId`, or (null) unassigns it. Answers the new assignee. */
export const PUT = withViewer<{ id: string }>({}, async ({ request, viewer, params }) => {
  const body = assigneeBody.safeParse(await request.json().catch(() => null));
  if (!body.success) throw validationError(body.error, "assignee");
  return assignConversation(viewer, params.id, body.data);
});
