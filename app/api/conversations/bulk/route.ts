import { validationError } from "@/lib/api/errors";
import { withViewer } from "@/lib/auth/guard";
import { localeOfRequest } from "@/lib/i18n/locales";
import { runBulkAction } from "@/lib/inbox/bulk-actions";
import { bulkActionBody } from "@/lib/inbox/schemas";

/** One action on the conversations chosen in the list; answers each one's outcome (see lib/inbox/bulk-actions.ts). */
export const POST = withViewer({}, async ({ request, viewer }) => {
  const body = bulkActionBody.safeParse(await request.json().catch(() => null));
  if (!body.success) throw validationError(body.error, "bulk action");
  // Each refusal's reason in the staff member's language, as a single action's error would be.
  return runBulkAction(viewer, body.data, localeOfRequest(request.headers, viewer.locale));
});
