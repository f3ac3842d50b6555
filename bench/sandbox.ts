import { performance } from "node:perf_hooks";
import { DEFAULT_ACCOUNT, DEFAULT_AFFILIATE } from "../sandbox/options";
import { startSandbox } from "../sandbox/server";
import { VirtualClock } from "../sandbox/world/clock";
import { generateWorld } from "../sandbox/world/generator";

// Sandbox benchmark (npx tsx bench/sandbox.ts):
//  1. the sandbox's own time to serve GET /messages/latest with 100 queued messages plus the
//     PUT /messages?number_of_messages=100 confirm, read from the Server-Timing header each response
//     carries (request received -> response written), and the round trip a client sees;
//  2. the time to generate a 100,000-conversation world.
// Targets: < 5 ms sandbox time for read + confirm; < 10 s for the world.

const ITERATIONS = 300;
const WARMUP = 30;
const BASIC = `Basic ${Buffer.from(`${DEFAULT_ACCOUNT.username}:${DEFAULT_ACCOUNT.password}`).toString("base64")}`;

function serverMs(response: Response): number {
  const match = /dur=([\d.]+)/.exec(response.headers.get("server-timing") ?? "");
  if (!match) throw new Error("no Server-Timing header");
  return Number(match[1]);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

function line(label: string, values: number[]): string {
  return `${label.padEnd(34)} median ${percentile(values, 50).toFixed(3)} ms   p95 ${percentile(values, 95).toFixed(3)} ms   max ${Math.max(...values).toFixed(3)} ms`;
}

async function benchQueue(): Promise<boolean> {
  const sandbox = await startSandbox({ port: 0, conversations: 40, clock: { mode: "frozen", start: "2026-03-10T10:00:00.000Z" } });
  try {
    const account = sandbox.world.accounts[0];
    const conversation = sandbox.world.conversations.get("a7dd5868-670c-597f-a5b8-8f6d917614bf");
    if (!account || !conversation) throw new Error("demo world is missing its account or conversation");
    const server: number[] = [];
    const client: number[] = [];
    for (let i = 0; i < WARMUP + ITERATIONS; i++) {
      // Empty the queue, then queue exactly 100 fresh messages (setup, not measured).
      sandbox.world.confirmQueue(account, sandbox.world.queueLength(account));
      for (let k = 0; k < 100; k++) {
        sandbox.world.addMessage({ conversationId: conversation.id, sender: k % 2 ? "property" : "guest", type: "free_text", content: `Benchmark message ${i}/${k}: is breakfast included?`, origin: "control" });
      }
      const started = performance.now();
      const read = await fetch(`${sandbox.url}/messaging/messages/latest`, { headers: { Authorization: BASIC, "Accept-Version": "1.2" } });
      const body = (await read.json()) as { data: { number_of_messages: number } };
      if (body.data.number_of_messages !== 100) throw new Error(`expected 100 queued messages, got ${body.data.number_of_messages}`);
      const confirm = await fetch(`${sandbox.url}/messaging/messages?number_of_messages=100`, { method: "PUT", headers: { Authorization: BASIC } });
      await confirm.arrayBuffer();
      const elapsed = performance.now() - started;
      if (i >= WARMUP) {
        server.push(serverMs(read) + serverMs(confirm));
        client.push(elapsed);
      }
    }
    const median = percentile(server, 50);
    console.log(`1. Queue: read 100 messages (Accept-Version 1.2) + confirm, ${ITERATIONS} iterations after ${WARMUP} warm-up`);
    console.log(`   ${line("sandbox time (Server-Timing sum)", server)}`);
    console.log(`   ${line("client round trip (both calls)", client)}`);
    const ok = percentile(server, 95) < 5;
    console.log(`   target: < 5 ms sandbox time -> ${ok ? "PASS" : "FAIL"} (median ${median.toFixed(3)} ms, p95 ${percentile(server, 95).toFixed(3)} ms)`);
    return ok;
  } finally {
    await sandbox.close();
  }
}

function benchGeneration(): boolean {
  const runs: number[] = [];
  let sizes = "";
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    const world = generateWorld({ seed: `bench-${run}`, conversations: 100_000, clock: VirtualClock.start(Date.now(), "frozen"), accounts: [DEFAULT_ACCOUNT], affiliates: [DEFAULT_AFFILIATE] });
    runs.push(performance.now() - started);
    sizes = `${world.conversations.size} conversations, ${world.messages.size} messages, ${world.attachments.size} attachments`;
  }
  const worst = Math.max(...runs);
  console.log("2. World generation: 100,000 generated conversations (plus the fixed seed ones), 3 runs");
  console.log(`   ${runs.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(", ")} (${sizes})`);
  const ok = worst < 10_000;
  console.log(`   target: < 10 s -> ${ok ? "PASS" : "FAIL"} (slowest ${(worst / 1000).toFixed(2)} s)`);
  return ok;
}

async function main(): Promise<void> {
  console.log(`Bellhop sandbox benchmark (Node ${process.version}, ${process.platform}/${process.arch})\n`);
  const queueOk = await benchQueue();
  console.log("");
  const generationOk = benchGeneration();
  process.exitCode = queueOk && generationOk ? 0 : 1;
}

void main();
