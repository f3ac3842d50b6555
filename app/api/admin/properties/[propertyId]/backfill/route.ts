import { withViewer } from "@/lib/auth/guard";
import { restartBackfill } from "@/lib/admin/restart-backfill";

export const POST = withViewer<{ propertyId: string }>({ role: "admin" }, async ({ viewer, params }) => ({ property: await restartBackfill(viewer, params.propertyId) }));
