// The server-sent event stream of one browser tab: changes of the conversations the viewer may see, and
// of who else has them open (both filtered here, by the guard's scope, so a staff member never even
// learns another property's ids), changes of the viewer's own state of a conversation (read, starred:
// `viewer`, made in another of their tabs or devices; other users' are never sent), changes of the
// team's labels (`team`, for everyone: they are the whole team's),
// a heartbeat comment so proxies keep the connection open, a `ready` event carrying the current
// cursor so the browser knows where to resync from, and an `interrupted` event while this process
// cannot hear changes (followed by a new `ready` once it can again).
import { canSeeProperty, type Viewer } from "../auth/guard";
import { changeFeed, presenceFeed, teamFeed, viewerStateFeed } from "./change-feed";
import { currentChangeSeq } from "./list-conversation-changes";

const HEARTBEAT_MS = 15_000;

export async function streamConversationEvents(viewer: Viewer, signal: AbortSignal): Promise<Response> {
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const stream = new ReadableStream<Uint8Array>({
    start: async (controller) => {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      // The browser is told when this process stops hearing changes (its LISTEN connection dropped, e.g.
      // the database restarted) and shows "reconnecting"; once every feed listens again it gets a fresh
      // `ready` and resyncs from its cursor, so nothing committed in the gap is missed.
      let interruptionAnnounced = false;
      const allListening = () => changeFeed().listening && presenceFeed().listening && viewerStateFeed().listening && teamFeed().listening;
      const announceInterruption = () => {
        if (interruptionAnnounced) return;
        interruptionAnnounced = true;
        send("event: interrupted\ndata: {}\n\n");
      };
      const sendReady = async () => {
        try {
          send(`retry: 3000\nevent: ready\ndata: ${JSON.stringify({ seq: (await currentChangeSeq(viewer)).toString() })}\n\n`);
        } catch {
          // No cursor (the database went away again): end the stream; the browser reconnects.
          cleanup();
        }
      };
      const onListening = () => {
        if (!interruptionAnnounced || !allListening()) return;
        interruptionAnnounced = false;
        void sendReady();
      };
      // Subscribe before reading the cursor: a change in between is delivered (maybe twice), never lost.
      const unsubscribe = changeFeed().subscribe({
        onValue: (change) => {
          if (!canSeeProperty(viewer, change.propertyId)) return;
          send(`event: change\ndata: ${JSON.stringify({ conversationId: change.conversationId, seq: change.seq, guestWrote: change.guestWrote })}\n\n`);
        },
        onInterrupted: announceInterruption,
        onListening,
      });
      const unsubscribePresence = presenceFeed().subscribe({
        onValue: (change) => {
          if (!canSeeProperty(viewer, change.propertyId)) return;
          send(`event: presence\ndata: ${JSON.stringify({ conversationId: change.conversationId })}\n\n`);
        },
        onInterrupted: announceInterruption,
        onListening,
      });
      const unsubscribeViewerState = viewerStateFeed().subscribe({
        onValue: (change) => {
          if (change.userId !== viewer.id) return;
          send(`event: viewer\ndata: ${JSON.stringify({ conversationId: change.conversationId, state: change.state })}\n\n`);
        },
        onInterrupted: announceInterruption,
        onListening,
      });
      const unsubscribeTeam = teamFeed().subscribe({
        onValue: (change) => send(`event: team\ndata: ${JSON.stringify(change)}\n\n`),
        onInterrupted: announceInterruption,
        onListening,
      });
      const heartbeat = setInterval(() => send(": heartbeat\n\n"), HEARTBEAT_MS);
      cleanup = () => {
        clearInterval(heartbeat);
        unsubscribe();
        unsubscribePresence();
        unsubscribeViewerState();
        unsubscribeTeam();
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      signal.addEventListener("abort", () => cleanup(), { once: true });
      // The cursor is read only once LISTEN is in effect: a change committed after the read is then
      // surely announced. (Subscribed but still connecting, the first stream of a process could miss
      // one committed in between.) If connecting failed and a retry is pending, the browser hears at
      // once that it is not live yet.
      await Promise.all([changeFeed().started(), presenceFeed().started(), viewerStateFeed().started(), teamFeed().started()]);
      // Browsers reconnect after `retry` ms when the stream drops.
      await sendReady();
      // Whatever was announced before this `ready` is superseded by it: say it again if it still holds.
      interruptionAnnounced = false;
      if (!allListening()) announceInterruption();
    },
    cancel: () => cleanup(),
  });
  return new Response(stream, {
    headers: {
      "Content-Type": "text/event-stream; charset=utf-8",
      "Cache-Control": "no-cache, no-transform",
      Connection: "keep-alive",
      "X-Accel-Buffering": "no",
    },
  });
}
