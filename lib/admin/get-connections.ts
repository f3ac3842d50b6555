// Booking.com connections as the settings page shows them: every secret replaced by "is one set", and
// the last test's result in the admin's language when its words were stored (tests since 2026-11-22).
import { englishWords, isServerMessageKey, type ErrorWords, type SayWords } from "../api/errors";
import { z } from "zod";
import { db } from "../db";
import type { BookingConnection } from "../generated/prisma/client";

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
  const words = storedWords(row.lastTestWords);
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
    lastTestMessage: words ? say(words) : row.lastTestMessage,
    lastTestRuid: row.lastTestRuid,
    propertyCount,
  };
}

type StoredWords = { key: string; values?: Record<string, string | number | StoredWords> };
// Words as AppError.worded takes them, every key (nested ones too) still a message of the catalogue.
const storedWordsSchema: z.ZodType<StoredWords> = z.lazy(() =>
  z.object({ key: z.string().refine(isServerMessageKey), values: z.record(z.string(), z.union([z.string(), z.number(), storedWordsSchema])).optional() }),
);

/** The stored words, or null: none stored (an older test), or a message renamed since (the stored English stands). */
function storedWords(json: unknown): ErrorWords | null {
  const parsed = storedWordsSchema.safeParse(json);
  // The refine above checked every key.
  return parsed.success ? (parsed.data as ErrorWords) : null;
}
