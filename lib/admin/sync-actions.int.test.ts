// The sync health page's two buttons against a real sandbox over loopback HTTP: "Sync now" (runSyncNow →
// lib/sync runSyncPass) and "Retry" for a failed send (retryFailedOutbound → lib/sync retryOutbound).
// The pg-boss job that a retry dispatches is played here by calling executeOutboundAction, exactly what
// the worker's job handler does with it.
import pg from "pg";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetDatabase } from "@/tests/database";
import { AppError } from "../api/errors";
import type { Viewer } from "../auth/guard";
import type { SandboxBooking } from "../booking/test-sandbox";
import { db } from "../db";
import { wordsIn } from "../i18n/localized-error";
import { listThreadMessages } from "../inbox/list-thread-messages";
import { enqueueReply } from "../sync/outbound/enqueue";
import { executeOutboundAction, type ExecuteOutcome } from "../sync/outbound/execute";
import { stopOutboundBoss } from "../sync/outbound/boss";
import { LockSession } from "../sync/poller-lock";
import { pollOnce } from "../sync/queue-poller";
import { SYNC_NOW_CHANNEL } from "../sync/sync-pass";
import { PROPERTY_IDS, startSyncTestWorld, type SyncTestWorld } from "../sync/test-support";
import { createAdminViewer } from "./admin-fixtures";
import { getSyncHealth } from "./get-sync-health";
import { retryFailedOutbound } from "./retry-failed-outbound";
import { runSyncNow } from "./run-sync-now";

let world: SyncTestWorld;
let admin: Viewer;
const locks: LockSession[] = [];

beforeEach(async () => {
  await resetDatabase();
  world = await startSyncTestWorld();
  admin = await createAdminViewer();
});
afterEach(async () => {
  for (const session of locks.splice(0)) await session.close();
  await world.sandbox.close();
});
afterAll(async () => {
  // enqueueReply and retryOutbound send pg-boss jobs (nobody works them here); close its pool.
  await stopOutboundBoss();
});

async function storedGuestMessages(content: string) {
  return db().message.findMany({ where: { content, senderType: "guest" }, include: { conversation: { select: { bookingId: true } } } });
}

describe("Sync now", () => {
  it("reads the queue in this process when no worker holds the lock, stores the guest's message once, and audits", async () => {
    const booking = await world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[0]), sendWelcome: false, guestName: "Ana Lima" });
    await world.sandbox.sendAsGuest(booking.conversationId, "Can we check in early?");
    expect(await storedGuestMessages("Can we check in early?")).toHaveLength(0);

    const result = await runSyncNow(admin, world.connectionId);
    expect(result.mode).toBe("ran");
    expect(result.message).toMatch(/^Read the queue \d+ times?: \d+ messages? received, [1-9]\d* new\.$/);

    const stored = await storedGuestMessages("Can we check in early?");
    expect(stored).toHaveLength(1);
    expect(stored[0]!.conversation.bookingId).toBe(booking.conversationId);
    const connection = await db().bookingConnection.findUniqueOrThrow({ where: { id: world.connectionId } });
    expect(connection.lastPollAt).toBeInstanceOf(Date);

    // The queue was confirmed: a second press finds nothing new and stores nothing twice.
    const again = await runSyncNow(admin, world.connectionId);
    expect(again).toMatchObject({ mode: "ran", message: expect.stringContaining(", 0 new.") });
    expect(await storedGuestMessages("Can we check in early?")).toHaveLength(1);

    const entries = await db().auditLog.findMany({ where: { action: "connection.sync_now" }, orderBy: { id: "asc" } });
    expect(entries).toHaveLength(2);
    expect(entries[0]).toMatchObject({ actorId: admin.id, actorEmail: admin.email, targetType: "connection", targetId: world.connectionId, after: { mode: "ran" } });
  });

  it("asks the worker that holds the poller lock to poll instead of polling beside it", async () => {
    const booking = await world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[0]), sendWelcome: false });
    await world.sandbox.sendAsGuest(booking.conversationId, "Is there a lift?");
    // Another process (a sync worker) holds the connection's poller lock.
    const worker = new LockSession(process.env.DATABASE_URL!, "test-worker");
    locks.push(worker);
    expect(await worker.tryAcquire("poller", world.connectionId)).toBe(true);

    const listener = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await listener.connect();
    try {
      const heard = new Promise<string | undefined>((resolve) => listener.on("notification", (note) => resolve(note.payload)));
      await listener.query(`LISTEN ${SYNC_NOW_CHANNEL}`);

      const result = await runSyncNow(admin, world.connectionId);
      expect(result).toEqual({ mode: "notified", message: "The sync worker was asked to read the queue now." });
      expect(await heard).toBe(world.connectionId);
    } finally {
      await listener.end();
    }
    // This process did not read (and confirm) the queue: the worker will.
    expect(await storedGuestMessages("Is there a lift?")).toHaveLength(0);
    expect(await db().auditLog.findFirstOrThrow({ where: { action: "connection.sync_now" } })).toMatchObject({ after: { mode: "notified" } });
  });

  it("answers a Booking.com outage with a 503 that says so, and audits the failed press", async () => {
    await world.sandbox.addFault({ path: "/messaging/messages/**", mode: "error_500" });
    const error = await runSyncNow(admin, world.connectionId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "upstream_unavailable", status: 503, message: expect.stringContaining("Booking.com did not answer") });
    expect(await db().auditLog.findFirstOrThrow({ where: { action: "connection.sync_now" } })).toMatchObject({ targetId: world.connectionId, after: { mode: "failed", reason: expect.stringContaining("Booking.com did not answer") } });

    // Once Booking.com is back, the next press works.
    await world.sandbox.clearFaults();
    expect(await runSyncNow(admin, world.connectionId)).toMatchObject({ mode: "ran" });
  });

  it("refuses an unknown or disabled connection, without an audit entry", async () => {
    await expect(runSyncNow(admin, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ code: "not_found" });
    await db().bookingConnection.update({ where: { id: world.connectionId }, data: { enabled: false } });
    const error = await runSyncNow(admin, world.connectionId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "conflict", message: expect.stringContaining("disabled") });
    expect(await db().auditLog.count()).toBe(0);
  });
});

