// One Postgres LISTEN connection for one channel, in this server process. A lost connection is
// re-established with capped exponential backoff. Postgres does not replay notifications sent while
// nobody listened, so users of this class are told when listening stops (`onLost`) and when it
// (re)starts (`onListening`) and must treat the gap as "anything may have changed".
// An outage is logged as one event: the loss once, then "listening again", not a line per attempt (a
// database restart used to print one every 5 s for each channel of each process).
import { Client } from "pg";
import { serverEnv } from "./env";

// Short: while a feed cannot listen, every open inbox says "reconnecting", so it should listen again
// within seconds of the database coming back. A few connection attempts per process every 5 s cost
// the database nothing.
const MAX_BACKOFF_MS = 5_000;

export type ChannelHandlers = {
  onNotification: (payload: string) => void;
  /** LISTEN is in effect: every later commit's notification will arrive. */
  onListening?: () => void;
  /** The connection is gone: notifications may be missed until onListening. */
  onLost?: () => void;
};

export class ChannelListener {
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly channel: string,
    private readonly handlers: ChannelHandlers,
    /** Whether a lost connection should be re-established (the change feed stops when nobody watches). */
    private readonly keepListening: () => boolean = () => true,
  ) {}

  /** True while LISTEN is in effect on a live connection. */
  get listening(): boolean {
    return this.client !== null;
  }

  start(): Promise<void> {
    if (this.client || this.retryTimer) return Promise.resolve();
    this.connecting ??= this.connect().finally(() => {
      this.connecting = null;
    });
    return this.connecting;
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: serverEnv().DATABASE_URL, application_name: `bellhop-listen-${this.channel}` });
    client.on("notification", (message) => {
      if (message.channel === this.channel && message.payload !== undefined) this.handlers.onNotification(message.payload);
    });
    client.on("error", (error) => this.lost(client, error));
    client.on("end", () => this.lost(client, new Error("connection ended")));
    try {
      await client.connect();
      // A channel name is an identifier: the constant names used by Bellhop need no quoting.
      await client.query(`LISTEN ${this.channel}`);
      this.client = client;
      if (this.attempt > 0) console.log(`[bellhop] LISTEN ${this.channel}: listening again`);
      this.attempt = 0;
      this.handlers.onListening?.();
    } catch (error) {
      this.lost(client, error);
    }
  }

  private lost(client: Client, error: unknown): void {
    if (this.client && this.client !== client) return;
    const wasListening = this.client === client;
    this.client = null;
    client.removeAllListeners();
    // A late error from the socket being torn down must not become an unhandled 'error' event.
    client.on("error", () => undefined);
    client.end().catch(() => undefined);
    if (wasListening) this.handlers.onLost?.();
    if (this.retryTimer) return;
    if (this.attempt === 0) {
      console.error(`[bellhop] LISTEN ${this.channel}: connection lost (${error instanceof Error ? error.message : String(error)}); retrying until it is back`);
    }
    const delay = Math.min(MAX_BACKOFF_MS, 500 * 2 ** this.attempt++);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.keepListening()) void this.start();
    }, delay);
    this.retryTimer.unref();
  }
}
