import { spawn } from "node:child_process";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { resetDatabase } from "@/tests/database";
import { getSyncHealth } from "../admin/get-sync-health";
import { db } from "../db";
import { wordsIn } from "../i18n/localized-error";
import { resetSyncConfigForTests } from "./config";
import { welcomeClientKey } from "./welcome";
import { LOCK_NAMESPACE, lockKey } from "./poller-lock";
import { pollOnce } from "./queue-poller";
import { pollerStatus } from "./status";
import { createAdmin, PROPERTY_IDS, startSyncTestWorld, waitFor, type SyncTestWorld } from "./test-support";
import { startWorker, type WorkerHandle } from "./worker";
import { createReplyIn } from "./outbound/create-reply";
import { enqueueReply } from "./outbound/enqueue";

let world: SyncTestWorld;
const workers: WorkerHandle[] = [];
const databaseUrl = () => process.env.DATABASE_URL!;

beforeAll(() => {
  process.env.SYNC_POLL_SECONDS_OVERRIDE = "1";
  process.env.SYNC_HOUSEKEEPING_SECONDS = "0.5";
  process.env.SYNC_OUTBOUND_RETRY_DELAY_SECONDS = "1";
  process.env.SYNC_RECONCILE_MINUTES = "600";
  resetSyncConfigForTests();
});
afterAll(() => {
  for (const name of ["SYNC_POLL_SECONDS_OVERRIDE", "SYNC_HOUSEKEEPING_SECONDS", "SYNC_OUTBOUND_RETRY_DELAY_SECONDS", "SYNC_RECONCILE_MINUTES"]) delete process.env[name];
  resetSyncConfigForTests();
});
beforeEach(async () => {
  await resetDatabase();
  world = await startSyncTestWorld();
  // Reconciliation is not what these tests look at; mark it as just done.
  await db().bookingConnection.update({ where: { id: world.connectionId }, data: { lastReconcileAt: new Date() } });
});
afterEach(async () => {
  for (const worker of workers.splice(0)) await worker.stop();
  await world.sandbox.close();
});

async function start(options: { runOutbound?: boolean } = {}): Promise<WorkerHandle> {
  const worker = await startWorker({ databaseUrl: databaseUrl(), lockRetryMs: 300, log: () => undefined, ...options });
  workers.push(worker);
  return worker;
}

