// "The database cannot be reached" told apart from every other failure, with the errors the real
// clients throw: Prisma and pg against a port where nothing listens, a connection the server terminates
// under a running session, and, as counter-examples, a real constraint violation, a real SQL error and a
// real refused fetch (Booking.com being down is not the database being down).
import { CallbackRouteError } from "@auth/core/errors";
import { PrismaPg } from "@prisma/adapter-pg";
import net from "node:net";
import pg from "pg";
import { afterAll, describe, expect, it, vi } from "vitest";
import { db } from "@/lib/db";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { resetDatabase } from "@/tests/database";
import { DatabaseUnavailableError, isDatabaseUnavailable, markPgConnectionFailure } from "./database-unavailable";
import { errorResponse } from "./errors";

const NOWHERE = "postgresql://postgres:postgres@127.0.0.1:1/bellhop";
const unreachable = new PrismaClient({ adapter: new PrismaPg({ connectionString: NOWHERE }) });

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => error,
  );
}

afterAll(async () => {
  await unreachable.$disconnect();
});

describe("the database being unreachable", () => {
  it("is recognised in Prisma's errors, for queries, raw SQL and transactions", async () => {
    expect(isDatabaseUnavailable(await rejection(unreachable.user.count()))).toBe(true);
    expect(isDatabaseUnavailable(await rejection(unreachable.$queryRaw`select 1`))).toBe(true);
    expect(isDatabaseUnavailable(await rejection(unreachable.$transaction(async (tx) => tx.user.count())))).toBe(true);
  });

  it("is recognised in pg's errors once marked: a refused connection, and one the server ends under a session", async () => {
    const pool = new pg.Pool({ connectionString: NOWHERE });
    const refused = await rejection(pool.query("select 1"));
    await pool.end();
    expect(isDatabaseUnavailable(refused)).toBe(false); // unmarked, pg's error could be any server's
    const marked = markPgConnectionFailure(refused);
    expect(marked).toBeInstanceOf(DatabaseUnavailableError);
    expect(isDatabaseUnavailable(marked)).toBe(true);

    // The server ends the session while a query runs on it, and the client is then used again.
    const session = new pg.Client({ connectionString: process.env.DATABASE_URL });
    session.on("error", () => undefined); // an EventEmitter "error" without a listener would throw
    const broken = new Promise((resolve) => {
      session.once("error", resolve);
      session.once("end", resolve);
    });
    await session.connect();
    const { rows } = await session.query<{ pid: number }>("select pg_backend_pid() as pid");
    const running = rejection(session.query("select pg_sleep(30)"));
    await db().$queryRaw`select pg_terminate_backend(${rows[0]!.pid}::int)`;
    const inFlight = await running;
    await broken;
    const reused = await rejection(session.query("select 1"));
    await session.end().catch(() => undefined);
    expect(isDatabaseUnavailable(markPgConnectionFailure(inFlight)), String(inFlight)).toBe(true);
    expect(isDatabaseUnavailable(markPgConnectionFailure(reused)), String(reused)).toBe(true);
    // pg's own words need no marking: Prisma's adapter passes such an error through unchanged.
    expect(isDatabaseUnavailable(reused), String(reused)).toBe(true);
    expect(isDatabaseUnavailable(new Error(`\nInvalid \`prisma.message.findMany()\` invocation:\n\n\n${(reused as Error).message}`))).toBe(true);
  });

  it("is recognised while Postgres is starting up (57P03, as it answers while it replays its log after a restart)", async () => {
    // What a Postgres in recovery answers a new connection: an ErrorResponse with SQLSTATE 57P03, then
    // it closes. A server that says only that, so the moment need not be caught on a real restart.
    const fields = ["SFATAL", "VFATAL", "C57P03", "Mthe database system is starting up"].map((field) => Buffer.from(`${field}\0`));
    const body = Buffer.concat([...fields, Buffer.from([0])]);
    const header = Buffer.alloc(5);
    header.write("E", 0);
    header.writeInt32BE(body.length + 4, 1);
    const server = net.createServer((socket) => socket.once("data", () => socket.end(Buffer.concat([header, body]))));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const url = `postgresql://postgres:postgres@127.0.0.1:${(server.address() as net.AddressInfo).port}/bellhop`;
    const starting = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    const pool = new pg.Pool({ connectionString: url });
    try {
      const throughPrisma = await rejection(starting.conversation.count());
      expect(String(throughPrisma)).toContain("starting up");
      expect(isDatabaseUnavailable(throughPrisma)).toBe(true);
      const throughPg = await rejection(pool.query("select 1"));
      expect(isDatabaseUnavailable(markPgConnectionFailure(throughPg))).toBe(true);
    } finally {
      await starting.$disconnect();
      await pool.end();
      server.close();
    }
  });

  it("is found inside Auth.js's wrapper, so a sign-in during an outage is not a wrong password", async () => {
    const thrown = await rejection(unreachable.user.findFirst());
    // @ts-expect-error Auth.js wraps the error authorize() threw exactly so (lib/actions/callback/index.js); its types declare only a string
    const wrapped = new CallbackRouteError(thrown, { provider: "credentials" });
    expect(isDatabaseUnavailable(wrapped)).toBe(true);
  });

  it("becomes a 503 in the one error shape, with Retry-After, logged in one line", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const response = errorResponse(await rejection(unreachable.user.count()));
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toEqual({ error: { code: "database_unavailable", message: "Bellhop cannot reach its database right now. Try again in a moment." } });
    expect(warn).toHaveBeenCalledTimes(1);
    warn.mockRestore();
  });

  it("is not claimed for other failures: a duplicate, an SQL error, or another server refusing", async () => {
    await resetDatabase();
    await db().property.create({ data: { id: "111", name: "Harbour Hotel" } });
    const duplicate = await rejection(db().property.create({ data: { id: "111", name: "Again" } }));
    expect(isDatabaseUnavailable(duplicate)).toBe(false);

    const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL });
    const syntax = await rejection(pool.query("selec 1"));
    await pool.end();
    expect(markPgConnectionFailure(syntax)).toBe(syntax);
    expect(isDatabaseUnavailable(syntax)).toBe(false);

    const bookingDown = await rejection(fetch("http://127.0.0.1:1/messages/latest"));
    expect(isDatabaseUnavailable(bookingDown)).toBe(false);
  });
});
