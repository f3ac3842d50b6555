// Live updates: ONE Postgres LISTEN connection per server process (lib/pg-listen.ts), fanned out to
// every open EventSource. The `bellhop_changes` trigger fires on every change of a conversation row
// (the sync engine touches the row whenever one of its messages changes). Notifications sent while
// the connection was down are not replayed by Postgres, which is why browsers resync from the
// change_seq cursor whenever their stream reconnects.
import { z } from "zod";
import { ChannelListener } from "../pg-listen";

export type ConversationChange = { conversationId: string; propertyId: string; seq: string };
type Listener = (change: ConversationChange) => void;

const payloadSchema = z.object({ conversationId: z.string(), propertyId: z.string(), seq: z.union([z.number(), z.string()]).transform(String) });

class ChangeFeed {
  private readonly listeners = new Set<Listener>();
  private readonly channel = new ChannelListener(
    "bellhop_changes",
    {
      onNotification: (payload) => {
        const parsed = payloadSchema.safeParse(safeJson(payload));
        if (!parsed.success) return;
        for (const listener of this.listeners) listener(parsed.data);
      },
    },
    // Nobody watching: a lost connection is re-opened by the next subscriber.
    () => this.listeners.size > 0,
  );

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    void this.channel.start();
    return () => {
      this.listeners.delete(listener);
    };
  }

  get subscriberCount(): number {
    return this.listeners.size;
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
