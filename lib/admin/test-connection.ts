// "Test connection": one read per property of the connection (the tag catalogue, GET
// /properties/{id}/tags), which touches neither the message queue nor any conversation, so a test
// can never consume, confirm or change anything at Booking.com. The outcome is stored on the
// connection (lastTest*) and put into plain words for the admin.
import { AppError, englishWords, type ErrorWords } from "../api/errors";
import type { Viewer } from "../auth/guard";
import type { BookingClient } from "../booking/client";
import { BookingApiError } from "../booking/errors";
import { db } from "../db";
import type { BookingConnection } from "../generated/prisma/client";
import { createConnectionClient } from "./create-connection-client";

export type TestOutcome =
  | "ok"
  | "credentials_refused"
  | "property_forbidden"
  | "property_not_found"
  | "unreachable"
  | "rate_limited"
  | "server_error"
  | "unexpected_answer"
  | "not_configured"
  | "no_properties";

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
export type FailureOutcome = Exclude<TestOutcome, "ok" | "no_properties" | "not_configured">;
export type PropertyProbe = { ok: true; ruid: null } | { ok: false; outcome: FailureOutcome; message: string; words: ErrorWords; ruid: string | null };

// A test reads a handful of properties, not hundreds: the first few failures already say it all.
const MAX_PROPERTIES_PROBED = 10;

export async function testConnection(_viewer: Viewer, connectionId: string, options: { timeoutMs?: number } = {}): Promise<ConnectionTestResult> {
  const connection = await db().bookingConnection.findUnique({ where: { id: connectionId } });
  if (!connection) throw AppError.worded("not_found", "connections.notFound");
  const result = await runTest(connection, options);
  // Not audited: a test changes no setting; it only records when it ran and what it found.
  await db().bookingConnection.update({
    where: { id: connection.id },
    data: { lastTestAt: new Date(result.testedAt), lastTestOk: result.ok, lastTestMessage: result.message, lastTestRuid: result.ruid },
  });
  return result;
}

async function runTest(connection: BookingConnection, options: { timeoutMs?: number }): Promise<ConnectionTestResult> {
  const testedAt = new Date().toISOString();
  let client: BookingClient;
  try {
    client = createConnectionClient(connection, { ...options, shareTokens: false });
  } catch (error) {
    if (error instanceof AppError) return { ok: false, outcome: "not_configured", message: error.message, ruid: null, testedAt, forbiddenPropertyIds: [] };
    throw error;
  }
  const properties = await db().property.findMany({
    where: { connectionId: connection.id },
    orderBy: [{ enabled: "desc" }, { createdAt: "asc" }],
    take: MAX_PROPERTIES_PROBED,
    select: { id: true },
  });
  if (properties.length === 0) {
    return {
      ok: false,
      outcome: "no_properties",
      message: "Nothing to test against yet: add a property to this connection, then test again.",
      ruid: null,
      testedAt,
      forbiddenPropertyIds: [],
    };
  }

  const forbidden: { id: string; ruid: string | null }[] = [];
  for (const property of properties) {
    const probe = await probeProperty(client, property.id, connection.baseUrl);
    if (probe.ok) continue;
    if (probe.outcome === "property_forbidden" || probe.outcome === "property_not_found") {
      forbidden.push({ id: property.id, ruid: probe.ruid });
      continue;
    }
    // Credentials, network, rate limit, outage: the same for every property, so stop at the first.
    return { ok: false, outcome: probe.outcome, message: probe.message, ruid: probe.ruid, testedAt, forbiddenPropertyIds: [] };
  }
  if (forbidden.length > 0) {
    const ids = forbidden.map((entry) => entry.id);
    return {
      ok: false,
      outcome: "property_forbidden",
      message: `Connected, but this machine account has no access to ${ids.length === 1 ? "property" : "properties"} ${ids.join(", ")} (Booking.com answered 403). Grant the account access in the Extranet or remove the property.`,
      ruid: forbidden[0]?.ruid ?? null,
      testedAt,
      forbiddenPropertyIds: ids,
    };
  }
  const count = properties.length;
  return {
    ok: true,
    outcome: "ok",
    message: `Connected: Booking.com accepted the credentials and the account reaches ${count === 1 ? "the property" : `all ${count} properties tested`}.`,
    ruid: null,
    testedAt,
    forbiddenPropertyIds: [],
  };
}

/** One side-effect-free read on a property, with any failure described for a person. */
export async function probeProperty(client: BookingClient, propertyId: string, baseUrl: string): Promise<PropertyProbe> {
  try {
    await client.listTags({ propertyId });
    return { ok: true, ruid: null };
  } catch (error) {
    if (!(error instanceof BookingApiError)) throw error;
    return { ok: false, ...describeBookingFailure(error, propertyId, baseUrl), ruid: error.ruid ?? null };
  }
}

/**
 * A failed Booking.com call in the words an admin needs, with the request id Booking support asks for.
 * The words are the `server` catalogue's (`message` is their English), so an error made of them
 * (add-property.ts refusing an id) reads in the admin's language.
 */
export function describeBookingFailure(error: BookingApiError, propertyId: string, baseUrl: string): { outcome: FailureOutcome; message: string; words: ErrorWords } {
  const described = (outcome: FailureOutcome, words: ErrorWords) => ({ outcome, message: englishWords(words), words });
  // "none" selects the words without a request id (or without an HTTP status) in every language.
  const ruid = error.ruid || "none";
  switch (error.kind) {
    case "authentication":
      return described("credentials_refused", { key: "booking.credentialsRefused", values: { ruid } });
    case "forbidden":
      return described("property_forbidden", { key: "booking.propertyForbidden", values: { propertyId, ruid } });
    case "not_found":
      return described("property_not_found", { key: "booking.propertyNotFound", values: { propertyId, ruid } });
    case "rate_limited":
      // Strings, not numbers: a count of seconds or a status is not to be grouped ("3,600 s").
      if (error.retryAfterMs === undefined) return described("rate_limited", { key: "booking.rateLimitedNoWait", values: { ruid } });
      return described("rate_limited", { key: "booking.rateLimited", values: { ruid, seconds: String(Math.max(1, Math.ceil(error.retryAfterMs / 1000))) } });
    case "unavailable":
      if (error.status !== undefined) return described("server_error", { key: "booking.serverError", values: { status: String(error.status), ruid } });
      return described("unreachable", { key: "booking.unreachable", values: { baseUrl, reason: reasonOf(error) } });
    case "bad_request":
    case "invalid_response":
      return described("unexpected_answer", { key: "booking.unexpectedAnswer", values: { baseUrl, status: error.status ? String(error.status) : "none", ruid } });
  }
}

function reasonOf(error: BookingApiError): string {
  // The client's message ends with "…failed while <phase>: <reason>"; the reason is what matters here.
  const match = /: ([^:]+)$/.exec(error.message);
  return match?.[1] ?? "no answer";
}
