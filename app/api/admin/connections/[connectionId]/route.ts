import { withViewer } from "@/lib/auth/guard";
import { connectionInputSchema } from "@/lib/admin/connection.validation";
import { readJsonBody, requireUuid } from "@/lib/admin/read-json-body";
import { saveConnection } from "@/lib/admin/save-connection";
import { wordsForRequest } from "@/lib/i18n/localized-error";

export const PUT = withViewer<{ connectionId: string }>({ role: "admin" }, async ({ request, viewer, params }) => {
  const id = requireUuid(params.connectionId, "connection");
  return saveConnection(viewer, id, await readJsonBody(request, connectionInputSchema, "connection"), { say: await wordsForRequest(request, viewer) });
});
