import { withViewer } from "@/lib/auth/guard";
import { getSyncHealth } from "@/lib/admin/get-sync-health";

export const GET = withViewer({ role: "admin" }, async () => getSyncHealth());
