import { validationError } from "@/lib/api/errors";
import { withViewer } from "@/lib/auth/guard";
import { getResponseTimes } from "@/lib/inbox/response-times";
import { reportQuery } from "@/lib/inbox/schemas";

export const GET = withViewer({}, async ({ request, viewer }) => {
  const query = reportQuery.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) throw validationError(query.error, "report query");
  return getResponseTimes(viewer, query.data);
});
