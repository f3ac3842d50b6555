// "Test connection": one read per property of the connection (the tag catalogue, GET
// /properties/{id}/tags), which touches neither the message queue nor any conversation, so a test
// can never consume, confirm or change anything at Booking.com. The outcome is stored on the
// connection (lastTest*) and put into plain words for the admin: its English, and its words in the
// server catalogue, so each admin reads it in their language (`say`), then and on a later visit.
import { AppError, englishWords, type ErrorWords, type SayWords } from "../api/errors";
import type { Viewer } from "../auth/guard";
import type { BookingClient } from "../booking/client";
import { BookingApiError } from "../booking/errors";
import { db } from "../db";
import type { BookingConnection } from "../generated/prisma/client";
import { wordsColumn } from "../i18n/stored-words";
import { describeBookingFailure, type FailureOutcome } from "../sync/describe-booking-failure";
import { createConnectionClient } from "./create-connection-client";

export type TestOutcome = "ok" | FailureOutcome | "not_configured" | "no_properties";

export type ConnectionTestResult = {
  ok: boolean;
  outcome: TestOutcome;
  message: string;
  ruid: string | null;
  testedAt: string;
  /** Properties the account cannot reach (403), named so the admin knows which to fix. */
  forbiddenPropertyIds: string[];
};

/** The result of reaching one property, shared by the connection test and "add a property". */
export type PropertyProbe = { ok: true; ruid: null } | { ok: false; outcome: FailureOutcome; message: string; words: ErrorWords; ruid: string | null };

// A test reads a handful of properties, not hundreds: the first few failures already say it all.
const MAX_PROPERTIES_PROBED = 10;

/** A result as found: `message` in English, and its words (null: a text from elsewhere, English only). */
type FoundResult = Omit<ConnectionTestResult, "message"> & { message: string; words: ErrorWords | null };

/** `say`: the language of the returned message (the stored one is English, with its words beside it). */
export async function testConnection(
  _viewer: Viewer,
  connectionId: string,
  { say = englishWords, ...options }: { timeoutMs?: number; say?: SayWords } = {},
): Promise<ConnectionTestResult> {
  const connection = await db().bookingConnection.findUnique({ where: { id: connectionId } });
  if (!connection) throw AppError.worded("not_found", "connections.notFound");
  const { words, ...result } = await runTest(connection, options);
  // Not audited: a test changes no setting; it only records when it ran and what it found.
  await db().bookingConnection.update({
    where: { id: connection.id },
    data: {
      lastTestAt: new Date(result.testedAt),
      lastTestOk: result.ok,
      lastTestMessage: result.message,
      lastTestWords: wordsColumn(words),
      lastTestRuid: result.ruid,
    },
  });
  return { ...result, message: words ? say(words) : result.message };
}

async function runTest(connection: BookingConnection, options: { timeoutMs?: number }): Promise<FoundResult> {
  const testedAt = new Date().toISOString();
  const found = (result: Omit<FoundResult, "message" | "testedAt" | "words"> & { words: ErrorWords }): FoundResult => ({ ...result, message: englishWords(result.words), testedAt });
  let client: BookingClient;
  try {
    client = createConnectionClient(connection, { ...options, shareTokens: false });
  } catch (error) {
    if (error instanceof AppError) {
      return { ok: false, outcome: "not_configured", message: error.message, words: error.words ?? null, ruid: null, testedAt, forbiddenPropertyIds: [] };
    }
    throw error;
  }
  const properties = await db().property.findMany({
    where: { connectionId: connection.id },
    orderBy: [{ enabled: "desc" }, { createdAt: "asc" }],
    take: MAX_PROPERTIES_PROBED,
    select: { id: true },
  });
  if (properties.length === 0) return found({ ok: false, outcome: "no_properties", words: { key: "connectionTest.noProperties" }, ruid: null, forbiddenPropertyIds: [] });

  const forbidden: { id: string; ruid: string | null }[] = [];
  for (const property of properties) {
    const probe = await probeProperty(client, property.id, connection.baseUrl);
    if (probe.ok) continue;
    if (probe.outcome === "property_forbidden" || probe.outcome === "property_not_found") {
      forbidden.push({ id: property.id, ruid: probe.ruid });
      continue;
    }
    // Credentials, network, rate limit, outage: the same for every property, so stop at the first.
    return found({ ok: false, outcome: probe.outcome, words: probe.words, ruid: probe.ruid, forbiddenPropertyIds: [] });
  }
  if (forbidden.length > 0) {
    const ids = forbidden.map((entry) => entry.id);
    return found({
      ok: false,
      outcome: "property_forbidden",
      words: { key: "connectionTest.forbidden", values: { count: ids.length, ids: ids.join(", ") } },
      ruid: forbidden[0]?.ruid ?? null,
      forbiddenPropertyIds: ids,
    });
  }
  return found({ ok: true, outcome: "ok", words: { key: "connectionTest.ok", values: { count: properties.length } }, ruid: null, forbiddenPropertyIds: [] });
}

/** One side-effect-free read on a property, with any failure described for a person. */
export async function probeProperty(client: BookingClient, propertyId: string, baseUrl: string): Promise<PropertyProbe> {
  try {
    await client.listTags({ propertyId });
    return { ok: true, ruid: null };
  } catch (error) {
    if (!(error instanceof BookingApiError)) throw error;
    return { ok: false, ...describeBookingFailure(error, { propertyId, baseUrl }), ruid: error.ruid ?? null };
  }
}
