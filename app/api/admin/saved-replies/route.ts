import { withViewer } from "@/lib/auth/guard";
import { listSavedReplies } from "@/lib/admin/list-saved-replies";
import { readJsonBody } from "@/lib/admin/read-json-body";
import { saveSavedReply } from "@/lib/admin/save-saved-reply";
import { savedReplyInputSchema } from "@/lib/admin/saved-reply.validation";

export const GET = withViewer({ role: "admin" }, async () => ({ replies: await listSavedReplies() }));

export const POST = withViewer({ role: "admin" }, async ({ request, viewer }) => {
  const input = await readJsonBody(request, savedReplyInputSchema, "saved reply");
  return Response.json({ reply: await saveSavedReply(viewer, null, input) }, { status: 201 });
});
