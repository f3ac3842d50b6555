import { validationError } from "@/lib/api/errors";
import { withViewer } from "@/lib/auth/guard";
import { getPresence, leavePresence, recordPresence } from "@/lib/inbox/presence";
import { presenceBody, presenceLeaveQuery } from "@/lib/inbox/schemas";

export const GET = withViewer<{ id: string }>({}, async ({ viewer, params }) => getPresence(viewer, params.id));

export const PUT = withViewer<{ id: string }>({}, async ({ request, viewer, params }) => {
  const body = presenceBody.safeParse(await request.json().catch(() => null));
  if (!body.success) throw validationError(body.error, "presence");
  return recordPresence(viewer, params.id, body.data);
});

export const DELETE = withViewer<{ id: string }>({}, async ({ request, viewer, params }) => {
  const query = presenceLeaveQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw validationError(query.error, "presence");
  return leavePresence(viewer, params.id, query.data.tab);
});
