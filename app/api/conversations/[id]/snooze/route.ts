import { validationError } from "@/lib/api/errors";
import { withViewer } from "@/lib/auth/guard";
import { snoozeBody } from "@/lib/inbox/schemas";
import { snoozeConversation, unsnoozeConversation } from "@/lib/inbox/snooze-conversation";

/** Snooze until `until`, or (null) until the guest replies. */
export const PUT = withViewer<{ id: string }>({}, async ({ request, viewer, params }) => {
  const body = snoozeBody.safeParse(await request.json().catch(() => null));
  if (!body.success) throw validationError(body.error, "snooze");
  return snoozeConversation(viewer, params.id, body.data);
});

export const DELETE = withViewer<{ id: string }>({}, async ({ viewer, params }) => unsnoozeConversation(viewer, params.id));
