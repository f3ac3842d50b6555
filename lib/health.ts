// What /api/health reports. Unauthenticated on purpose (load balancers and `npm start` poll it), so
// it says only whether things work, never any data.
import { db } from "./db";

export type Health = {
  status: "ok" | "degraded";
  database: { status: "ok" | "unreachable"; latencyMs?: number; error?: string };
};

export async function checkHealth(): Promise<Health> {
  const started = performance.now();
  try {
    await db().$queryRaw`select 1`;
    return { status: "ok", database: { status: "ok", latencyMs: Math.round(performance.now() - started) } };
  } catch (error) {
    return { status: "degraded", database: { status: "unreachable", error: error instanceof Error ? error.message.split("\n")[0] : "unknown error" } };
  }
}
