import { validationError } from "@/lib/api/errors";
import { withViewer } from "@/lib/auth/guard";
import { noReplyNeededBody } from "@/lib/inbox/schemas";
import { setNoReplyNeeded } from "@/lib/inbox/send-reply";

export const PUT = withViewer<{ id: string }>({}, async ({ request, viewer, params }) => {
  const body = noReplyNeededBody.safeParse(await request.json().catch(() => null));
  if (!body.success) throw validationError(body.error, "no reply needed");
  return setNoReplyNeeded(viewer, params.id, body.data);
});
