import { withViewer } from "@/lib/auth/guard";
import { listLabels } from "@/lib/inbox/labels";

/** The team's labels, for every staff member's menus, chips and filter (admins keep them: /api/admin/labels). */
export const GET = withViewer({}, async () => ({ labels: await listLabels() }));
