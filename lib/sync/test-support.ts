// Shared setup for the sync engine's integration tests: a real sandbox over loopback HTTP (running
// clock, so Booking's timestamps and ours agree as they would in production), a BookingConnection row
// pointing at it with an encrypted password, and the demo properties linked to it.
import { BASIC_PASSWORD, BASIC_USERNAME, drainQueue, KNOWN_PROPERTY_IDS, sandboxClient, startTestSandbox, type TestSandbox } from "../booking/test-sandbox";
import type { BookingClient } from "../booking/client";
import { afterEach, beforeEach } from "vitest";
import { resetDatabase } from "@/tests/database";
import { randomUUID } from "node:crypto";
import type { Viewer } from "../auth/guard";
import { db } from "../db";
import { encryptSecret } from "../secrets";
import { setClientOverrides } from "./client-cache";
import type { IncomingMessage } from "./incoming";
import { pollOnce } from "./queue-poller";

export const PROPERTY_IDS = KNOWN_PROPERTY_IDS.map(String);

export interface SyncTestWorld {
  sandbox: TestSandbox;
  connectionId: string;
  /** A client for the test itself (reading the sandbox as Booking.com), not the engine's. */
  client: BookingClient;
}

export async function startSyncTestWorld(options: { backfillState?: "pending" | "done"; conversations?: number } = {}): Promise<SyncTestWorld> {
  const sandbox = await startTestSandbox({ clock: { mode: "running" }, conversations: options.conversations ?? 0 });
  const { client } = sandboxClient(sandbox);
  await drainQueue(client);
  // Fast retries for the engine's clients too; the fault tests rely on them finishing quickly.
  setClientOverrides({ retry: { baseDelayMs: 5, maxDelayMs: 20, maxAttempts: 5 }, timeoutMs: 1_500 });
  const connection = await db().bookingConnection.create({
    data: {
      name: "sandbox",
      baseUrl: sandbox.messagingBaseUrl,
      tokenUrl: sandbox.tokenUrl,
      authType: "basic",
      username: BASIC_USERNAME,
      passwordEncrypted: encryptSecret(BASIC_PASSWORD),
      pollIntervalSeconds: 5,
    },
  });
  for (const id of PROPERTY_IDS) {
    await db().property.create({ data: { id, name: `Hotel ${id}`, connectionId: connection.id, backfillState: options.backfillState ?? "done" } });
  }
  return { sandbox, connectionId: connection.id, client };
}

export async function createAdmin(): Promise<Viewer> {
  const user = await db().user.create({ data: { email: `admin-${Date.now()}@test.local`, name: "Test Admin", passwordHash: "x", role: "admin" } });
  return { id: user.id, email: user.email, name: user.name, role: "admin", locale: null, propertyScope: "all" };
}

export async function createStaff(propertyIds: string[]): Promise<Viewer> {
  const user = await db().user.create({
    data: { email: `staff-${Date.now()}-${Math.random()}@test.local`, name: "Test Staff", passwordHash: "x", role: "staff", access: { create: propertyIds.map((propertyId) => ({ propertyId })) } },
  });
  return { id: user.id, email: user.email, name: user.name, role: "staff", locale: null, propertyScope: new Set(propertyIds) };
}

export function waitFor<T>(what: string, check: () => Promise<T | null | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  return (async () => {
    for (;;) {
      const value = await check();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  })();
}

/**
 * Inside a describe: before each test an empty database, a sync world and an admin (read them from the
 * returned object in the test); the sandbox is closed after it.
 */
export function syncWorldForEachTest(): { world: SyncTestWorld; admin: Viewer } {
  const context = {} as { world: SyncTestWorld; admin: Viewer };
  beforeEach(async () => {
    await resetDatabase();
    context.world = await startSyncTestWorld();
    context.admin = await createAdmin();
  });
  afterEach(async () => {
    await context.world.sandbox.close();
  });
  return context;
}

/** Polls the connection's queue until a read finds it empty; what was read and stored on the way. */
export async function pollUntilEmpty(connectionId: string, maxPolls = 50): Promise<{ read: number; inserted: number }> {
  const total = { read: 0, inserted: 0 };
  for (let i = 0; i < maxPolls; i++) {
    const outcome = await pollOnce(connectionId);
    total.read += outcome.read;
    total.inserted += outcome.inserted;
    if (outcome.read === 0) return total;
  }
  throw new Error("queue did not drain");
}

/** A message as if read from Booking.com for the full store path (storeBatch): a guest's free text, now. */
export function incomingMessage(conversationBookingId: string, overrides: Partial<IncomingMessage> = {}): IncomingMessage {
  return {
    bookingId: randomUUID(),
    conversationBookingId,
    senderType: "guest",
    senderParticipantId: null,
    senderName: null,
    messageType: "free_text",
    content: "hello",
    attributes: null,
    sentAt: new Date(),
    attachmentIds: [],
    ...overrides,
  };
}
