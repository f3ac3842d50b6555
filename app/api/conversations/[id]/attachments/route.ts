import { withViewer } from "@/lib/auth/guard";
import { uploadAttachment } from "@/lib/inbox/upload-attachment";

export const runtime = "nodejs";

/** The body is the image itself (so the browser can show upload progress); X-File-Name names it. */
export const POST = withViewer<{ id: string }>({}, async ({ request, viewer, params }) => {
  const result = await uploadAttachment(viewer, params.id, request);
  return Response.json(result, { status: 201 });
});
