// Adds a Booking.com property. Before anything is stored, the connection's machine account reads the
// property's tag catalogue (no side effects): a 403/404 is a definite "this account cannot reach it"
// and refuses the id with a field message; an outage does not block the admin, it is returned as a
// warning. The property starts with backfillState "pending", which is what the sync worker picks up
// to import its history, so adding it is enough to start the backfill.
import { AppError, englishWords, type SayWords } from "../api/errors";
import type { Viewer } from "../auth/guard";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { createConnectionClient } from "./create-connection-client";
import { getAdminProperty, type AdminPropertyView } from "./list-admin-properties";
import type { AddPropertyInput } from "./property.validation";
import { recordAudit } from "./record-audit";
import { probeProperty } from "./test-connection";

export type AddPropertyResult = { property: AdminPropertyView; warning: string | null };

/** `say`: the language of the warning (an error is worded as AppErrors are). */
export async function addProperty(viewer: Viewer, input: AddPropertyInput, { say = englishWords, ...options }: { timeoutMs?: number; say?: SayWords } = {}): Promise<AddPropertyResult> {
  if (await db().property.findUnique({ where: { id: input.id }, select: { id: true } })) {
    throw duplicate(input.id);
  }
  const connection = await db().bookingConnection.findUnique({ where: { id: input.connectionId } });
  if (!connection) throw AppError.worded("validation_failed", "properties.noSuchConnection", { fields: { connectionId: { key: "properties.chooseConnection" } } });

  let client;
  try {
    client = createConnectionClient(connection, options);
  } catch (error) {
    if (error instanceof AppError) {
      // Its words when it has them (credentials missing); a secret that cannot be decrypted says so in lib/secrets.ts's English.
      const problem = error.words ?? error.message;
      throw AppError.worded("validation_failed", "properties.invalid", { values: { problem }, fields: { connectionId: problem } });
    }
    throw error;
  }
  const probe = await probeProperty(client, input.id, connection.baseUrl);
  let warning: string | null = null;
  if (!probe.ok) {
    if (probe.outcome === "property_forbidden" || probe.outcome === "property_not_found" || probe.outcome === "credentials_refused") {
      throw AppError.worded("validation_failed", "properties.idRefused", { values: { problem: probe.words }, fields: { id: probe.words } });
    }
    warning = say({ key: "properties.addedUnchecked", values: { problem: probe.words } });
  }

  try {
    const property = await db().$transaction(async (tx) => {
      await tx.property.create({
        data: { id: input.id, name: input.name, timeZone: input.timeZone, enabled: input.enabled, connectionId: connection.id, backfillState: "pending" },
      });
      const view = await getAdminProperty(tx, input.id);
      await recordAudit(tx, viewer, { action: "property.create", targetType: "property", targetId: input.id, after: auditView(view) });
      return view;
    });
    return { property, warning };
  } catch (error) {
    // Two admins adding the same id at once: the primary key decides, the loser gets the same message.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw duplicate(input.id);
    throw error;
  }
}

export function auditView(view: AdminPropertyView) {
  return { id: view.id, name: view.name, timeZone: view.timeZone, enabled: view.enabled, connectionId: view.connectionId, welcomeReplyId: view.welcomeReplyId };
}

function duplicate(id: string): AppError {
  return AppError.worded("conflict", "properties.alreadyAdded", { values: { id }, fields: { id: { key: "properties.alreadyAddedField", values: { id } } } });
}
