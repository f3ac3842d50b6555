// `npm run bench:sync`: how fast the queue poller drains Booking.com's queue into Postgres.
//   1. No added latency: a queue of 100,000 guest messages (target ≥ 2,000 messages/s).
//   2. 100 ms added to every sandbox call: the API allows at most 100 messages per read + confirm, i.e.
//      2 × 100 ms per 100 messages = 500 messages/s; target ≥ 90 % of that.
// A throwaway embedded Postgres and an in-process sandbox (its CPU time counts against us, which only
// makes the figures conservative). The poller code is the worker's (pollOnce in a loop).
//
// Flags: --messages 100000 --latency-messages 10000 --conversations 500 --latency-ms 100
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { z } from "zod";
import { makeTempDir, migrateDatabase, startEmbeddedPostgres, type RunningDatabase } from "../scripts/database";

const flags = z
  .object({
    messages: z.coerce.number().int().min(100).default(100_000),
    "latency-messages": z.coerce.number().int().min(100).default(10_000),
    conversations: z.coerce.number().int().min(1).default(500),
    "latency-ms": z.coerce.number().int().min(1).default(100),
  })
  .parse(Object.fromEntries(process.argv.slice(2).flatMap((arg, i, all) => (arg.startsWith("--") ? [[arg.slice(2), all[i + 1] ?? ""]] : []))));

async function main(): Promise<number> {
  const dir = makeTempDir("bellhop-bench-pg-");
  let database: RunningDatabase | null = null;
  try {
    database = await startEmbeddedPostgres({ dir: path.join(dir, "data"), port: 0, persistent: false });
    await migrateDatabase(database.url);
    Object.assign(process.env, { DATABASE_URL: database.url, AUTH_SECRET: randomBytes(32).toString("base64"), SECRETS_KEY: randomBytes(32).toString("hex") });
    const { startSandbox } = await import("../sandbox/server");
    const { db } = await import("../lib/db");
    const { encryptSecret } = await import("../lib/secrets");
    const { pollOnce } = await import("../lib/sync/queue-poller");
    const { clientForConnection } = await import("../lib/sync/client-cache");

    const sandbox = await startSandbox({ port: 0, stateFile: null, clock: { mode: "running" }, conversations: 0 });
    const world = sandbox.world;
    const account = world.accounts[0]!;
    const propertyIds = ["13921698", "2098153", "6819547", "6378711"];
    const connection = await db().bookingConnection.create({
      data: { name: "bench", baseUrl: `${sandbox.url}/messaging`, authType: "basic", username: "bellhop-sandbox", passwordEncrypted: encryptSecret("sandbox-password") },
    });
    for (const id of propertyIds) await db().property.create({ data: { id, name: `Bench ${id}`, connectionId: connection.id, backfillState: "done" } });

    const conversationIds: string[] = [];
    for (let i = 0; i < flags.conversations; i++) {
      const response = await fetch(`${sandbox.url}/_sandbox/bookings`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ propertyId: Number(propertyIds[i % propertyIds.length]), sendWelcome: false, guestName: `Bench Guest ${i}` }),
      });
      const body = (await response.json()) as { conversation: { conversationId: string } };
      conversationIds.push(body.conversation.conversationId);
    }
    world.confirmQueue(account, world.queueLength(account));

    const fill = (count: number, label: string) => {
      for (let i = 0; i < count; i++) {
        world.addMessage({ conversationId: conversationIds[i % conversationIds.length]!, sender: "guest", type: "free_text", content: `${label} message ${i}: is breakfast included?`, origin: "control" });
      }
    };
    // Where a poll's time goes: the worker's own client, with the queue read and confirm timed; the rest
    // of a poll is the store (and the JavaScript around it).
    const client = await clientForConnection(connection.id);
    const spent = { read: 0, confirm: 0 };
    const timedClient = Object.assign(Object.create(client) as typeof client, {
      readQueue: async (...args: Parameters<typeof client.readQueue>) => timeInto("read", () => client.readQueue(...args)),
      confirmQueue: async (...args: Parameters<typeof client.confirmQueue>) => timeInto("confirm", () => client.confirmQueue(...args)),
    });
    async function timeInto<T>(phase: keyof typeof spent, run: () => Promise<T>): Promise<T> {
      const started = performance.now();
      try {
        return await run();
      } finally {
        spent[phase] += performance.now() - started;
      }
    }
    const drain = async (): Promise<{ messages: number; seconds: number; polls: number; perPoll: string }> => {
      const started = performance.now();
      Object.assign(spent, { read: 0, confirm: 0 });
      let messages = 0;
      let polls = 0;
      for (;;) {
        const outcome = await pollOnce(connection.id, { client: timedClient });
        polls++;
        messages += outcome.inserted;
        if (outcome.read === 0) break;
      }
      const total = performance.now() - started;
      const perPoll = `per poll (${polls}, the last one finding the queue empty): read ${(spent.read / polls).toFixed(1)} ms, confirm ${(spent.confirm / polls).toFixed(1)} ms, the rest (store) ${((total - spent.read - spent.confirm) / polls).toFixed(1)} ms`;
      return { messages, seconds: total / 1000, polls, perPoll };
    };

    // 1. No latency.
    fill(flags.messages, "plain");
    const plain = await drain();
    const plainRate = plain.messages / plain.seconds;
    console.log(`1. No added latency: ${plain.messages} messages (${flags.conversations} conversations learned on the way) in ${plain.seconds.toFixed(1)} s = ${plainRate.toFixed(0)} messages/s (target ≥ 2000) ${plainRate >= 2000 ? "OK" : "BELOW TARGET"}`);
    console.log(`   ${plain.perPoll}`);

    // 2. Latency on every property-API call.
    sandbox.faults.add([{ path: "/messaging/**", mode: "latency", latencyMs: flags["latency-ms"], probability: 1, retryAfterSeconds: 0, count: 1, afterApply: false }]);
    fill(flags["latency-messages"], "slow");
    const slow = await drain();
    const slowRate = slow.messages / slow.seconds;
    const limit = 100 / ((2 * flags["latency-ms"]) / 1000);
    const ratio = slowRate / limit;
    console.log(
      `2. ${flags["latency-ms"]} ms per call: ${slow.messages} messages in ${slow.seconds.toFixed(1)} s = ${slowRate.toFixed(0)} messages/s; ` +
        `API limit ${limit.toFixed(0)} messages/s (100 per read + confirm); ratio ${(ratio * 100).toFixed(1)} % (target ≥ 90 %) ${ratio >= 0.9 ? "OK" : "BELOW TARGET"}`,
    );
    console.log(`   ${slow.perPoll}`);
    const stored = await db().message.count();
    console.log(`   stored in total: ${stored} (expected ${flags.messages + flags["latency-messages"]})`);
    await db().$disconnect();
    await sandbox.close();
    return plainRate >= 2000 && ratio >= 0.9 && stored === flags.messages + flags["latency-messages"] ? 0 : 1;
  } finally {
    await database?.stop().catch(() => undefined);
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
