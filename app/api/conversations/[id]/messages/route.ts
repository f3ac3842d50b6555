import { validationError } from "@/lib/api/errors";
import { withViewer } from "@/lib/auth/guard";
import { localeOfRequest } from "@/lib/i18n/locales";
import { listThreadMessages } from "@/lib/inbox/list-thread-messages";
import { sendReplyBody, threadQuery } from "@/lib/inbox/schemas";
import { sendReply } from "@/lib/inbox/send-reply";

export const GET = withViewer<{ id: string }>({}, async ({ request, viewer, params }) => {
  const query = threadQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw validationError(query.error, "thread query");
  return listThreadMessages(viewer, params.id, query.data, localeOfRequest(request.headers, viewer.locale));
});

export const POST = withViewer<{ id: string }>({}, async ({ request, viewer, params }) => {
  const body = sendReplyBody.safeParse(await request.json().catch(() => null));
  if (!body.success) throw validationError(body.error, "reply");
  const result = await sendReply(viewer, params.id, body.data);
  return Response.json(result, { status: result.created ? 201 : 200 });
});