describe("Retry of a failed reply", () => {
  let booking: SandboxBooking;
  let conversationId: string;

  beforeEach(async () => {
    booking = await world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[0]), sendWelcome: false, guestName: "Marta Costa" });
    await world.sandbox.sendAsGuest(booking.conversationId, "Is parking available?");
    await pollOnce(world.connectionId);
    conversationId = (await db().conversation.findFirstOrThrow({ where: { bookingId: booking.conversationId } })).id;
  });

  const RETRY_LIMIT = 2;

  /** Runs the action's job attempts (as pg-boss would) until the executor gives up or succeeds. */
  async function runAttempts(actionId: string): Promise<ExecuteOutcome> {
    for (let retryCount = 0; retryCount <= RETRY_LIMIT; retryCount++) {
      const outcome = await executeOutboundAction(actionId, { retryCount, retryLimit: RETRY_LIMIT }).catch(() => "retrying" as const);
      if (outcome !== "retrying") return outcome;
    }
    throw new Error("the executor neither gave up nor succeeded");
  }

  async function copiesAtBooking(content: string) {
    const inspected = await world.sandbox.inspectConversation(booking.conversationId);
    return inspected.messages.filter((message) => message.sender === "property" && message.content === content);
  }

  async function failedReply(content: string, clientKey: string, fault: Record<string, unknown>) {
    const { messageId } = await enqueueReply({ viewer: admin, conversationId, content, clientKey });
    const action = await db().outboundAction.findFirstOrThrow({ where: { messageId } });
    await world.sandbox.addFault({ endpoint: "message.post", ...fault });
    expect(await runAttempts(action.id)).toBe("failed");
    await world.sandbox.clearFaults();
    return { messageId, actionId: action.id };
  }

  it("after Booking.com refused every attempt (429): listed as failed, retried once the faults clear, sent exactly once, audited", async () => {
    const content = "Yes, parking is free for guests.";
    const { messageId, actionId } = await failedReply(content, "retry-429-key", { mode: "rate_limit", retryAfterSeconds: 0 });
    expect(await copiesAtBooking(content)).toHaveLength(0);
    // A refusal is definite (nothing was stored at Booking.com): the reply is plainly failed.
    expect(await db().message.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({ sendState: "failed", sendError: expect.stringContaining("429") });
    expect((await getSyncHealth()).failed).toEqual([expect.objectContaining({ actionId, messageId, kind: "reply", reason: expect.stringMatching(/^Booking\.com answered 429: ./) })]);
    // Each reader reads why in their language: the admin's sync health, the staff member's thread. Booking.com's own text stays as it came.
    const detail = (await db().message.findUniqueOrThrow({ where: { id: messageId } })).sendError!.replace("Booking.com answered 429: ", "");
    expect((await getSyncHealth(await wordsIn("fr"))).failed).toEqual([expect.objectContaining({ actionId, reason: `Booking.com a répondu 429 : ${detail}` })]);
    const thread = await listThreadMessages(admin, conversationId, { limit: 50 }, "es");
    expect(thread.messages.find((message) => message.id === messageId)).toMatchObject({ sendState: "failed", sendError: `Booking.com respondió 429: ${detail}` });

    expect(await retryFailedOutbound(admin, { actionId })).toEqual({ actionId });
    expect(await db().message.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({ sendState: "queued", sendError: null });
    expect(await db().outboundAction.findUniqueOrThrow({ where: { id: actionId } })).toMatchObject({ state: "queued", lastError: null, lastErrorWords: null });
    expect((await db().message.findUniqueOrThrow({ where: { id: messageId } })).sendErrorWords).toBeNull();

    expect(await runAttempts(actionId)).toBe("succeeded");
    const copies = await copiesAtBooking(content);
    expect(copies).toHaveLength(1);
    expect(copies[0]!.postCount).toBe(1);
    expect(await db().message.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({ sendState: "sent", bookingId: copies[0]!.messageId });
    expect((await getSyncHealth()).failed).toEqual([]);

    // A second press (another admin, a double click) is refused: it was sent.
    await expect(retryFailedOutbound(admin, { actionId })).rejects.toMatchObject({ code: "conflict", message: "This was already sent." });
    expect(await copiesAtBooking(content)).toHaveLength(1);

    const entries = await db().auditLog.findMany({ where: { action: "outbound.retry" } });
    expect(entries).toEqual([
      expect.objectContaining({ actorId: admin.id, actorEmail: admin.email, targetType: "outbound_action", targetId: actionId, after: { actionId } }),
    ]);
  });

  it("after Booking.com answered 500 on every attempt (ambiguous, nothing stored): the retry looks for it, then posts it exactly once", async () => {
    const content = "Late checkout until noon is fine.";
    const { messageId, actionId } = await failedReply(content, "retry-500-key", { mode: "error_500" });
    expect(await copiesAtBooking(content)).toHaveLength(0);
    // A 500 after the request left may or may not have been applied: the reply stays "unknown".
    expect(await db().message.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({ sendState: "unknown", sendError: expect.stringContaining("500") });
    expect((await getSyncHealth()).failed).toEqual([expect.objectContaining({ actionId, kind: "reply", reason: expect.stringContaining("500") })]);

    expect(await retryFailedOutbound(admin, { actionId })).toEqual({ actionId });
    expect(await runAttempts(actionId)).toBe("succeeded");
    const copies = await copiesAtBooking(content);
    expect(copies).toHaveLength(1);
    expect(copies[0]!.postCount).toBe(1);
    expect(await db().message.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({ sendState: "sent", bookingId: copies[0]!.messageId });
    expect(await db().auditLog.count({ where: { action: "outbound.retry", targetId: actionId } })).toBe(1);
  });

  it("after Booking.com stored the reply but answered 500: the retry finds it there and does not post it again", async () => {
    const content = "Breakfast is served from 7 to 10.";
    const { messageId } = await enqueueReply({ viewer: admin, conversationId, content, clientKey: "retry-ambiguous-key" });
    const action = await db().outboundAction.findFirstOrThrow({ where: { messageId } });
    await world.sandbox.addFault({ endpoint: "message.post", mode: "error_500", afterApply: true, times: 1 });
    // The job's last allowed attempt ends ambiguously, so the action fails while the message is at Booking.com.
    const outcome = await executeOutboundAction(action.id, { retryCount: RETRY_LIMIT, retryLimit: RETRY_LIMIT }).catch(() => "retrying" as const);
    expect(outcome).toBe("failed");
    expect(await copiesAtBooking(content)).toHaveLength(1);
    expect(await db().message.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({ sendState: "unknown", bookingId: null });

    // Retried by message id (the failed list offers the message when there is no failed action row).
    expect(await retryFailedOutbound(admin, { messageId })).toEqual({ actionId: action.id });
    expect(await runAttempts(action.id)).toBe("succeeded");
    const copies = await copiesAtBooking(content);
    expect(copies).toHaveLength(1);
    expect(copies[0]!.postCount).toBe(1);
    expect(await db().message.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({ sendState: "sent", bookingId: copies[0]!.messageId });
    expect(await db().auditLog.findFirstOrThrow({ where: { action: "outbound.retry" } })).toMatchObject({ targetId: action.id, after: { messageId } });
  });

  it("refuses to retry what is still being sent, and an unknown action", async () => {
    const { messageId } = await enqueueReply({ viewer: admin, conversationId, content: "On its way", clientKey: "retry-queued-key" });
    await expect(retryFailedOutbound(admin, { messageId })).rejects.toMatchObject({ code: "conflict", message: "This is still being sent." });
    await expect(retryFailedOutbound(admin, { actionId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ code: "not_found" });
    expect(await db().auditLog.count({ where: { action: "outbound.retry" } })).toBe(0);
  });
});
