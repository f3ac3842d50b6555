import { validationError } from "@/lib/api/errors";
import { withViewer } from "@/lib/auth/guard";
import { findConversationByReservation } from "@/lib/inbox/find-conversation-by-reservation";
import { findByReservationBody } from "@/lib/inbox/schemas";

export const POST = withViewer({}, async ({ request, viewer }) => {
  const body = findByReservationBody.safeParse(await request.json().catch(() => null));
  if (!body.success) throw validationError(body.error, "reservation lookup");
  return findConversationByReservation(viewer, body.data);
});
