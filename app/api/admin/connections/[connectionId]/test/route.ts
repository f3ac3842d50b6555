import { withViewer } from "@/lib/auth/guard";
import { requireUuid } from "@/lib/admin/read-json-body";
import { testConnection } from "@/lib/admin/test-connection";
import { wordsForRequest } from "@/lib/i18n/localized-error";

export const POST = withViewer<{ connectionId: string }>({ role: "admin" }, async ({ request, viewer, params }) => ({
  test: await testConnection(viewer, requireUuid(params.connectionId, "connection"), { say: await wordsForRequest(request, viewer) }),
}));
