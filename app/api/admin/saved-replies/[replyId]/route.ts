import { withViewer } from "@/lib/auth/guard";
import { readJsonBody, requireUuid } from "@/lib/admin/read-json-body";
import { deleteSavedReply, saveSavedReply } from "@/lib/admin/save-saved-reply";
import { savedReplyInputSchema } from "@/lib/admin/saved-reply.validation";

export const PUT = withViewer<{ replyId: string }>({ role: "admin" }, async ({ request, viewer, params }) => ({
  reply: await saveSavedReply(viewer, requireUuid(params.replyId, "saved reply"), await readJsonBody(request, savedReplyInputSchema, "saved reply")),
}));

export const DELETE = withViewer<{ replyId: string }>({ role: "admin" }, async ({ viewer, params }) => {
  await deleteSavedReply(viewer, requireUuid(params.replyId, "saved reply"));
  return new Response(null, { status: 204 });
});
