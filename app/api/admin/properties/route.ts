import { withViewer } from "@/lib/auth/guard";
import { addProperty } from "@/lib/admin/add-property";
import { listAdminProperties } from "@/lib/admin/list-admin-properties";
import { addPropertySchema } from "@/lib/admin/property.validation";
import { readJsonBody } from "@/lib/admin/read-json-body";

export const GET = withViewer({ role: "admin" }, async () => ({ properties: await listAdminProperties() }));

export const POST = withViewer({ role: "admin" }, async ({ request, viewer }) => {
  const input = await readJsonBody(request, addPropertySchema, "property");
  return Response.json(await addProperty(viewer, input), { status: 201 });
});
