import { withViewer } from "@/lib/auth/guard";
import { requireUuid } from "@/lib/admin/read-json-body";
import { testConnection } from "@/lib/admin/test-connection";

export const POST = withViewer<{ connectionId: string }>({ role: "admin" }, async ({ viewer, params }) => ({
  test: await testConnection(viewer, requireUuid(params.connectionId, "connection")),
}));
