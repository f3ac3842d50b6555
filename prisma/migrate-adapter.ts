// Loaded only by the Prisma CLI (through prisma.config.ts), never by the app.
// Prisma 6's CLI normally downloads native engines; this machine class cannot reach that host, so
// the CLI runs its WASM schema engine ("engine: js") through this driver adapter. Three workarounds
// are needed for that path; each is explained where it is applied.
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";

// 0) The CLI looks for native engines at start-up and tries to download them when they are
//    missing. Any existing path skips that; with engine "js" and engineType "client" these files are
//    never executed.
const stub = path.join(__dirname, "offline-engine-stub");
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= stub;
process.env.PRISMA_QUERY_ENGINE_LIBRARY ??= stub;

// 1) The WASM schema engine leaves 10 s and 60 s timers pending after it finishes, which keeps the
//    CLI process alive for up to a minute. Unref long timers in this (CLI-only) process.
type TimerFn = (handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => NodeJS.Timeout;
const timerGlobal = globalThis as unknown as { setTimeout: TimerFn; __bellhopTimersUnref?: boolean };
if (!timerGlobal.__bellhopTimersUnref) {
  const original = timerGlobal.setTimeout;
  timerGlobal.setTimeout = function (handler, ms, ...args) {
    const timer = original.call(this, handler, ms, ...args);
    if ((ms ?? 0) >= 10_000 && typeof timer?.unref === "function") timer.unref();
    return timer;
  };
  timerGlobal.__bellhopTimersUnref = true;
}

// 2) The schema engine reads catalog columns of type `name` (oid 19) and "char" (oid 18), which
//    adapter-pg 6.x cannot deserialise. Report them as text.
type Field = { dataTypeID: number };
const resultPrototype = (pg as unknown as { Result: { prototype: { addFields(fields: Field[]): void; __bellhopPatched?: boolean } } }).Result.prototype;
if (!resultPrototype.__bellhopPatched) {
  const original = resultPrototype.addFields;
  resultPrototype.addFields = function (fields: Field[]) {
    for (const field of fields) if (field.dataTypeID === 19 || field.dataTypeID === 18) field.dataTypeID = 25;
    return original.call(this, fields);
  };
  resultPrototype.__bellhopPatched = true;
}

function poolConfigFromUrl(url: string): pg.PoolConfig {
  const parsed = new URL(url);
  return {
    host: parsed.hostname,
    port: Number(parsed.port || 5432),
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database: parsed.pathname.slice(1),
    allowExitOnIdle: true, // idle sockets must not keep the CLI alive
  };
}

// 3) adapter-pg's connectToShadowDb() uses the main database as the shadow when a connection string
//    is given, and drops the shadow before closing its pool. Create and drop our own shadow instead.
export class MigratePg extends PrismaPg {
  constructor(private readonly poolConfig: pg.PoolConfig) {
    super(poolConfig);
  }

  static fromUrl(url: string): MigratePg {
    return new MigratePg(poolConfigFromUrl(url));
  }

  async connectToShadowDb() {
    const admin = new pg.Client(this.poolConfig);
    await admin.connect();
    const database = `prisma_shadow_${process.pid}_${Date.now()}`;
    await admin.query(`CREATE DATABASE "${database}"`);
    const shadow = await new PrismaPg({ ...this.poolConfig, database }).connect();
    const dispose = shadow.dispose.bind(shadow);
    shadow.dispose = async () => {
      await dispose();
      await admin.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await admin.end();
    };
    return shadow;
  }
}
