// `npm run soak`: proof under faults. A throwaway Postgres, the sandbox on a random port, and the sync
// worker as a CHILD PROCESS that is SIGKILLed and restarted at random. Meanwhile guests send messages
// across many conversations and staff send replies, while the sandbox injects errors (500, 429, hangs
// → timeouts, dropped connections, ambiguous failures after applying a send) and redelivers confirmed
// messages. Then it checks: every guest message stored exactly once, in timestamp order, and every
// reply at Booking.com exactly once, and every conversation's inbox columns (count, last message time)
// equal to what its messages say. Prints figures; exits 1 if any count is off.
//
// Flags (defaults = the issue's numbers): --messages 10000 --conversations 200 --replies 1000
//   --kills 5 --error-rate 0.10 --ambiguous-rate 0.10 --timeout-seconds 600
import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { z } from "zod";
import { makeTempDir, migrateDatabase, startEmbeddedPostgres, type RunningDatabase } from "./database";

const flags = z
  .object({
    messages: z.coerce.number().int().min(1).default(10_000),
    conversations: z.coerce.number().int().min(1).default(200),
    replies: z.coerce.number().int().min(0).default(1_000),
    kills: z.coerce.number().int().min(0).default(5),
    "error-rate": z.coerce.number().min(0).max(0.9).default(0.1),
    "ambiguous-rate": z.coerce.number().min(0).max(0.9).default(0.1),
    "timeout-seconds": z.coerce.number().int().min(10).default(600),
  })
  .parse(parseArgs(process.argv.slice(2)));

function parseArgs(args: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith("--")) out[arg.slice(2)] = args[i + 1] ?? "";
  }
  return out;
}

