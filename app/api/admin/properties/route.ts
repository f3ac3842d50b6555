import { withViewer } from "@/lib/auth/guard";
import { addProperty } from "@/lib/admin/add-property";
import { listAdminProperties } from "@/lib/admin/list-admin-properties";
import { addPropertySchema } from "@/lib/admin/property.validation";
import { readJsonBody } from "@/lib/admin/read-json-body";
import { wordsForRequest } from "@/lib/i18n/localized-error";

export const GET = withViewer({ role: "admin" }, async () => ({ properties: await listAdminProperties() }));

export const POST = withViewer({ role: "admin" }, async ({ request, viewer }) => {
  const input = await readJsonBody(request, addPropertySchema, "property");
  return Response.json(await addProperty(viewer, input, { say: await wordsForRequest(request, viewer) }), { status: 201 });
});
