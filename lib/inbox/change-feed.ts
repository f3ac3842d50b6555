// Live updates: ONE Postgres LISTEN connection per server process, fanned out to every open
// EventSource. The `bellhop_changes` trigger fires on every change of a conversation row (the sync
// engine touches the row whenever one of its messages changes). A lost connection is re-established
// with capped exponential backoff; notifications sent while it was down are not replayed by Postgres,
// which is why browsers resync from the change_seq cursor whenever their stream reconnects.
import { Client } from "pg";
import { z } from "zod";
import { serverEnv } from "../env";

export type ConversationChange = { conversationId: string; propertyId: string; seq: string };
type Listener = (change: ConversationChange) => void;

const payloadSchema = z.object({ conversationId: z.string(), propertyId: z.string(), seq: z.union([z.number(), z.string()]).transform(String) });

const CHANNEL = "bellhop_changes";
const MAX_BACKOFF_MS = 30_000;

class ChangeFeed {
  private readonly listeners = new Set<Listener>();
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    void this.ensureConnected();
    return () => {
      this.listeners.delete(listener);
    };
  }

  get subscriberCount(): number {
    return this.listeners.size;
  }

  private ensureConnected(): Promise<void> {
    if (this.client || this.retryTimer) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: serverEnv().DATABASE_URL });
    client.on("notification", (message) => {
      if (message.channel !== CHANNEL || !message.payload) return;
      const parsed = payloadSchema.safeParse(safeJson(message.payload));
      if (!parsed.success) return;
      for (const listener of this.listeners) listener(parsed.data);
    });
    client.on("error", (error) => this.lost(client, error));
    client.on("end", () => this.lost(client, new Error("connection ended")));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.client = client;
      this.attempt = 0;
    } catch (error) {
      this.lost(client, error);
    }
  }

  private lost(client: Client, error: unknown): void {
    if (this.client && this.client !== client) return;
    this.client = null;
    client.removeAllListeners();
    client.end().catch(() => undefined);
    if (this.retryTimer) return;
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempt++);
    console.error(`[bellhop] live updates: LISTEN connection lost (${error instanceof Error ? error.message : String(error)}); retrying in ${delay} ms`);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.listeners.size > 0) void this.ensureConnected();
    }, delay);
    this.retryTimer.unref();
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

// Kept on globalThis so dev hot reloads reuse the one connection instead of opening another.
const holder = globalThis as unknown as { bellhopChangeFeed?: ChangeFeed };

export function changeFeed(): ChangeFeed {
  holder.bellhopChangeFeed ??= new ChangeFeed();
  return holder.bellhopChangeFeed;
}
