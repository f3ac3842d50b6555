// Helpers for integration tests: they share one fresh database per run and run one file at a time,
// so each test starts from empty tables.
import { db } from "@/lib/db";

export async function resetDatabase(): Promise<void> {
  const tables = await db().$queryRaw<{ tablename: string }[]>`
    select tablename::text as tablename from pg_tables where schemaname = 'public' and tablename <> '_prisma_migrations'`;
  if (tables.length === 0) return;
  const list = tables.map((table) => `"public"."${table.tablename}"`).join(", ");
  await db().$executeRawUnsafe(`truncate ${list} restart identity cascade`);
}
