import { withViewer } from "@/lib/auth/guard";
import { updatePropertySchema } from "@/lib/admin/property.validation";
import { readJsonBody } from "@/lib/admin/read-json-body";
import { updateProperty } from "@/lib/admin/update-property";

export const PATCH = withViewer<{ propertyId: string }>({ role: "admin" }, async ({ request, viewer, params }) => ({
  property: await updateProperty(viewer, params.propertyId, await readJsonBody(request, updatePropertySchema, "property")),
}));
