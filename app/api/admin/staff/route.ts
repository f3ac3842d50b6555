import { withViewer } from "@/lib/auth/guard";
import { createStaff } from "@/lib/admin/create-staff";
import { listStaff } from "@/lib/admin/list-staff";
import { readJsonBody } from "@/lib/admin/read-json-body";
import { createStaffSchema } from "@/lib/admin/staff.validation";

export const GET = withViewer({ role: "admin" }, async () => ({ users: await listStaff() }));

export const POST = withViewer({ role: "admin" }, async ({ request, viewer }) => {
  const input = await readJsonBody(request, createStaffSchema, "account");
  return Response.json(await createStaff(viewer, input), { status: 201 });
});
