import { createServer } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startTestSandbox, type TestSandbox } from "@/lib/booking/test-sandbox";
import { db } from "@/lib/db";
import { decryptSecret } from "@/lib/secrets";
import { resetDatabase } from "@/tests/database";
import { AppError } from "../api/errors";
import type { Viewer } from "../auth/guard";
import { createAdminViewer, sandboxConnectionInput } from "./admin-fixtures";
import { connectionInputSchema } from "./connection.validation";
import { GET as listConnections } from "@/app/api/admin/connections/route";
import { sessionCookieFor } from "@/tests/viewers";
import { wordsIn } from "../i18n/localized-error";
import { getConnections } from "./get-connections";
import { saveConnection } from "./save-connection";
import { testConnection } from "./test-connection";

let sandbox: TestSandbox;
let admin: Viewer;

beforeAll(async () => {
  sandbox = await startTestSandbox();
});
afterAll(async () => {
  await sandbox.close();
});
beforeEach(async () => {
  await resetDatabase();
  await sandbox.clearFaults();
  admin = await createAdminViewer();
});

/** A connection to the sandbox with one reachable property (the test needs a property to read). */
async function connectedToSandbox(overrides: Parameters<typeof sandboxConnectionInput>[1] = {}) {
  const saved = await saveConnection(admin, null, sandboxConnectionInput(sandbox.messagingBaseUrl, overrides));
  await db().property.create({ data: { id: "13921698", name: "Messaging Test Hotel", connectionId: saved.connection.id } });
  return saved.connection.id;
}

describe("saving a connection", () => {
  it("stores the password encrypted, never returns it, and keeps it when the field is left blank", async () => {
    const { connection } = await saveConnection(admin, null, sandboxConnectionInput(sandbox.messagingBaseUrl));
    const row = await db().bookingConnection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(row.passwordEncrypted).toMatch(/^v1:/);
    expect(row.passwordEncrypted).not.toContain("sandbox-password");
    expect(decryptSecret(row.passwordEncrypted!)).toBe("sandbox-password");

    // What goes to the browser: a flag, neither the plaintext nor the ciphertext.
    for (const sent of [connection, ...(await getConnections())]) {
      const json = JSON.stringify(sent);
      expect(json).not.toContain("sandbox-password");
      expect(json).not.toContain(row.passwordEncrypted!);
      expect(sent).toMatchObject({ passwordSet: true, clientSecretSet: false });
      expect(Object.keys(sent)).not.toContain("passwordEncrypted");
    }

    // The form sends a blank password: the stored one stays, byte for byte.
    const blank = connectionInputSchema.parse({ ...sandboxConnectionInput(sandbox.messagingBaseUrl), name: "Renamed", password: "" });
    expect(blank.password).toBeUndefined();
    await saveConnection(admin, connection.id, blank);
    const after = await db().bookingConnection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(after.name).toBe("Renamed");
    expect(after.passwordEncrypted).toBe(row.passwordEncrypted);
  });

  it("encrypts a token client secret the same way", async () => {
    const { connection } = await saveConnection(
      admin,
      null,
      sandboxConnectionInput(sandbox.messagingBaseUrl, { authType: "token", username: undefined, password: undefined, clientId: "bellhop-sandbox-client", clientSecret: "sandbox-secret", tokenUrl: sandbox.tokenUrl }),
    );
    const row = await db().bookingConnection.findUniqueOrThrow({ where: { id: connection.id } });
    expect(row.clientSecretEncrypted).not.toContain("sandbox-secret");
    expect(decryptSecret(row.clientSecretEncrypted!)).toBe("sandbox-secret");
    expect(connection).toMatchObject({ clientSecretSet: true, passwordSet: false });
  });

  it("requires a password for a new Basic connection, with a field message", async () => {
    const error = await saveConnection(admin, null, sandboxConnectionInput(sandbox.messagingBaseUrl, { password: undefined })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).fields).toEqual({ password: "Enter the machine account's password" });
    expect(await db().bookingConnection.count()).toBe(0);
  });

  it("validates the form: URL, poll interval, API version", () => {
    const result = connectionInputSchema.safeParse({ ...sandboxConnectionInput("not a url"), pollIntervalSeconds: 2, apiVersion: "2.0" });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((issue) => issue.path.join("."));
    expect(paths).toEqual(expect.arrayContaining(["baseUrl", "pollIntervalSeconds", "apiVersion"]));
  });

  it("writes an audit entry with before and after and the secrets redacted", async () => {
    const { connection } = await saveConnection(admin, null, sandboxConnectionInput(sandbox.messagingBaseUrl));
    await saveConnection(admin, connection.id, sandboxConnectionInput(sandbox.messagingBaseUrl, { name: "Renamed", password: "a-new-password" }));
    const entries = await db().auditLog.findMany({ orderBy: { id: "asc" } });
    expect(entries.map((entry) => entry.action)).toEqual(["connection.create", "connection.update"]);
    const update = entries[1]!;
    expect(update).toMatchObject({ actorId: admin.id, actorEmail: admin.email, targetType: "connection", targetId: connection.id });
    expect(update.before).toMatchObject({ name: "Sandbox", passwordSet: true });
    expect(update.after).toMatchObject({ name: "Renamed", passwordSet: true, credentialsReplaced: ["password"] });
    const row = await db().bookingConnection.findUniqueOrThrow({ where: { id: connection.id } });
    const logged = JSON.stringify(entries.map((entry) => [entry.before, entry.after]));
    for (const secret of ["sandbox-password", "a-new-password", row.passwordEncrypted!]) expect(logged).not.toContain(secret);
  });
});

