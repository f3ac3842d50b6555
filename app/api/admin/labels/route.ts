import { withViewer } from "@/lib/auth/guard";
import { readJsonBody } from "@/lib/admin/read-json-body";
import { labelInputSchema } from "@/lib/admin/label.validation";
import { createLabel } from "@/lib/admin/save-label";

export const POST = withViewer({ role: "admin" }, async ({ request, viewer }) => {
  const input = await readJsonBody(request, labelInputSchema, "label");
  return Response.json({ label: await createLabel(viewer, input) }, { status: 201 });
});