describe("sync worker", () => {
  it("runs one poller per connection; a standby takes over when the holder goes away", async () => {
    const first = await start({ runOutbound: false });
    await waitFor("first worker to hold the lock", async () => first.holdsPollerLock(world.connectionId));
    const second = await start({ runOutbound: false });
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(second.holdsPollerLock(world.connectionId)).toBe(false);
    expect((await pollerStatus())[0]).toMatchObject({ connectionId: world.connectionId, pollerRunning: true });

    // Kill the holder's lock session the hard way (as if its process died): Postgres releases the lock.
    const holderPid = (await pollerStatus())[0]!.holderPid!;
    await db().$executeRawUnsafe("SELECT pg_terminate_backend($1::int)", holderPid);
    await waitFor("a worker to hold the lock again", async () => first.holdsPollerLock(world.connectionId) || second.holdsPollerLock(world.connectionId), 10_000);
    expect(first.holdsPollerLock(world.connectionId) && second.holdsPollerLock(world.connectionId)).toBe(false);

    const holder = first.holdsPollerLock(world.connectionId) ? first : second;
    const standby = holder === first ? second : first;
    await holder.stop();
    workers.splice(workers.indexOf(holder), 1);
    await waitFor("the standby to take over", async () => standby.holdsPollerLock(world.connectionId), 5_000);

    // The new holder polls: a guest message arrives in the database.
    const booking = await world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[0]), sendWelcome: false });
    const sent = await world.sandbox.sendAsGuest(booking.conversationId, "anyone there?");
    await waitFor("the message to be stored", () => db().message.findUnique({ where: { bookingId: sent.messageId } }));
  });

  it("a worker process killed with SIGKILL is replaced by the standby process, which goes on storing", async () => {
    // Two real worker processes (as `npm run worker` starts them); the test kills one at the OS level.
    const spawnWorker = () =>
      spawn(process.execPath, ["--import", "tsx", "lib/sync/worker-main.ts"], {
        env: { ...process.env, NODE_ENV: "production", SYNC_POLL_SECONDS_OVERRIDE: "1", SYNC_RECONCILE_MINUTES: "600" },
        stdio: "ignore",
      });
    const processes = [spawnWorker(), spawnWorker()];
    try {
      // Which OS process holds the poller lock: its lock session is named bellhop-worker-<pid>.
      const holderProcess = async () => {
        const [row] = await db().$queryRaw<{ app: string }[]>`
          select a.application_name as app from pg_locks l join pg_stat_activity a on a.pid = l.pid
           where l.locktype = 'advisory' and l.granted and l.objsubid = 2
             and l.classid = ${LOCK_NAMESPACE.poller}::int::oid and l.objid = ${lockKey(world.connectionId) >>> 0}::bigint::oid`;
        return row ? processes.find((child) => `bellhop-worker-${child.pid}` === row.app) : undefined;
      };
      const holder = await waitFor("a worker process to hold the poller lock", holderProcess, 30_000);
      const standby = processes.find((child) => child !== holder)!;
      await waitFor("the standby to be up", async () => (await db().$queryRaw<{ n: number }[]>`
        select count(*)::int as n from pg_stat_activity where application_name = ${`bellhop-worker-${standby.pid}`}`)[0]!.n > 0, 30_000);

      holder.kill("SIGKILL");
      await waitFor("the standby process to take the lock", async () => (await holderProcess()) === standby, 10_000);
      const booking = await world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[0]), sendWelcome: false });
      const sent = await world.sandbox.sendAsGuest(booking.conversationId, "is anyone still there?");
      await waitFor("the message to be stored by the standby", () => db().message.findUnique({ where: { bookingId: sent.messageId } }), 15_000);
    } finally {
      for (const child of processes) child.kill("SIGKILL");
    }
  });

  // The one failure no fault in this process can stand for: the process itself dies mid-send. Either
  // Booking.com stored the reply and its answer never came back, or the request never got there; the
  // worker that comes next cannot tell which, and must neither send it twice nor lose it.
  it.each([
    { when: "after Booking.com stored the reply, before its answer came back", afterApply: true },
    { when: "before the request reached Booking.com", afterApply: false },
  ])("a worker process killed while sending a reply ($when) leaves it sent exactly once by the next worker", async ({ afterApply }) => {
    const booking = await world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[1]), sendWelcome: false });
    await world.sandbox.sendAsGuest(booking.conversationId, "Can we bring our dog?");
    await pollOnce(world.connectionId);
    const conversation = await db().conversation.findUniqueOrThrow({ where: { bookingId: booking.conversationId } });
    const content = "Yes, dogs are welcome.";
    const copiesAtBooking = async () => (await world.sandbox.inspectConversation(booking.conversationId)).messages.filter((m) => m.sender === "property" && m.content === content);
    // The POST never answers: the worker is stuck in it, as on a slow network, when it is killed.
    await world.sandbox.addFault({ endpoint: "message.post", mode: "hang", afterApply, times: 1 });
    const child = spawn(process.execPath, ["--import", "tsx", "lib/sync/worker-main.ts"], { env: { ...process.env, NODE_ENV: "production" }, stdio: "ignore" });
    try {
      const { messageId } = await enqueueReply({ viewer: await createAdmin(), conversationId: conversation.id, content, clientKey: `killed-mid-send-${afterApply}` });
      await waitFor("the worker process to be in the POST", async () => (await db().message.findUniqueOrThrow({ where: { id: messageId } })).sendState === "sending", 30_000);
      if (afterApply) await waitFor("Booking.com to have stored the reply", async () => (await copiesAtBooking()).length === 1, 10_000);
      else await new Promise((resolve) => setTimeout(resolve, 500));
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
      await world.sandbox.clearFaults();

      await start();
      const sent = await waitFor("the next worker to settle the reply", async () => {
        const message = await db().message.findUniqueOrThrow({ where: { id: messageId } });
        return message.sendState === "sent" ? message : null;
      }, 30_000);
      const copies = await copiesAtBooking();
      expect(copies).toHaveLength(1);
      expect(copies[0]!.postCount).toBe(1);
      expect(sent.bookingId).toBe(copies[0]!.messageId);
      expect(await db().outboundAction.findFirstOrThrow({ where: { messageId } })).toMatchObject({ state: "succeeded" });
      // The inbox keeps one copy of it too (the queue delivers Booking.com's copy; it is matched to the reply).
      await pollOnce(world.connectionId);
      expect(await db().message.count({ where: { conversationId: conversation.id, senderType: "property" } })).toBe(1);
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("a worker process killed between storing a batch of guest messages and confirming it: the next worker reads the batch again and stores each message once", async () => {
    const booking = await world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[0]), sendWelcome: false });
    // The confirm never answers (and is not applied): the worker is stuck in it, its batch stored, when it is killed.
    await world.sandbox.addFault({ endpoint: "queue.confirm", mode: "hang", times: 1 });
    const queueLength = async () => (await world.sandbox.control<{ accounts: { length: number }[] }>("GET", "/queues")).accounts.reduce((sum, account) => sum + account.length, 0);
    // Both are in the queue before the worker starts, so they are one batch.
    const sent = [await world.sandbox.sendAsGuest(booking.conversationId, "We land at 23:00."), await world.sandbox.sendAsGuest(booking.conversationId, "Is the desk open then?")];
    const ids = sent.map((message) => message.messageId);
    const child = spawn(process.execPath, ["--import", "tsx", "lib/sync/worker-main.ts"], { env: { ...process.env, NODE_ENV: "production" }, stdio: "ignore" });
    try {
      await waitFor("the worker process to store the batch", async () => (await db().message.count({ where: { bookingId: { in: ids } } })) === 2, 30_000);
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(await queueLength()).toBeGreaterThanOrEqual(2);
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGKILL");
      await exited;
      await world.sandbox.clearFaults();

      await start({ runOutbound: false });
      await waitFor("the next worker to read the batch again and confirm it", async () => (await queueLength()) === 0, 30_000);
      const conversation = await db().conversation.findUniqueOrThrow({ where: { bookingId: booking.conversationId } });
      const stored = await db().message.findMany({ where: { conversationId: conversation.id, senderType: "guest" }, orderBy: { sentAt: "asc" } });
      expect(stored.map((message) => message.bookingId)).toEqual(ids);
      expect(conversation).toMatchObject({ lastMessagePreview: "Is the desk open then?", needsReplySince: stored[0]!.sentAt });
    } finally {
      child.kill("SIGKILL");
    }
  });

  it("sends a reply whose job never reached pg-boss (the web process died between its commit and the job): housekeeping finds it, and it goes once", async () => {
    const booking = await world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[1]), sendWelcome: false });
    await world.sandbox.sendAsGuest(booking.conversationId, "Is breakfast included?");
    await pollOnce(world.connectionId);
    const conversation = await db().conversation.findUniqueOrThrow({ where: { bookingId: booking.conversationId } });
    const admin = await createAdmin();
    const content = "Yes, from 7 to 10.";
    // What enqueueReply commits, without the job it sends afterwards; written a minute ago.
    const { messageId, actionId } = await db().$transaction((tx) =>
      createReplyIn(tx, { conversationId: conversation.id, propertyId: PROPERTY_IDS[1]!, content, clientKey: "job-lost-1", kind: "reply", authorId: admin.id, senderName: admin.name, attachmentIds: [] }),
    );
    await db().$executeRaw`update outbound_actions set updated_at = now() - interval '1 minute' where id = ${actionId}::uuid`;

    await start();
    await waitFor("housekeeping to send the reply", async () => (await db().message.findUniqueOrThrow({ where: { id: messageId } })).sendState === "sent", 20_000);
    const copies = (await world.sandbox.inspectConversation(booking.conversationId)).messages.filter((m) => m.sender === "property" && m.content === content);
    expect(copies).toHaveLength(1);
    expect(copies[0]!.postCount).toBe(1);
    expect(await db().outboundAction.findUniqueOrThrow({ where: { id: actionId } })).toMatchObject({ state: "succeeded", attempts: 1 });
  });

  it("sends a staff reply through pg-boss exactly once", async () => {
    await start();
    const booking = await world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[1]), sendWelcome: false });
    await world.sandbox.sendAsGuest(booking.conversationId, "question");
    const conversation = await waitFor("the conversation", () => db().conversation.findUnique({ where: { bookingId: booking.conversationId } }));
    await world.sandbox.addFault({ endpoint: "message.post", mode: "drop", afterApply: true, times: 1 });
    const viewer = await createAdmin();
    const { messageId } = await enqueueReply({ viewer, conversationId: conversation.id, content: "answer", clientKey: "worker-key-1" });
    await waitFor("the reply to be sent", async () => (await db().message.findUnique({ where: { id: messageId } }))?.sendState === "sent", 20_000);
    const atBooking = (await world.sandbox.inspectConversation(booking.conversationId)).messages.filter((m) => m.sender === "property");
    expect(atBooking).toHaveLength(1);
    expect(await db().message.count({ where: { conversationId: conversation.id } })).toBe(2);
  });

  it("sends the welcome message once, even with two workers", async () => {
    const reply = await db().savedReply.create({ data: { title: "Welcome", body: "Welcome {guest_name} to {property_name}! Booking {reservation_number}." } });
    await db().property.update({ where: { id: PROPERTY_IDS[2]! }, data: { welcomeReplyId: reply.id } });
    await start();
    await start();
    const booking = await world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[2]), sendWelcome: false, guestName: "Lea Braun" });
    await world.sandbox.sendAsGuest(booking.conversationId, "Hello!");
    const expected = `Welcome Lea Braun to Hotel ${PROPERTY_IDS[2]}! Booking ${booking.reference}.`;
    await waitFor(
      "the welcome at Booking.com",
      async () => (await world.sandbox.inspectConversation(booking.conversationId)).messages.some((m) => m.sender === "property" && m.content === expected),
      20_000,
    );
    // More guest messages (and a redelivery) later: still one welcome.
    await world.sandbox.addFault({ mode: "redeliver_confirmed", count: 5, times: 1 });
    await world.sandbox.sendAsGuest(booking.conversationId, "Are you there?");
    const conversation = await db().conversation.findUniqueOrThrow({ where: { bookingId: booking.conversationId } });
    await waitFor("the second guest message", async () => (await db().message.count({ where: { conversationId: conversation.id, senderType: "guest" } })) === 2);
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const welcomes = (await world.sandbox.inspectConversation(booking.conversationId)).messages.filter((m) => m.sender === "property");
    expect(welcomes).toHaveLength(1);
    expect(await db().outboundAction.count({ where: { clientKey: welcomeClientKey(conversation.id) } })).toBe(1);
    const welcomeMessage = await db().message.findUniqueOrThrow({ where: { clientKey: welcomeClientKey(conversation.id) } });
    expect(welcomeMessage).toMatchObject({ sendState: "sent", content: expected });
    expect(await db().message.count({ where: { conversationId: conversation.id, senderType: "property" } })).toBe(1);
  });

  it("records why a welcome was not sent when a placeholder has no value", async () => {
    const reply = await db().savedReply.create({ data: { title: "Welcome", body: "Hi {guest_name}!" } });
    await db().property.update({ where: { id: PROPERTY_IDS[3]! }, data: { welcomeReplyId: reply.id } });
    await db().bookingConnection.update({ where: { id: world.connectionId }, data: { apiVersion: "1.0" } }); // no guest names under 1.0
    await start();
    const booking = await world.sandbox.createBooking({ propertyId: Number(PROPERTY_IDS[3]), sendWelcome: false });
    await world.sandbox.sendAsGuest(booking.conversationId, "Hello!");
    const conversation = await waitFor("the conversation", () => db().conversation.findUnique({ where: { bookingId: booking.conversationId } }));
    const action = await waitFor("the welcome record", () => db().outboundAction.findUnique({ where: { clientKey: welcomeClientKey(conversation.id) } }));
    expect(action.state).toBe("failed");
    expect(action.lastError).toBe("Welcome not sent: no value for {guest_name}.");
    expect((await getSyncHealth(await wordsIn("nl"))).failed).toEqual([
      expect.objectContaining({ actionId: action.id, kind: "welcome", reason: "Welkomstbericht niet verstuurd: geen waarde voor {guest_name}." }),
    ]);
    expect((await world.sandbox.inspectConversation(booking.conversationId)).messages.filter((m) => m.sender === "property")).toHaveLength(0);
  });
});
