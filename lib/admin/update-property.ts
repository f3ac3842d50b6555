// Renames a property, changes its time zone, enables or disables it, or sets its welcome message.
import { AppError } from "../api/errors";
import type { Viewer } from "../auth/guard";
import { db } from "../db";
import { auditView } from "./add-property";
import { getAdminProperty, type AdminPropertyView } from "./list-admin-properties";
import type { UpdatePropertyInput } from "./property.validation";
import { recordAudit } from "./record-audit";

export async function updateProperty(viewer: Viewer, propertyId: string, input: UpdatePropertyInput): Promise<AdminPropertyView> {
  return db().$transaction(async (tx) => {
    const before = await getAdminProperty(tx, propertyId);
    if (input.welcomeReplyId) {
      // The welcome reply must be usable for this property: global, or scoped to it.
      const reply = await tx.savedReply.findUnique({ where: { id: input.welcomeReplyId }, select: { propertyId: true } });
      if (!reply || (reply.propertyId !== null && reply.propertyId !== propertyId)) {
        throw AppError.worded("validation_failed", "properties.welcomeUnavailable", { fields: { welcomeReplyId: { key: "properties.chooseWelcome" } } });
      }
    }
    await tx.property.update({
      where: { id: propertyId },
      data: { name: input.name, timeZone: input.timeZone, enabled: input.enabled, welcomeReplyId: input.welcomeReplyId },
    });
    const after = await getAdminProperty(tx, propertyId);
    const action = input.welcomeReplyId !== undefined && Object.keys(input).length === 1 ? "property.welcome" : "property.update";
    await recordAudit(tx, viewer, { action, targetType: "property", targetId: propertyId, before: auditView(before), after: auditView(after) });
    return after;
  });
}
