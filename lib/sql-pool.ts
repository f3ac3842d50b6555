// A plain `pg` pool beside Prisma (lib/db.ts), for the few paths that run so often that Prisma's own
// cost per query shows: the sync engine's queue store (one BEGIN, one statement, COMMIT per batch) and
// the reads behind every inbox request (the guard's user query, the list page, the thread page).
// Measured: a one-row query costs about 0.5 ms through Prisma and 0.2 ms here (bench/inbox.ts,
// bench/sync.ts). Everything else uses Prisma.
// Idle connections do not keep the process alive, so scripts and tests exit without closing it.
import { createHash } from "node:crypto";
import pg from "pg";
import { Prisma } from "./generated/prisma/client";
import { markPgConnectionFailure } from "./api/database-unavailable";
import { serverEnv } from "./env";

/**
 * How the plain pool's connections price a random page read against a sequential one (Postgres's
 * default, 4, is a spinning disk's). Bellhop's hot data is in memory or on SSD, where the usual setting
 * is 1.1. It decides the prepared thread statement's generic plan, made for an average conversation of
 * ~10 messages: at 4 it read a 5,000-message thread whole and sorted it (2.4 ms of execution, EXPLAIN
 * ANALYZE at bench/inbox.ts's size), at 1.1 it walks the index for one page (0.2 ms), as a plan made
 * for that conversation would. A session setting, so it needs no privilege and touches no other client.
 */
export const RANDOM_PAGE_COST = 1.1;

const holder = globalThis as unknown as { bellhopSqlPool?: { url: string; pool: pg.Pool } };

export function sqlPool(): pg.Pool {
  const url = serverEnv().DATABASE_URL;
  if (holder.bellhopSqlPool?.url === url) return holder.bellhopSqlPool.pool;
  const pool = new pg.Pool({ connectionString: url, max: 10, application_name: "bellhop-sql", allowExitOnIdle: true, idleTimeoutMillis: 30_000 });
  // An idle connection that dies (database restart) is dropped by the pool; the next query opens a new one.
  pool.on("error", () => undefined);
  holder.bellhopSqlPool = { url, pool };
  return pool;
}

/** A query as Prisma.sql`…` builds it (`text` with $1…$n placeholders, and its values). */
export type SqlQuery = { text: string; values: unknown[] };

// Queries run as named (prepared) statements: Postgres parses and plans a text once per connection,
// then only binds and executes it. Measured in bench/inbox.ts: about 0.3 ms less per list or thread
// request, whose queries take 0.1-0.2 ms to plan and 0.1 ms to run. The name is derived from the
// text, so one text is prepared once per connection. Texts come from a bounded set of shapes (every
// value is a parameter); past PREPARED_TEXTS_LIMIT distinct texts the others run unnamed, so a query
// built with inlined values could never grow every connection's statement cache without bound.
const PREPARED_TEXTS_LIMIT = 500;
const statementNames = new Map<string, string>();

function statementName(text: string): string | undefined {
  let name = statementNames.get(text);
  if (name === undefined && statementNames.size < PREPARED_TEXTS_LIMIT) {
    name = `bellhop_${createHash("sha256").update(text).digest("hex").slice(0, 24)}`;
    statementNames.set(text, name);
  }
  return name;
}

/**
 * A LIMIT written into the text rather than passed as a parameter, for queries run as prepared
 * statements. Postgres cannot know a parameter's LIMIT when it makes a statement's generic plan, so it
 * costs that plan for 10 % of the table's rows, finds it dearer than the plans made for each call's
 * values, and keeps planning every call anew: about 0.4 ms of each list request went to planning a
 * query that runs in 0.2 ms (EXPLAIN ANALYZE EXECUTE of the app's statement, bench/inbox.ts). With the
 * number in the text the generic plan is the same as the custom one, and is kept. A page size is one of
 * a few values, so the texts stay few (and PREPARED_TEXTS_LIMIT bounds them in any case).
 */
