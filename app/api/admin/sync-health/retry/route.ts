import { z } from "zod";
import { withViewer } from "@/lib/auth/guard";
import { readJsonBody } from "@/lib/admin/read-json-body";
import { retryFailedOutbound } from "@/lib/admin/retry-failed-outbound";

const retrySchema = z.object({ actionId: z.uuid().optional(), messageId: z.uuid().optional() }).refine((input) => input.actionId || input.messageId, "Say which action or message to retry");

export const POST = withViewer({ role: "admin" }, async ({ request, viewer }) => retryFailedOutbound(viewer, await readJsonBody(request, retrySchema, "retry")));
