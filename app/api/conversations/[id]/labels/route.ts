import { validationError } from "@/lib/api/errors";
import { withViewer } from "@/lib/auth/guard";
import { setConversationLabel } from "@/lib/inbox/labels";
import { conversationLabelBody } from "@/lib/inbox/schemas";

/** `{ labelId, applied }` puts one of the team's labels on the conversation, or takes it off; answers its labels. */
export const PUT = withViewer<{ id: string }>({}, async ({ request, viewer, params }) => {
  const body = conversationLabelBody.safeParse(await request.json().catch(() => null));
  if (!body.success) throw validationError(body.error, "label change");
  return setConversationLabel(viewer, params.id, body.data);
});