export function literalLimit(limit: number): Prisma.Sql {
  if (!Number.isSafeInteger(limit) || limit < 0) throw new Error(`literalLimit: not a row count: ${limit}`);
  return Prisma.raw(String(limit));
}

/** Connections of the pool that have had their session settings (RANDOM_PAGE_COST) applied. */
const configured = new WeakSet<pg.PoolClient>();

/**
 * A pooled connection with its session settings applied, the first time it is handed out here (awaited,
 * before any query of ours: pg deprecates queueing a query behind one still running, which is what a
 * `connect` event handler would do). Released by the caller; an error destroys it, as pool.query does.
 */
async function acquire(): Promise<pg.PoolClient> {
  const client = await sqlPool().connect();
  if (!configured.has(client)) {
    // A connection that breaks while checked out emits `error` besides failing its query; pool.query
    // listens for that, and so must we, or the event would end the process. The query's own rejection
    // reports it, and the release(error) that follows drops the connection.
    client.on("error", () => undefined);
    try {
      await client.query(`set random_page_cost = ${RANDOM_PAGE_COST}`);
    } catch (error) {
      client.release(error instanceof Error ? error : true);
      throw error;
    }
    configured.add(client);
  }
  return client;
}

/** Runs `query` on a connection of acquire()'s and hands it back (destroyed if the query failed). */
async function runPooled<Row extends pg.QueryResultRow>(query: pg.QueryConfig): Promise<Row[]> {
  try {
    const client = await acquire();
    try {
      const rows = (await client.query<Row>(query)).rows;
      client.release();
      return rows;
    } catch (error) {
      client.release(error instanceof Error ? error : true);
      throw error;
    }
  } catch (error) {
    throw markPgConnectionFailure(error);
  }
}

/** Runs a Prisma.sql`…` query on the plain pool, as a prepared statement, and returns its rows. */
export async function queryRows<Row extends pg.QueryResultRow>(query: SqlQuery): Promise<Row[]> {
  return runPooled<Row>({ name: statementName(query.text), text: query.text, values: query.values });
}

/**
 * Runs a query planned for its own values every time (an unnamed statement), for a query whose best plan
 * depends on them. A prepared statement switches to one generic plan after five runs, made for an
 * average row count: for the list filtered by a label, "a label is on a few conversations", which walks
 * the GIN index and sorts for a label on 20 % of them instead of walking the list's index. The thread
 * used to need it too (its generic plan sorted a 5,000-message thread whole); RANDOM_PAGE_COST and a
 * literal LIMIT mended that, and it saved the thread ~1 ms of planning per request (bench/inbox.ts).
 */
export async function queryRowsWithFreshPlan<Row extends pg.QueryResultRow>(query: SqlQuery): Promise<Row[]> {
  return runPooled<Row>({ text: query.text, values: query.values });
}

/** The same, on a connection of inSqlTransaction's (unnamed: a transaction's statements are few). */
export async function queryRowsOn<Row extends pg.QueryResultRow>(client: pg.PoolClient, query: SqlQuery): Promise<Row[]> {
  try {
    return (await client.query<Row>({ text: query.text, values: query.values })).rows;
  } catch (error) {
    throw markPgConnectionFailure(error);
  }
}

/**
 * Runs `work` in one transaction on one pooled connection. Resolves only after COMMIT returned, i.e. the
 * data is durable; any failure (including of COMMIT itself) rejects, and the caller must then not confirm.
 */
export async function inSqlTransaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await acquire().catch((error: unknown) => {
    throw markPgConnectionFailure(error);
  });
  let broken = false;
  try {
    await client.query("BEGIN");
    const value = await work(client);
    await client.query("COMMIT");
    return value;
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {
      broken = true;
    });
    throw markPgConnectionFailure(error);
  } finally {
    client.release(broken);
  }
}
