// The guard's per-request user lookup, remembered in memory.
//
// Why: the guard reloads the signed-in user and their property scope on every request so that a
// deactivation or a change of access takes effect at once, not when the session cookie expires. That
// lookup was one of the two or three Postgres round trips of every inbox request (bench/inbox.ts).
// Remembering it is safe only if every change reaches every server process at once, so:
//   - triggers on `users` and `property_access` announce every change on the `bellhop_access` channel
//     (migration 20261121120000_access_notify); each process LISTENs and forgets that user (an empty
//     payload, from a TRUNCATE, forgets everyone);
//   - nothing is remembered unless LISTEN is in effect: a lost connection forgets everything and stops
//     remembering until LISTEN is back, because Postgres does not replay what was sent meanwhile;
//   - a lookup that started before a change was announced is not remembered (the generation counter),
//     so a slow query cannot put back a state that is already out of date;
//   - this process's own writes forget the user synchronously (`forgetViewer`), so the admin who
//     changed someone's access sees it on their very next request;
//   - an entry is dropped after a minute in any case, for a change that bypasses the triggers (a
//     restore, a manual `session_replication_role = replica`).
// Other processes see a change when its notification arrives, normally milliseconds after the commit.
import { ChannelListener } from "../pg-listen";
import type { Viewer } from "./guard";

const ENTRY_TTL_MS = 60_000;
const MAX_ENTRIES = 10_000;

class ViewerCache {
  private readonly entries = new Map<string, { viewer: Viewer; expiresAtMs: number }>();
  private generation = 0;
  private readonly channel = new ChannelListener("bellhop_access", {
    onNotification: (userId) => (userId === "" ? this.forgetEveryone() : this.forget(userId)),
    onListening: () => this.forgetEveryone(),
    onLost: () => this.forgetEveryone(),
  });

  /** True while changes are being heard, i.e. while lookups are remembered. */
  get listening(): boolean {
    return this.channel.listening;
  }

  /** The remembered viewer for `userId`, or `load()`'s, remembered when that is safe. */
  async lookup(userId: string, load: () => Promise<Viewer | undefined>): Promise<Viewer | undefined> {
    void this.channel.start();
    if (this.channel.listening) {
      const entry = this.entries.get(userId);
      if (entry && Date.now() < entry.expiresAtMs) return entry.viewer;
      if (entry) this.entries.delete(userId);
    }
    const generation = this.generation;
    const viewer = await load();
    if (viewer !== undefined && this.channel.listening && generation === this.generation) {
      // A Map iterates in insertion order: dropping the first entry drops the oldest.
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(userId, { viewer, expiresAtMs: Date.now() + ENTRY_TTL_MS });
    }
    return viewer;
  }

  forget(userId: string): void {
    this.generation++;
    this.entries.delete(userId);
  }

  private forgetEveryone(): void {
    this.generation++;
    this.entries.clear();
  }
}

// One per process (kept on globalThis so dev hot reloads do not open another LISTEN connection).
const holder = globalThis as unknown as { bellhopViewerCache?: ViewerCache };

export function viewerCache(): ViewerCache {
  holder.bellhopViewerCache ??= new ViewerCache();
  return holder.bellhopViewerCache;
}

/** For code that changes a user or their access in this process: the change counts from now on. */
export function forgetViewer(userId: string): void {
  viewerCache().forget(userId);
}
