import { validationError } from "@/lib/api/errors";
import { withViewer } from "@/lib/auth/guard";
import { listAssigneesForProperties } from "@/lib/inbox/assign-conversation";
import { assigneesQuery } from "@/lib/inbox/schemas";

/** Who conversations of all the given properties may be assigned to: the bulk bar's assign picker. */
export const GET = withViewer({}, async ({ request, viewer }) => {
  const query = assigneesQuery.safeParse({ property: new URL(request.url).searchParams.getAll("property") });
  if (!query.success) throw validationError(query.error, "assignees query");
  return listAssigneesForProperties(viewer, query.data.property);
});
