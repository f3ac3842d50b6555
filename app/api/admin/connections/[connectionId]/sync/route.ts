import { withViewer } from "@/lib/auth/guard";
import { requireUuid } from "@/lib/admin/read-json-body";
import { runSyncNow } from "@/lib/admin/run-sync-now";

export const POST = withViewer<{ connectionId: string }>({ role: "admin" }, async ({ viewer, params }) => runSyncNow(viewer, requireUuid(params.connectionId, "connection")));
