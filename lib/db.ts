import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/prisma/client";
import { serverEnv } from "./env";

// One client per process. Created on first use (not at import) so `next build` can load route
// modules without a database, and kept on globalThis so dev hot reloads do not open new pools.
const holder = globalThis as unknown as { bellhopPrisma?: PrismaClient };

export function db(): PrismaClient {
  holder.bellhopPrisma ??= new PrismaClient({ adapter: new PrismaPg({ connectionString: serverEnv().DATABASE_URL, max: 10 }) });
  return holder.bellhopPrisma;
}
