import { withViewer } from "@/lib/auth/guard";
import { readJsonBody, requireUuid } from "@/lib/admin/read-json-body";
import { labelInputSchema } from "@/lib/admin/label.validation";
import { deleteLabel, updateLabel } from "@/lib/admin/save-label";

export const PUT = withViewer<{ labelId: string }>({ role: "admin" }, async ({ request, viewer, params }) => ({
  label: await updateLabel(viewer, requireUuid(params.labelId, "label"), await readJsonBody(request, labelInputSchema, "label")),
}));

/** Takes the label off every conversation too; answers how many had it. */
export const DELETE = withViewer<{ labelId: string }>({ role: "admin" }, async ({ viewer, params }) => deleteLabel(viewer, requireUuid(params.labelId, "label")));
