// "Test connection": one read per property of the connection (the tag catalogue, GET
// /properties/{id}/tags), which touches neither the message queue nor any conversation, so a test
// can never consume, confirm or change anything at Booking.com. The outcome is stored on the
// connection (lastTest*) and put into plain words for the admin.
import { AppError } from "../api/errors";
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
export type PropertyProbe = { ok: true; ruid: null } | { ok: false; outcome: FailureOutcome; message: string; ruid: string | null };

// A test reads a handful of properties, not hundreds: the first few failures already say it all.
const MAX_PROPERTIES_PROBED = 10;

export async function testConnection(_viewer: Viewer, connectionId: string, options: { timeoutMs?: number } = {}): Promise<ConnectionTestResult> {
  const connection = await db().bookingConnection.findUnique({ where: { id: connectionId } });
  if (!connection) throw new AppError("not_found", "No such connection.");
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

/** A failed Booking.com call in the words an admin needs, with the request id Booking support asks for. */
export function describeBookingFailure(error: BookingApiError, propertyId: string, baseUrl: string): { outcome: FailureOutcome; message: string } {
  const ruid = error.ruid ? ` (request id ${error.ruid})` : "";
  switch (error.kind) {
    case "authentication":
      return { outcome: "credentials_refused", message: `Booking.com refused the credentials (401)${ruid}. Check the username and password, or the client id and secret.` };
    case "forbidden":
      return { outcome: "property_forbidden", message: `This machine account has no access to property ${propertyId} (403)${ruid}.` };
    case "not_found":
      return { outcome: "property_not_found", message: `Booking.com does not know property ${propertyId} at this address (404)${ruid}. Check the property id and the base URL.` };
    case "rate_limited": {
      const wait = error.retryAfterMs !== undefined ? ` Try again in ${Math.max(1, Math.ceil(error.retryAfterMs / 1000))} s.` : " Try again in a minute.";
      return { outcome: "rate_limited", message: `Booking.com is rate-limiting this account (429)${ruid}.${wait}` };
    }
    case "unavailable":
      if (error.status !== undefined) {
        return { outcome: "server_error", message: `Booking.com answered with a server error (HTTP ${error.status})${ruid}. It is probably a temporary outage; try again later.` };
      }
      return { outcome: "unreachable", message: `Booking.com could not be reached at ${baseUrl}: ${reasonOf(error)}. Check the base URL and this server's network.` };
    case "bad_request":
    case "invalid_response":
      return {
        outcome: "unexpected_answer",
        message: `The answer from ${baseUrl} was not what Booking.com's Messaging API sends${error.status ? ` (HTTP ${error.status})` : ""}${ruid}. Check the base URL and the API version.`,
      };
  }
}

function reasonOf(error: BookingApiError): string {
  // The client's message ends with "…failed while <phase>: <reason>"; the reason is what matters here.
  const match = /: ([^:]+)$/.exec(error.message);
  return match?.[1] ?? "no answer";
}
