// Tunables of the sync engine, read from the environment once and validated with zod. Defaults suit
// production; tests and the soak run shorten the intervals (e.g. SYNC_MIN_POLL_SECONDS=1).
import { z } from "zod";
import { parseEnv } from "../env";

const syncEnvSchema = z.object({
  /** Lower bound for a connection's pollIntervalSeconds. 5 s protects Booking.com; tests may use 1. */
  SYNC_MIN_POLL_SECONDS: z.coerce.number().int().min(1).default(5),
  /** Overrides every connection's poll interval (tests and the soak run). */
  SYNC_POLL_SECONDS_OVERRIDE: z.coerce.number().int().min(1).optional(),
  /** How often recently active conversations are re-read (minutes). */
  SYNC_RECONCILE_MINUTES: z.coerce.number().min(0.05).default(60),
  /** A poller silent for longer than this (hours) triggers a search-based recovery in reconciliation. */
  SYNC_OUTAGE_HOURS: z.coerce.number().min(0.01).default(6),
  /** Conversation list pages (50 each) re-read per property by reconciliation. */
  SYNC_RECONCILE_PAGES: z.coerce.number().int().min(1).max(20).default(2),
  /** First retry delay of outbound jobs (seconds; doubled each attempt by pg-boss). */
  SYNC_OUTBOUND_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).default(5),
  SYNC_OUTBOUND_RETRY_LIMIT: z.coerce.number().int().min(0).default(8),
  /** Booking.com's clock may differ from ours; adoption accepts messages stamped this much earlier. */
  SYNC_CLOCK_SKEW_SECONDS: z.coerce.number().int().min(0).default(300),
  /** Per-request timeout for Booking.com calls (ms). */
  SYNC_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).default(15_000),
  /** Base of the client's retry backoff (ms); the soak run shortens it. */
  SYNC_RETRY_BASE_DELAY_MS: z.coerce.number().int().min(1).default(500),
  /**
   * A queue batch's messages of known conversations are stored in up to this many transactions at once,
   * split by conversation (each commits before the confirm). 1: one transaction per batch.
   */
  SYNC_STORE_PARALLELISM: z.coerce.number().int().min(1).max(4).default(2),
  /** How often the worker looks for pending backfills and stale outbound actions (seconds). */
  SYNC_HOUSEKEEPING_SECONDS: z.coerce.number().min(0.2).default(10),
});

export type SyncConfig = z.infer<typeof syncEnvSchema>;

let cached: SyncConfig | undefined;

export function syncConfig(): SyncConfig {
  cached ??= parseEnv(syncEnvSchema, process.env);
  return cached;
}

/** Test hook: forget the parsed environment so a test can change it. */
export function resetSyncConfigForTests(): void {
  cached = undefined;
}

/** The effective sleep between polls of an idle queue: connection setting, clamped, or the override. */
export function pollIntervalMs(connectionSeconds: number, config: SyncConfig = syncConfig()): number {
  if (config.SYNC_POLL_SECONDS_OVERRIDE !== undefined) return config.SYNC_POLL_SECONDS_OVERRIDE * 1000;
  return Math.max(config.SYNC_MIN_POLL_SECONDS, connectionSeconds || 60) * 1000;
}
