// Token auth across processes: every client of a machine account (the web process, the worker, other
// instances) shares one token and one hourly budget through Postgres. Clients built separately by
// bookingClientFor stand for the separate processes.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetDatabase } from "@/tests/database";
import { MAX_TOKENS_PER_HOUR } from "../booking/auth";
import type { BookingRequestEvent } from "../booking/transport";
import { startTestSandbox, TOKEN_CLIENT_ID, TOKEN_CLIENT_SECRET, type TestSandbox } from "../booking/test-sandbox";
import { db } from "../db";
import { encryptSecret } from "../secrets";
import { bookingClientFor, type ConnectionCredentials } from "./connection-client";

let sandbox: TestSandbox;
let connection: ConnectionCredentials;

beforeEach(async () => {
  await resetDatabase();
  sandbox = await startTestSandbox({ conversations: 0 });
  connection = await db().bookingConnection.create({
    data: {
      name: "token sandbox",
      baseUrl: sandbox.messagingBaseUrl,
      tokenUrl: sandbox.tokenUrl,
      authType: "token",
      clientId: TOKEN_CLIENT_ID,
      clientSecretEncrypted: encryptSecret(TOKEN_CLIENT_SECRET),
    },
  });
});
afterEach(async () => {
  await sandbox.close();
});

function processClient(options: { shareTokens?: boolean } = {}) {
  const events: BookingRequestEvent[] = [];
  const client = bookingClientFor(connection, { onRequest: (event) => events.push(event), retry: { maxAttempts: 1 } }, options);
  const exchanges = () => events.filter((event) => event.endpoint === "auth.tokenExchange").length;
  return { client, events, exchanges };
}

describe("the shared token store", () => {
  it("lets a second process reuse the first one's token instead of exchanging its own", async () => {
    const web = processClient();
    const worker = processClient();
    await web.client.readQueue();
    await worker.client.readQueue();
    expect(web.exchanges()).toBe(1);
    expect(worker.exchanges()).toBe(0);
    const [row] = await db().bookingToken.findMany();
    expect(row?.tokenEncrypted).toBeTruthy();
    expect(row?.tokenEncrypted).not.toContain("."); // encrypted, not the JWT itself
  });

  it("counts every process's exchanges in one budget of 30 an hour", async () => {
    // 29 exchanges counted in the last hour by other processes, one from earlier that no longer counts.
    const accountKey = (await (async () => {
      await processClient({ shareTokens: false }).client.readQueue();
      return (await db().bookingToken.findFirstOrThrow()).accountKey;
    })());
    await db().bookingToken.createMany({
      data: [
        ...Array.from({ length: MAX_TOKENS_PER_HOUR - 2 }, () => ({ accountKey, issuedAt: new Date(Date.now() - 10 * 60_000) })),
        { accountKey, issuedAt: new Date(Date.now() - 61 * 60_000) },
      ],
    });
    // The 30th is granted; the 31st is refused before any request leaves, with the wait until a slot frees.
    const thirtieth = processClient({ shareTokens: false });
    await thirtieth.client.readQueue();
    expect(thirtieth.exchanges()).toBe(1);
    const refused = processClient();
    const error = await refused.client.readQueue().catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "rate_limited", endpoint: "auth.tokenExchange" });
    expect((error as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(49 * 60_000);
    expect((error as { retryAfterMs: number }).retryAfterMs).toBeLessThanOrEqual(50 * 60_000);
    expect(refused.events).toHaveLength(0);
  });

  it("the connection test exchanges its own token (proving the credentials) and leaves none behind", async () => {
    const test = processClient({ shareTokens: false });
    await test.client.readQueue();
    expect(test.exchanges()).toBe(1);
    const worker = processClient();
    await worker.client.readQueue();
    expect(worker.exchanges()).toBe(1);
    expect(await db().bookingToken.count()).toBe(2);
  });

  it("after Booking.com rejects the shared token, no process takes it again", async () => {
    const web = processClient();
    const worker = processClient();
    await web.client.readQueue();
    // Booking's clock moves past the token's hour; ours does not, so the stored token still looks valid.
    await sandbox.advanceClock({ minutes: 61 });
    await worker.client.readQueue(); // takes the shared token, gets a 401, renews
    expect(worker.events.map((event) => `${event.endpoint} ${event.status}`)).toEqual(["messages.latest 401", "auth.tokenExchange 200", "messages.latest 200"]);
    const later = processClient();
    await later.client.readQueue();
    expect(later.events.map((event) => `${event.endpoint} ${event.status}`)).toEqual(["messages.latest 200"]);
    expect(await db().bookingToken.count({ where: { rejected: true } })).toBe(1);
  });
});
