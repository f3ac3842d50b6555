// Restarts a property's history import (after a failure, or to re-import): the sync engine resets
// the progress and its worker picks the property up again.
import { AppError } from "../api/errors";
import type { Viewer } from "../auth/guard";
import { db } from "../db";
import { startBackfill } from "../sync/backfill";
import { getAdminProperty, type AdminPropertyView } from "./list-admin-properties";
import { recordAudit } from "./record-audit";

export async function restartBackfill(viewer: Viewer, propertyId: string): Promise<AdminPropertyView> {
  const before = await getAdminProperty(db(), propertyId);
  if (before.backfillState === "running") throw AppError.worded("conflict", "properties.importRunning");
  await startBackfill(propertyId);
  await recordAudit(db(), viewer, { action: "property.backfill_restart", targetType: "property", targetId: propertyId, before: { backfillState: before.backfillState } });
  return getAdminProperty(db(), propertyId);
}
