// `npm run sync -- --once [--reconcile]`: one sync pass for every enabled connection, printing what it
// did. When a worker holds a connection's poller lock, that worker is asked to poll now instead.
// With nothing configured it uses the same local setup as `npm start` (.data secrets, embedded Postgres).
import { db } from "../lib/db";
import { EnvError, serverEnv } from "../lib/env";
import { runSyncPass } from "../lib/sync/sync-pass";
import { DEFAULT_EMBEDDED_PG_PORT, loadDotEnv, openLocalDatabase, persistentSecret } from "./local-environment";

async function main(): Promise<void> {
  loadDotEnv();
  const args = process.argv.slice(2);
  if (!args.includes("--once")) {
    console.error("usage: npm run sync -- --once [--reconcile]   (the continuous worker is `npm run worker`)");
    process.exit(2);
  }
  const database = await openLocalDatabase(process.env.DATABASE_URL, Number(process.env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PG_PORT));
  process.env.DATABASE_URL = database.url;
  process.env.AUTH_SECRET = persistentSecret(process.env.AUTH_SECRET, "auth-secret");
  process.env.SECRETS_KEY = persistentSecret(process.env.SECRETS_KEY, "secrets-key");
  serverEnv();
  const connections = await db().bookingConnection.findMany({ where: { enabled: true }, select: { id: true, name: true } });
  if (connections.length === 0) console.log("no enabled Booking.com connections");
  let failed = false;
  for (const connection of connections) {
    try {
      const result = await runSyncPass(connection.id, { reconcile: args.includes("--reconcile") });
      if (result.mode === "notified") {
        console.log(`${connection.name}: a worker holds the poller lock; asked it to poll now`);
        continue;
      }
      const t = result.totals;
      console.log(
        `${connection.name}: ${result.polls} queue reads, ${t.read} messages read, ${t.inserted} stored, ${t.adopted} matched to our replies, ` +
          `${t.duplicates} duplicates ignored, ${t.skipped} of unserved properties, ${t.confirmed} confirmed, ${t.newConversations} new conversations`,
      );
      if (result.reconcile) {
        console.log(`${connection.name}: reconciliation checked ${result.reconcile.conversationsChecked} conversations, repaired ${result.reconcile.inserted} messages`);
      }
    } catch (error) {
      failed = true;
      console.error(`${connection.name}: sync failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  await db().$disconnect();
  await database.stop();
  process.exit(failed ? 1 : 0);
}

main().catch((error: unknown) => {
  console.error(error instanceof EnvError ? error.message : error);
  process.exit(1);
});
