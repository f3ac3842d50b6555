import { withViewer } from "@/lib/auth/guard";
import { connectionInputSchema } from "@/lib/admin/connection.validation";
import { getConnections } from "@/lib/admin/get-connections";
import { readJsonBody } from "@/lib/admin/read-json-body";
import { saveConnection } from "@/lib/admin/save-connection";
import { wordsForRequest } from "@/lib/i18n/localized-error";

export const GET = withViewer({ role: "admin" }, async ({ request, viewer }) => ({ connections: await getConnections(await wordsForRequest(request, viewer)) }));

export const POST = withViewer({ role: "admin" }, async ({ request, viewer }) => {
  const input = await readJsonBody(request, connectionInputSchema, "connection");
  return Response.json(await saveConnection(viewer, null, input, { say: await wordsForRequest(request, viewer) }), { status: 201 });
});
