import { withViewer } from "@/lib/auth/guard";
import { listVisibleProperties } from "@/lib/inbox/properties";

export const GET = withViewer({}, async ({ viewer }) => ({ properties: await listVisibleProperties(viewer) }));
