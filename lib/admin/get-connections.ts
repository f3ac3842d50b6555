// Booking.com connections as the settings page shows them: every secret replaced by "is one set", and
// the last test's result in the admin's language when its words were stored (tests since 2026-11-22).
import { englishWords, type SayWords } from "../api/errors";
import { db } from "../db";
import type { BookingConnection } from "../generated/prisma/client";
import { sayStored } from "../i18n/stored-words";

export type ConnectionView = {
  id: string;
  name: string;
  baseUrl: string;
  authType: "basic" | "token";
  username: string | null;
  passwordSet: boolean;
  clientId: string | null;
  clientSecretSet: boolean;
  tokenUrl: string | null;
  apiVersion: string;
  pollIntervalSeconds: number;
  enabled: boolean;
  lastTestAt: string | null;
  lastTestOk: boolean | null;
  lastTestMessage: string | null;
  lastTestRuid: string | null;
  propertyCount: number;
};

export async function getConnections(say: SayWords = englishWords): Promise<ConnectionView[]> {
  const rows = await db().bookingConnection.findMany({ orderBy: { createdAt: "asc" }, include: { _count: { select: { properties: true } } } });
  return rows.map((row) => toConnectionView(row, row._count.properties, say));
}

/** The only way a connection row leaves lib/admin: ciphertexts are dropped, never decrypted here. */
export function toConnectionView(row: BookingConnection, propertyCount: number, say: SayWords = englishWords): ConnectionView {
  return {
    id: row.id,
    name: row.name,
    baseUrl: row.baseUrl,
    authType: row.authType,
    username: row.username,
    passwordSet: row.passwordEncrypted !== null,
    clientId: row.clientId,
    clientSecretSet: row.clientSecretEncrypted !== null,
    tokenUrl: row.tokenUrl,
    apiVersion: row.apiVersion,
    pollIntervalSeconds: row.pollIntervalSeconds,
    enabled: row.enabled,
    lastTestAt: row.lastTestAt?.toISOString() ?? null,
    lastTestOk: row.lastTestOk,
    lastTestMessage: row.lastTestMessage === null ? null : sayStored(row.lastTestMessage, row.lastTestWords, say),
    lastTestRuid: row.lastTestRuid,
    propertyCount,
  };
}
