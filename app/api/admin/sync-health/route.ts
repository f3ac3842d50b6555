import { withViewer } from "@/lib/auth/guard";
import { getSyncHealth } from "@/lib/admin/get-sync-health";
import { wordsForRequest } from "@/lib/i18n/localized-error";

export const GET = withViewer({ role: "admin" }, async ({ request, viewer }) => getSyncHealth(await wordsForRequest(request, viewer)));
