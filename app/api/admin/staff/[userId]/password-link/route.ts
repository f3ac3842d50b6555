import { withViewer } from "@/lib/auth/guard";
import { createPasswordLink } from "@/lib/admin/create-password-link";
import { requireUuid } from "@/lib/admin/read-json-body";

export const POST = withViewer<{ userId: string }>({ role: "admin" }, async ({ viewer, params }) =>
  Response.json({ setupLink: await createPasswordLink(viewer, requireUuid(params.userId, "account")) }, { status: 201 }),
);
