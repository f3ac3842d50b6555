// Live updates: ONE Postgres LISTEN connection per channel per server process (lib/pg-listen.ts),
// fanned out to every open EventSource. Four channels feed the inbox:
//   - `bellhop_changes`: a trigger fires on every change of a conversation row (the sync engine touches
//     the row whenever one of its messages changes);
//   - `bellhop_presence`: a trigger fires when someone opens, starts replying in or leaves a
//     conversation (lib/inbox/presence.ts);
//   - `bellhop_viewer`: a trigger fires when a staff member's own state of a conversation changes (read,
//     starred), for their other tabs and devices only;
//   - `bellhop_team`: a trigger fires when the team's labels change (an admin added, renamed, recoloured
//     or deleted one), for every inbox.
// Notifications sent while a connection was down are not replayed by Postgres, which is why browsers
// resync conversations from the change_seq cursor whenever their stream reconnects, and why a feed
// tells its subscribers when its own connection dropped and came back (the database restarted, say):
// the browser's stream stays open meanwhile, so without being told it would show "Live" and miss
// whatever changed in the gap. Presence has no cursor: the browser re-reads all of it on a resync.
import { z } from "zod";
import { ChannelListener } from "../pg-listen";

const changeSchema = z.object({
  conversationId: z.string(),
  propertyId: z.string(),
  seq: z.union([z.number(), z.string()]).transform(String),
  /** A guest message newer than the conversation's newest one before this change was stored. */
  guestWrote: z.boolean().default(false),
});
export type ConversationChange = z.infer<typeof changeSchema>;

const presenceSchema = z.object({ conversationId: z.string(), propertyId: z.string() });
export type PresenceChange = z.infer<typeof presenceSchema>;

const viewerStateSchema = z.object({ userId: z.string(), conversationId: z.string(), state: z.enum(["read", "unread", "starred", "unstarred"]) });
export type ViewerStateChange = z.infer<typeof viewerStateSchema>;

const teamChangeSchema = z.object({ kind: z.enum(["labels"]) });
export type TeamChange = z.infer<typeof teamChangeSchema>;

export type FeedSubscriber<T> = {
  onValue: (value: T) => void;
  /** The feed stopped listening: notifications may be missed until onListening. */
  onInterrupted?: () => void;
  /** LISTEN is in effect (again): every later commit is announced; before it, anything may have changed. */
  onListening?: () => void;
};

class NotificationFeed<T> {
  private readonly subscribers = new Set<FeedSubscriber<T>>();
  private readonly channel: ChannelListener;

  constructor(channel: string, schema: z.ZodType<T>) {
    this.channel = new ChannelListener(
      channel,
      {
        onNotification: (payload) => {
          // A payload that does not parse is not ours to act on (e.g. a NOTIFY typed by hand).
          const parsed = schema.safeParse(safeJson(payload));
          if (!parsed.success) return;
          for (const subscriber of this.subscribers) subscriber.onValue(parsed.data);
        },
        onLost: () => {
          for (const subscriber of this.subscribers) subscriber.onInterrupted?.();
        },
        onListening: () => {
          for (const subscriber of this.subscribers) subscriber.onListening?.();
        },
      },
      // Nobody watching: a lost connection is re-opened by the next subscriber.
      () => this.subscribers.size > 0,
    );
  }

  subscribe(subscriber: FeedSubscriber<T>): () => void {
    this.subscribers.add(subscriber);
    void this.channel.start();
    return () => {
      this.subscribers.delete(subscriber);
    };
  }

  /** Resolves once LISTEN is in effect (or the attempt failed and a retry is scheduled). */
  started(): Promise<void> {
    return this.channel.start();
  }

  /** True while LISTEN is in effect: every commit from now on is announced. */
  get listening(): boolean {
    return this.channel.listening;
  }

  get subscriberCount(): number {
    return this.subscribers.size;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

// Kept on globalThis so dev hot reloads reuse the connections instead of opening more.
const holder = globalThis as unknown as {
  bellhopChangeFeed?: NotificationFeed<ConversationChange>;
  bellhopPresenceFeed?: NotificationFeed<PresenceChange>;
  bellhopViewerStateFeed?: NotificationFeed<ViewerStateChange>;
  bellhopTeamFeed?: NotificationFeed<TeamChange>;
};

export function changeFeed(): NotificationFeed<ConversationChange> {
  holder.bellhopChangeFeed ??= new NotificationFeed("bellhop_changes", changeSchema);
  return holder.bellhopChangeFeed;
}

export function presenceFeed(): NotificationFeed<PresenceChange> {
  holder.bellhopPresenceFeed ??= new NotificationFeed("bellhop_presence", presenceSchema);
  return holder.bellhopPresenceFeed;
}

export function viewerStateFeed(): NotificationFeed<ViewerStateChange> {
  holder.bellhopViewerStateFeed ??= new NotificationFeed("bellhop_viewer", viewerStateSchema);
  return holder.bellhopViewerStateFeed;
}

export function teamFeed(): NotificationFeed<TeamChange> {
  holder.bellhopTeamFeed ??= new NotificationFeed("bellhop_team", teamChangeSchema);
  return holder.bellhopTeamFeed;
}