function log(line: string) {
  process.stdout.write(`[soak] ${line}\n`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<number> {
  const started = Date.now();
  const dir = makeTempDir("bellhop-soak-pg-");
  let database: RunningDatabase | null = null;
  let worker: ChildProcess | null = null;
  try {
    database = await startEmbeddedPostgres({ dir: path.join(dir, "data"), port: 0, persistent: false });
    await migrateDatabase(database.url);
    const syncEnv = {
      DATABASE_URL: database.url,
      AUTH_SECRET: randomBytes(32).toString("base64"),
      SECRETS_KEY: randomBytes(32).toString("hex"),
      SYNC_POLL_SECONDS_OVERRIDE: "1",
      SYNC_HOUSEKEEPING_SECONDS: "1",
      SYNC_OUTBOUND_RETRY_DELAY_SECONDS: "1",
      SYNC_OUTBOUND_RETRY_LIMIT: "20",
      SYNC_REQUEST_TIMEOUT_MS: "1000",
      SYNC_RETRY_BASE_DELAY_MS: "20",
      SYNC_RECONCILE_MINUTES: "600",
    };
    Object.assign(process.env, syncEnv);

    // Imported after the environment is set: these modules read it.
    const { startSandbox } = await import("../sandbox/server");
    const { db } = await import("../lib/db");
    const { encryptSecret } = await import("../lib/secrets");
    const { enqueueReply } = await import("../lib/sync/outbound/enqueue");
    const { stopOutboundBoss } = await import("../lib/sync/outbound/boss");

    const sandbox = await startSandbox({ port: 0, stateFile: null, clock: { mode: "running" }, conversations: 0, faultSeed: `soak-${Date.now()}` });
    const control = async <T>(method: string, route: string, body?: unknown): Promise<T> => {
      const response = await fetch(`${sandbox.url}/_sandbox${route}`, {
        method,
        headers: body === undefined ? {} : { "Content-Type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!response.ok) throw new Error(`sandbox ${method} ${route}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };

    // Count what the fault engine fires on the property API (the sandbox runs in this process).
    const fired = { calls: 0, faulted: 0, byMode: new Map<string, number>() };
    const originalFire = sandbox.faults.fire.bind(sandbox.faults);
    sandbox.faults.fire = (endpoint, method, requestPath) => {
      const rules = originalFire(endpoint, method, requestPath);
      if (requestPath.startsWith("/messaging/")) {
        fired.calls++;
        const failing = rules.filter((rule) => rule.mode !== "latency" && rule.mode !== "redeliver_confirmed" && rule.mode !== "duplicate_in_queue");
        if (failing.length > 0) fired.faulted++;
        for (const rule of rules) fired.byMode.set(`${rule.mode}${rule.afterApply ? "+afterApply" : ""}`, (fired.byMode.get(`${rule.mode}${rule.afterApply ? "+afterApply" : ""}`) ?? 0) + 1);
      }
      return rules;
    };

    const propertyIds = ["13921698", "2098153", "6819547", "6378711"];
    const connection = await db().bookingConnection.create({
      data: {
        name: "soak sandbox",
        baseUrl: `${sandbox.url}/messaging`,
        authType: "basic",
        username: "bellhop-sandbox",
        passwordEncrypted: encryptSecret("sandbox-password"),
        pollIntervalSeconds: 5,
        lastReconcileAt: new Date(),
      },
    });
    for (const id of propertyIds) await db().property.create({ data: { id, name: `Soak ${id}`, connectionId: connection.id, backfillState: "done" } });
    const admin = await db().user.create({ data: { email: "soak@bellhop.local", name: "Soak Admin", passwordHash: "x", role: "admin" } });
    const viewer = { id: admin.id, email: admin.email, name: admin.name, role: "admin" as const, locale: null, propertyScope: "all" as const };

    // Conversations, then an empty queue, so every count below is ours.
    const conversations: { conversationId: string; propertyId: number }[] = [];
    for (let i = 0; i < flags.conversations; i++) {
      const propertyId = Number(propertyIds[i % propertyIds.length]);
      const created = await control<{ conversation: { conversationId: string } }>("POST", "/bookings", { propertyId, sendWelcome: false, guestName: `Guest ${i}` });
      conversations.push({ conversationId: created.conversation.conversationId, propertyId });
    }
    const queueLength = async () => (await control<{ accounts: { length: number }[] }>("GET", "/queues")).accounts[0]?.length ?? 0;
    sandbox.world.confirmQueue(sandbox.world.accounts[0]!, await queueLength());

    // Faults on every property-API call: errors, rate limits, timeouts (hang > client timeout), drops.
    const errorEach = flags["error-rate"] / 4;
    sandbox.faults.add([
      { path: "/messaging/**", mode: "error_500", probability: errorEach, latencyMs: 0, retryAfterSeconds: 0, count: 1, afterApply: false },
      { path: "/messaging/**", mode: "rate_limit", probability: errorEach, retryAfterSeconds: 0, latencyMs: 0, count: 1, afterApply: false },
      { path: "/messaging/**", mode: "hang", probability: errorEach, latencyMs: 0, retryAfterSeconds: 0, count: 1, afterApply: false },
      { path: "/messaging/**", mode: "drop", probability: errorEach, latencyMs: 0, retryAfterSeconds: 0, count: 1, afterApply: false },
      // Ambiguous sends: applied at Booking.com, but the client sees a timeout or a dropped connection.
      { endpoint: "message.post", mode: "hang", afterApply: true, probability: flags["ambiguous-rate"] / 2, latencyMs: 0, retryAfterSeconds: 0, count: 1 },
      { endpoint: "message.post", mode: "drop", afterApply: true, probability: flags["ambiguous-rate"] / 2, latencyMs: 0, retryAfterSeconds: 0, count: 1 },
      { endpoint: "queue.read", mode: "redeliver_confirmed", probability: 0.1, count: 25, latencyMs: 0, retryAfterSeconds: 0, afterApply: false },
    ]);

    // The worker, killed and restarted at random.
    let kills = 0;
    let restarting = false;
    const workerEnv: NodeJS.ProcessEnv = { ...process.env, ...syncEnv, NODE_ENV: "production" };
    const startWorkerProcess = () => {
      // node itself with tsx's loader (not the tsx CLI, which runs the program in a grandchild that a
      // SIGKILL of the CLI would leave running): the kill must really kill the worker.
      const child = spawn(process.execPath, ["--import", "tsx", "lib/sync/worker-main.ts"], { env: workerEnv, stdio: ["ignore", "ignore", "pipe"] });
      child.stderr?.on("data", (chunk: Buffer) => {
        const text = chunk.toString();
        if (/Error|error/.test(text) && !/pg-boss/.test(text)) process.stderr.write(`[worker] ${text}`);
      });
      return child;
    };
    worker = startWorkerProcess();
    let generating = true;
    const killer = (async () => {
      while (generating || kills < flags.kills) {
        await sleep(2_000 + Math.random() * 4_000);
        if (!worker || restarting) continue;
        restarting = true;
        worker.kill("SIGKILL");
        kills++;
        log(`worker killed (${kills})`);
        await sleep(200 + Math.random() * 800);
        worker = startWorkerProcess();
        restarting = false;
      }
    })();

    // Guests write; staff reply (through the app's enqueue API, as the web process would).
    const sentGuest: string[] = [];
    const guestWriter = (async () => {
      for (let i = 0; i < flags.messages; i++) {
        const target = conversations[i % conversations.length]!;
        const sent = await control<{ message: { messageId: string } }>("POST", `/conversations/${target.conversationId}/guest-messages`, { content: `guest ${i} in ${target.conversationId}` });
        sentGuest.push(sent.message.messageId);
        if (i % 50 === 49) await sleep(20);
      }
    })();
    const replyContents: string[] = [];
    const replyWriter = (async () => {
      for (let i = 0; i < flags.replies; i++) {
        const target = conversations[i % conversations.length]!;
        const stored = await waitForConversation(db, target.conversationId);
        const content = `Reply #${i}: thank you, we will take care of it.`;
        await enqueueReply({ viewer, conversationId: stored, content, clientKey: `soak-reply-${i}` });
        replyContents.push(content);
        if (i % 20 === 19) await sleep(50);
      }
    })();
    await Promise.all([guestWriter, replyWriter]);
    generating = false;
    log(`generated ${sentGuest.length} guest messages and ${replyContents.length} replies in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    await killer;

    // Let the last worker finish: queue empty, every guest message stored, every reply settled.
    const deadline = Date.now() + flags["timeout-seconds"] * 1000;
    const conversationIds = conversations.map((c) => c.conversationId);
    for (;;) {
      const [storedGuest, openActions, queued, summariesPending] = await Promise.all([
        db().message.count({ where: { senderType: "guest", conversation: { bookingId: { in: conversationIds } } } }),
        db().outboundAction.count({ where: { state: { in: ["queued", "running"] } } }),
        queueLength(),
        db().conversationSummaryPending.count(),
      ]);
      if ((storedGuest >= sentGuest.length && openActions === 0 && queued === 0 && summariesPending === 0) || Date.now() > deadline) break;
      await sleep(1_000);
    }
    worker?.kill("SIGTERM");
    await new Promise((resolve) => worker?.once("exit", resolve));
    worker = null;

    // ---- Checks ----
    const problems: string[] = [];
    const stored = await db().message.findMany({
      where: { conversation: { bookingId: { in: conversationIds } } },
      select: { bookingId: true, content: true, senderType: true, sentAt: true, sendState: true, clientKey: true, conversation: { select: { bookingId: true } } },
      orderBy: [{ sentAt: "asc" }, { id: "asc" }],
    });
    const storedGuest = stored.filter((message) => message.senderType === "guest");
    const storedIds = new Set(storedGuest.map((message) => message.bookingId));
    const lost = sentGuest.filter((id) => !storedIds.has(id));
    const contentCounts = new Map<string, number>();
    for (const message of stored) contentCounts.set(message.content, (contentCounts.get(message.content) ?? 0) + 1);
    const duplicates = [...contentCounts.values()].filter((count) => count > 1).length;

    // Order: per conversation, our order by timestamp equals Booking's.
    let orderBroken = 0;
    const replyAtBooking = new Map<string, number>();
    for (const conversation of conversations) {
      const atBooking = sandbox.world.messagesOf(sandbox.world.conversations.get(conversation.conversationId)!);
      for (const message of atBooking) if (message.sender === "property") replyAtBooking.set(message.content, (replyAtBooking.get(message.content) ?? 0) + 1);
      const bookingOrder = atBooking.filter((message) => message.sender === "guest").sort((a, b) => a.timestampMs - b.timestampMs).map((message) => message.id);
      const ourOrder = storedGuest.filter((message) => message.conversation.bookingId === conversation.conversationId).map((message) => message.bookingId);
      if (bookingOrder.join() !== ourOrder.join()) orderBroken++;
    }
    const repliesSentTwice = [...replyAtBooking.values()].filter((count) => count > 1).length;
    const repliesMissing = replyContents.filter((content) => !replyAtBooking.has(content)).length;
    const ourReplies = stored.filter((message) => message.senderType === "property");
    const repliesNotSent = ourReplies.filter((message) => message.sendState !== "sent").length;

    // The inbox columns, updated after the store (lib/sync/store-queue.ts), must match the messages even
    // though workers were killed between the two.
    const [summaries] = await db().$queryRaw<{ wrong: number; pending: number }[]>`
      select (select count(*)::int from conversations c
               where c.booking_id = any(${conversationIds}::text[])
                 and (c.message_count <> (select count(*) from messages m where m.conversation_id = c.id)
                      or c.last_message_at is distinct from (select max(m.sent_at) from messages m where m.conversation_id = c.id))) as wrong,
             (select count(*)::int from conversation_summary_pending) as pending`;
    const faultShare = fired.calls === 0 ? 0 : fired.faulted / fired.calls;
    log(`--- figures (${((Date.now() - started) / 1000).toFixed(0)} s) ---`);
    log(`guest messages sent: ${sentGuest.length}, stored: ${storedGuest.length}, lost: ${lost.length}, duplicates: ${duplicates}, conversations out of order: ${orderBroken}`);
    log(`staff replies enqueued: ${replyContents.length}, at Booking.com: ${replyAtBooking.size}, sent twice: ${repliesSentTwice}, missing at Booking.com: ${repliesMissing}, stored rows: ${ourReplies.length}, not in state sent: ${repliesNotSent}`);
    log(`worker SIGKILLs: ${kills}; conversations whose inbox columns differ from their messages: ${summaries!.wrong} (marks still pending: ${summaries!.pending})`);
    log(`property-API calls: ${fired.calls}, failed by injected faults: ${fired.faulted} (${(faultShare * 100).toFixed(1)}%)`);
    log(`faults fired: ${[...fired.byMode.entries()].map(([mode, count]) => `${mode} ${count}`).join(", ")}`);

    if (storedGuest.length !== sentGuest.length) problems.push("stored guest messages differ from sent");
    if (lost.length > 0) problems.push(`${lost.length} guest messages lost`);
    if (duplicates > 0) problems.push(`${duplicates} duplicated messages`);
    if (orderBroken > 0) problems.push(`${orderBroken} conversations out of order`);
    if (repliesSentTwice > 0) problems.push(`${repliesSentTwice} replies sent twice`);
    if (repliesMissing > 0) problems.push(`${repliesMissing} replies never reached Booking.com`);
    if (ourReplies.length !== replyContents.length) problems.push(`${ourReplies.length} reply rows for ${replyContents.length} replies`);
    if (repliesNotSent > 0) problems.push(`${repliesNotSent} replies not marked sent`);
    if (summaries!.wrong > 0 || summaries!.pending > 0) problems.push(`${summaries!.wrong} conversations with wrong inbox columns, ${summaries!.pending} marks pending`);
    if (kills < flags.kills) problems.push(`only ${kills} worker kills`);
    if (faultShare < flags["error-rate"] * 0.8) problems.push(`fault share ${(faultShare * 100).toFixed(1)}% below the target`);
    log(problems.length === 0 ? "RESULT: OK" : `RESULT: FAILED: ${problems.join("; ")}`);

    await stopOutboundBoss();
    await db().$disconnect();
    await sandbox.close();
    return problems.length === 0 ? 0 : 1;
  } finally {
    worker?.kill("SIGKILL");
    await database?.stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function waitForConversation(db: () => import("../lib/generated/prisma/client").PrismaClient, bookingId: string): Promise<string> {
  for (;;) {
    const row = await db().conversation.findUnique({ where: { bookingId }, select: { id: true } });
    if (row) return row.id;
    await sleep(200);
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
