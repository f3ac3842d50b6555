// Creates or updates a Booking.com connection. Secrets are encrypted before they reach Postgres and
// a blank secret keeps the stored one. The connection is saved even when Booking.com refuses it
// (the admin may be fixing the Extranet side at the same time); the test that follows every save
// says so, and the page flags it.
import { AppError, type SayWords } from "../api/errors";
import type { Viewer } from "../auth/guard";
import { db } from "../db";
import type { BookingConnection, Prisma } from "../generated/prisma/client";
import { encryptSecret } from "../secrets";
import type { ConnectionInput } from "./connection.validation";
import { toConnectionView, type ConnectionView } from "./get-connections";
import { recordAudit } from "./record-audit";
import { testConnection, type ConnectionTestResult } from "./test-connection";

export type SaveConnectionResult = { connection: ConnectionView; test: ConnectionTestResult };

export async function saveConnection(
  viewer: Viewer,
  connectionId: string | null,
  input: ConnectionInput,
  options: { timeoutMs?: number; say?: SayWords } = {},
): Promise<SaveConnectionResult> {
  const saved = await db().$transaction(async (tx) => {
    const before = connectionId ? await tx.bookingConnection.findUnique({ where: { id: connectionId } }) : null;
    if (connectionId && !before) throw AppError.worded("not_found", "connections.notFound");
    requireSecrets(input, before);

    const secretsReplaced: string[] = [];
    const data: Prisma.BookingConnectionUncheckedUpdateInput & Prisma.BookingConnectionUncheckedCreateInput = {
      name: input.name,
      baseUrl: input.baseUrl,
      authType: input.authType,
      username: input.username ?? null,
      clientId: input.clientId ?? null,
      tokenUrl: input.tokenUrl ?? null,
      apiVersion: input.apiVersion,
      pollIntervalSeconds: input.pollIntervalSeconds,
      enabled: input.enabled,
    };
    if (input.password !== undefined) {
      data.passwordEncrypted = encryptSecret(input.password);
      secretsReplaced.push("password");
    }
    if (input.clientSecret !== undefined) {
      data.clientSecretEncrypted = encryptSecret(input.clientSecret);
      secretsReplaced.push("clientSecret");
    }

    const row = before ? await tx.bookingConnection.update({ where: { id: before.id }, data }) : await tx.bookingConnection.create({ data });
    const propertyCount = await tx.property.count({ where: { connectionId: row.id } });
    await recordAudit(tx, viewer, {
      action: before ? "connection.update" : "connection.create",
      targetType: "connection",
      targetId: row.id,
      before: before ? auditView(before) : undefined,
      after: { ...auditView(row), ...(secretsReplaced.length > 0 ? { credentialsReplaced: secretsReplaced } : {}) },
    });
    return { row, propertyCount };
  });

  const test = await testConnection(viewer, saved.row.id, options);
  const fresh = await db().bookingConnection.findUniqueOrThrow({ where: { id: saved.row.id } });
  return { connection: toConnectionView(fresh, saved.propertyCount, options.say), test };
}

/** A new connection needs its secret; an existing one keeps what it has unless a new one is typed. */
function requireSecrets(input: ConnectionInput, before: BookingConnection | null): void {
  if (input.authType === "basic" && input.password === undefined && !before?.passwordEncrypted) {
    throw AppError.worded("validation_failed", "connections.passwordRequired", { fields: { password: { key: "connections.passwordRequiredField" } } });
  }
  if (input.authType === "token" && input.clientSecret === undefined && !before?.clientSecretEncrypted) {
    throw AppError.worded("validation_failed", "connections.clientSecretRequired", { fields: { clientSecret: { key: "connections.clientSecretRequiredField" } } });
  }
}

/** The connection as the audit log records it: settings only, secrets as "set or not". */
function auditView(row: BookingConnection) {
  const { lastTestAt: _a, lastTestOk: _b, lastTestMessage: _c, lastTestRuid: _d, ...view } = toConnectionView(row, 0);
  const { propertyCount: _e, ...settings } = view;
  return settings;
}
