import { validationError } from "@/lib/api/errors";
import { withViewer } from "@/lib/auth/guard";
import { getDraft, saveDraft } from "@/lib/inbox/drafts";
import { saveDraftBody } from "@/lib/inbox/schemas";

/** The signed-in staff member's own draft in this conversation (lib/inbox/drafts.ts). */
export const GET = withViewer<{ id: string }>({}, async ({ viewer, params }) => getDraft(viewer, params.id));

/** What the box holds now; no text and no images clears it. */
export const PUT = withViewer<{ id: string }>({}, async ({ request, viewer, params }) => {
  const body = saveDraftBody.safeParse(await request.json().catch(() => null));
  if (!body.success) throw validationError(body.error, "draft");
  return saveDraft(viewer, params.id, body.data);
});