describe("testing a connection against the sandbox", () => {
  it("succeeds with the right credentials and records it", async () => {
    const id = await connectedToSandbox();
    const result = await testConnection(admin, id);
    expect(result).toMatchObject({ ok: true, outcome: "ok" });
    const row = await db().bookingConnection.findUniqueOrThrow({ where: { id } });
    expect(row).toMatchObject({ lastTestOk: true, lastTestMessage: result.message });
    expect(row.lastTestAt).toBeInstanceOf(Date);
  });

  it("says the credentials were refused (401) for a wrong password", async () => {
    const id = await connectedToSandbox({ password: "wrong-password" });
    const result = await testConnection(admin, id);
    expect(result).toMatchObject({ ok: false, outcome: "credentials_refused" });
    expect(result.message).toContain("refused the credentials (401)");
  });

  it("names the property the account cannot reach (403), with the request id", async () => {
    const id = await connectedToSandbox();
    await db().property.create({ data: { id: "9999001", name: "No access", connectionId: id } });
    const result = await testConnection(admin, id);
    expect(result).toMatchObject({ ok: false, outcome: "property_forbidden", forbiddenPropertyIds: ["9999001"] });
    expect(result.message).toContain("9999001");
    expect(result.ruid).toEqual(expect.any(String));
    expect((await db().bookingConnection.findUniqueOrThrow({ where: { id } })).lastTestRuid).toBe(result.ruid);
  });

  it("says the endpoint is unreachable when nothing listens there", async () => {
    const id = await connectedToSandbox({ baseUrl: `http://127.0.0.1:${await closedPort()}/messaging` });
    const result = await testConnection(admin, id);
    expect(result).toMatchObject({ ok: false, outcome: "unreachable", ruid: null });
    expect(result.message).toMatch(/could not be reached .*ECONNREFUSED/);
  });

  it("says so when Booking.com does not answer in time", async () => {
    const id = await connectedToSandbox();
    await sandbox.addFault({ endpoint: "tags.list", mode: "hang", times: 1 });
    const result = await testConnection(admin, id, { timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, outcome: "unreachable" });
    expect(result.message).toContain("timed out");
  });

  it("reports a rate limit (429) with when to try again", async () => {
    const id = await connectedToSandbox();
    await sandbox.addFault({ endpoint: "tags.list", mode: "rate_limit", retryAfterSeconds: 30, times: 1 });
    const result = await testConnection(admin, id);
    expect(result).toMatchObject({ ok: false, outcome: "rate_limited" });
    expect(result.message).toContain("429");
    expect(result.message).toContain("30 s");
  });

  it("reports a server error (500) as an outage, not as bad credentials", async () => {
    const id = await connectedToSandbox();
    await sandbox.addFault({ endpoint: "tags.list", mode: "error_500", times: 1 });
    const result = await testConnection(admin, id);
    expect(result).toMatchObject({ ok: false, outcome: "server_error" });
    expect(result.message).toContain("HTTP 500");
  });

  it("never touches the message queue", async () => {
    const id = await connectedToSandbox();
    await sandbox.addFault({ path: "/messaging/messages/**", mode: "error_500" });
    await sandbox.addFault({ path: "/messaging/messages", mode: "error_500" });
    expect((await testConnection(admin, id)).ok).toBe(true);
  });

  it("says its result in each admin's language, when tested and on a later visit; the stored English stays as it was", async () => {
    const id = await connectedToSandbox();
    await db().property.create({ data: { id: "9999001", name: "No access", connectionId: id } });
    const english = await testConnection(admin, id);
    expect(english.message).toBe(
      "Connected, but this machine account has no access to property 9999001 (Booking.com answered 403). Grant the account access in the Extranet or remove the property.",
    );
    const german = await testConnection(admin, id, { say: await wordsIn("de") });
    expect(german).toMatchObject({ ok: false, outcome: "property_forbidden", forbiddenPropertyIds: ["9999001"] });
    expect(german.message).toMatch(/^Verbunden, aber .*9999001/);
    expect((await db().bookingConnection.findUniqueOrThrow({ where: { id } })).lastTestMessage).toBe(english.message);

    // The settings page's list, through the route, in the browser's language.
    const request = new Request("http://bellhop.test/api/admin/connections", { headers: { cookie: await sessionCookieFor(admin), "accept-language": "es" } });
    const listed = (await (await listConnections(request, { params: Promise.resolve({}) })).json()) as { connections: { id: string; lastTestMessage: string }[] };
    expect(listed.connections.find((connection) => connection.id === id)?.lastTestMessage).toMatch(/^Conectado, pero .*9999001/);
    expect((await getConnections())[0]?.lastTestMessage).toBe(english.message);

    // Words a later version no longer has: the stored English, rather than a key's path.
    await db().bookingConnection.update({ where: { id }, data: { lastTestWords: { key: "connectionTest.renamedSince" } } });
    expect((await getConnections(await wordsIn("fr")))[0]?.lastTestMessage).toBe(english.message);
  });

  it("saving a refused connection keeps it, flagged by its failed test", async () => {
    const first = await saveConnection(admin, null, sandboxConnectionInput(sandbox.messagingBaseUrl));
    await db().property.create({ data: { id: "13921698", name: "Messaging Test Hotel", connectionId: first.connection.id } });
    const saved = await saveConnection(admin, first.connection.id, sandboxConnectionInput(sandbox.messagingBaseUrl, { password: "wrong-password" }));
    expect(saved.test.ok).toBe(false);
    expect(saved.connection).toMatchObject({ lastTestOk: false, passwordSet: true });
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}
