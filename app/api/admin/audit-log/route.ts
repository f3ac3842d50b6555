import { z } from "zod";
import { withViewer } from "@/lib/auth/guard";
import { listAuditLog } from "@/lib/admin/list-audit-log";
import { parseInput } from "@/lib/admin/read-json-body";

const querySchema = z.object({ page: z.coerce.number().int().min(1).max(100_000).default(1) });

export const GET = withViewer({ role: "admin" }, async ({ request }) => {
  const { page } = parseInput(querySchema, Object.fromEntries(new URL(request.url).searchParams), "page");
  return listAuditLog(page);
});
