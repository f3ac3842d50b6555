import { validationError } from "@/lib/api/errors";
import { withViewer } from "@/lib/auth/guard";
import { starBody } from "@/lib/inbox/schemas";
import { setConversationStar } from "@/lib/inbox/star-conversation";

/** `{ starred: true }` stars the conversation for the signed-in staff member; `false` takes it away. */
export const PUT = withViewer<{ id: string }>({}, async ({ request, viewer, params }) => {
  const body = starBody.safeParse(await request.json().catch(() => null));
  if (!body.success) throw validationError(body.error, "star");
  return setConversationStar(viewer, params.id, body.data.starred);
});
