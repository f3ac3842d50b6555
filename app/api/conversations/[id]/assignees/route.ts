import { withViewer } from "@/lib/auth/guard";
import { listAssignees } from "@/lib/inbox/assign-conversation";

/** Who the conversation may be assigned to, by name: the assign picker's options. */
export const GET = withViewer<{ id: string }>({}, async ({ viewer, params }) => listAssignees(viewer, params.id));
