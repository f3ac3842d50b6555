import { withViewer } from "@/lib/auth/guard";
import { listPresenceInScope } from "@/lib/inbox/presence";

/** Colleagues' presence in every conversation the viewer may see, for the list's rows. */
export const GET = withViewer({}, async ({ viewer }) => listPresenceInScope(viewer));
