import { withViewer } from "@/lib/auth/guard";
import { getPreviewValues } from "@/lib/admin/get-preview-values";
import { parseInput } from "@/lib/admin/read-json-body";
import { previewValuesQuerySchema } from "@/lib/admin/saved-reply.validation";

export const GET = withViewer({ role: "admin" }, async ({ request }) => {
  const query = parseInput(previewValuesQuerySchema, Object.fromEntries(new URL(request.url).searchParams), "preview");
  return getPreviewValues(query.propertyId);
});
