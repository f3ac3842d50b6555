// Changes an account's name, role, property access or active state. Deactivation is immediate: the
// guard's remembered copy of the user is forgotten here on commit (and in every other process by the
// `bellhop_access` notification), and sign-in refuses inactive accounts. History (messages,
// audit entries) stays, which is why accounts are deactivated, never deleted.
//
// Conversations assigned to the user that they can no longer see (all of them once deactivated, those
// of a property taken away) are unassigned in the same transaction (lib/inbox/assign-conversation.ts):
// nobody is left holding a conversation they cannot open.
//
// The last-admin rule: Bellhop must keep at least one active admin, or nobody could manage it. The
// check locks every active admin row (SELECT … FOR UPDATE) before counting, so two admins demoting
// each other at the same moment are serialised and the second one sees the first one's change.
import { AppError } from "../api/errors";
import type { Viewer } from "../auth/guard";
import { forgetViewer } from "../auth/viewer-cache";
import { db } from "../db";
import { clearLostAssignments } from "../inbox/assign-conversation";
import { assertPropertiesExist } from "./create-staff";
import { getStaff, staffAuditView, type StaffView } from "./list-staff";
import { recordAudit } from "./record-audit";
import type { UpdateStaffInput } from "./staff.validation";

export async function updateStaff(viewer: Viewer, userId: string, input: UpdateStaffInput): Promise<StaffView> {
  if (userId === viewer.id && input.active === false) {
    throw AppError.worded("conflict", "staff.cannotDeactivateSelf", { fields: { active: { key: "staff.cannotDeactivateSelfField" } } });
  }
  const updated = await db().$transaction(async (tx) => {
    const activeAdmins = await tx.$queryRaw<{ id: string }[]>`
      select id::text as id from users where role = 'admin' and active order by id for update`;
    const before = await getStaff(tx, userId);

    const losesAdmin = before.role === "admin" && before.active && (input.role === "staff" || input.active === false);
    if (losesAdmin && activeAdmins.filter((admin) => admin.id !== userId).length === 0) {
      const field = input.active === false ? "active" : "role";
      throw AppError.worded("conflict", "staff.lastAdmin", { fields: { [field]: { key: "staff.lastAdminField" } } });
    }

    const role = input.role ?? before.role;
    await tx.user.update({ where: { id: userId }, data: { name: input.name, role: input.role, active: input.active } });
    if (role === "admin") {
      await tx.propertyAccess.deleteMany({ where: { userId } });
    } else if (input.propertyIds !== undefined) {
      const propertyIds = [...new Set(input.propertyIds)];
      await assertPropertiesExist(tx, propertyIds);
      await tx.propertyAccess.deleteMany({ where: { userId } });
      await tx.propertyAccess.createMany({ data: propertyIds.map((propertyId) => ({ userId, propertyId })) });
    }
    if (input.active === false) {
      // A deactivated account must not come back through an old link.
      await tx.passwordSetupToken.deleteMany({ where: { userId, usedAt: null } });
    }
    await clearLostAssignments(tx, userId, viewer);

    const after = await getStaff(tx, userId);
    await recordAudit(tx, viewer, { action: actionFor(before, after), targetType: "user", targetId: userId, before: staffAuditView(before), after: staffAuditView(after) });
    return after;
  });
  // After the commit: forgotten earlier, a request in between could remember the old state again.
  forgetViewer(userId);
  return updated;
}

function actionFor(before: StaffView, after: StaffView): string {
  if (before.active !== after.active) return after.active ? "user.reactivate" : "user.deactivate";
  if (before.role !== after.role) return "user.role";
  if (before.propertyIds.join() !== after.propertyIds.join()) return "user.access";
  return "user.update";
}
