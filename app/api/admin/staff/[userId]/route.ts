import { withViewer } from "@/lib/auth/guard";
import { readJsonBody, requireUuid } from "@/lib/admin/read-json-body";
import { updateStaffSchema } from "@/lib/admin/staff.validation";
import { updateStaff } from "@/lib/admin/update-staff";

export const PATCH = withViewer<{ userId: string }>({ role: "admin" }, async ({ request, viewer, params }) => ({
  user: await updateStaff(viewer, requireUuid(params.userId, "account"), await readJsonBody(request, updateStaffSchema, "account")),
}));
