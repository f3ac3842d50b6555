"use client";

// Live updates in the browser: one EventSource to /api/events. A `change` invalidates only that
// conversation's detail and thread plus the list pages (coalesced, so a burst refetches once). The
// stream's `ready` event and every window focus trigger a resync from the change cursor, so changes
// made while the connection was down are never missed. `interrupted` (the server stopped hearing
// changes, e.g. while its database restarts) shows "reconnecting" until the next `ready`. A stream
// the browser gave up on (its reconnect was answered with an error status, such as a 503 during a
// database restart: EventSource then never retries by itself) is opened anew here, with a growing
// delay. A `presence` event (someone opened, started replying in or left a conversation) refetches
// that conversation's presence if a thread shows it, and the presence shown on the list's rows. A
// `viewer` event (this staff member read, marked unread, starred or unstarred a conversation, maybe in
// another tab or on another device) patches that conversation where this tab shows it, without a
// refetch (the tab that made the change gets it too, and already shows it); it has no cursor, so a
// reconnected stream refetches the lists and conversations instead. A `team` event (an admin changed
// the team's labels) refetches the labels, as does a reconnected stream.
import { useQueryClient, type InfiniteData, type QueryClient } from "@tanstack/react-query";
import type { ConversationDetail, ConversationListItem, ConversationPage } from "@/lib/inbox/schemas";
import { useEffect, useRef, useState } from "react";
import { fetchChanges } from "./inbox-api";
import { refetchIfInFlight } from "./list-cache";
import { inboxKeys, type ListFilters } from "./query-keys";

export type LiveStatus = "connecting" | "live" | "reconnecting";

const LIST_REFRESH_DELAY_MS = 250;
const REOPEN_MAX_DELAY_MS = 30_000;
/** After a failed resync (the server is up but the database not yet, say), the next try. */
const RESYNC_RETRY_MS = 3_000;

/** `onGuestWrote`: a live change said a guest wrote in this conversation (not replayed on a resync). */
export function useLiveUpdates(onGuestWrote?: (conversationId: string) => void): LiveStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const lastSeq = useRef<bigint | null>(null);
  const guestWroteHandler = useRef(onGuestWrote);
  useEffect(() => {
    guestWroteHandler.current = onGuestWrote;
  });

  useEffect(() => {
    let listTimer: ReturnType<typeof setTimeout> | null = null;
    const refreshLists = () => {
      listTimer ??= setTimeout(() => {
        listTimer = null;
        void queryClient.invalidateQueries({ queryKey: inboxKeys.lists() });
        void queryClient.invalidateQueries({ queryKey: inboxKeys.counts() });
      }, LIST_REFRESH_DELAY_MS);
    };
    const advance = (seq: string) => {
      const value = BigInt(seq);
      if (lastSeq.current === null || value > lastSeq.current) lastSeq.current = value;
    };
    let resyncing = false;
    // The server said it stopped hearing changes and has not said `ready` since.
    let interrupted = false;
    let resyncRetryTimer: ReturnType<typeof setTimeout> | null = null;
    const resync = async () => {
      if (lastSeq.current === null || resyncing) return;
      resyncing = true;
      try {
        const result = await fetchChanges(lastSeq.current.toString());
        if (result.truncated) {
          void queryClient.invalidateQueries({ queryKey: inboxKeys.all });
        } else {
          for (const change of result.changes) invalidateConversation(queryClient, change.conversationId);
          if (result.changes.length > 0) refreshLists();
        }
        advance(result.seq);
        // Presence has no cursor: whoever came or went while the stream was down is simply re-read.
        void queryClient.invalidateQueries({ queryKey: inboxKeys.presenceAll() });
        if (source?.readyState === EventSource.OPEN && !interrupted) setStatus("live");
      } catch {
        // What is shown may be out of date until a resync succeeds: say so, and try again.
        setStatus("reconnecting");
        resyncRetryTimer ??= setTimeout(() => {
          resyncRetryTimer = null;
          void resync();
        }, RESYNC_RETRY_MS);
      } finally {
        resyncing = false;
      }
    };

    let source: EventSource | null = null;
    let reopenTimer: ReturnType<typeof setTimeout> | null = null;
    let reopenAttempt = 0;
    const open = () => {
      const current = new EventSource("/api/events");
      source = current;
      current.addEventListener("ready", (event) => {
        reopenAttempt = 0;
        interrupted = false;
        setStatus("live");
        const { seq } = JSON.parse((event as MessageEvent<string>).data) as { seq: string };
        if (lastSeq.current !== null) {
          // Reads and stars made elsewhere while the stream was down were announced to nobody here, nor
          // were changes of the team's labels.
          void queryClient.invalidateQueries({ queryKey: inboxKeys.conversations() });
          void queryClient.invalidateQueries({ queryKey: inboxKeys.labels() });
          refreshLists();
          return void resync();
        }
        lastSeq.current = BigInt(seq);
        // What the page loaded (or is loading) was read before this stream listened, and a change
        // committed in between was announced to nobody: refetch it once, now that every later change
        // is heard. Usually a few milliseconds' gap; minutes if the stream was refused for a while.
        void queryClient.invalidateQueries({ queryKey: inboxKeys.all });
      });
      current.addEventListener("interrupted", () => {
        interrupted = true;
        setStatus("reconnecting");
      });
      current.addEventListener("change", (event) => {
        const change = JSON.parse((event as MessageEvent<string>).data) as { conversationId: string; seq: string; guestWrote?: boolean };
        advance(change.seq);
        invalidateConversation(queryClient, change.conversationId);
        refreshLists();
        if (change.guestWrote) guestWroteHandler.current?.(change.conversationId);
      });
      current.addEventListener("viewer", (event) => {
        const change = JSON.parse((event as MessageEvent<string>).data) as ViewerStateChange;
        applyViewerState(queryClient, change);
      });
      current.addEventListener("team", () => {
        // An admin changed the team's labels: their names and colours on every chip, menu and filter.
        void queryClient.invalidateQueries({ queryKey: inboxKeys.labels() });
      });
      current.addEventListener("presence", (event) => {
        const { conversationId } = JSON.parse((event as MessageEvent<string>).data) as { conversationId: string };
        void queryClient.invalidateQueries({ queryKey: inboxKeys.presence(conversationId) });
        void queryClient.invalidateQueries({ queryKey: inboxKeys.presenceInScope() });
      });
      current.onerror = () => {
        setStatus("reconnecting");
        if (current.readyState !== EventSource.CLOSED || reopenTimer) return;
        reopenTimer = setTimeout(() => {
          reopenTimer = null;
          open();
        }, Math.min(REOPEN_MAX_DELAY_MS, 1000 * 2 ** reopenAttempt++));
      };
    };
    open();
    const onFocus = () => void resync();
    window.addEventListener("focus", onFocus);
    return () => {
      source?.close();
      window.removeEventListener("focus", onFocus);
      if (listTimer) clearTimeout(listTimer);
      if (reopenTimer) clearTimeout(reopenTimer);
      if (resyncRetryTimer) clearTimeout(resyncRetryTimer);
    };
  }, [queryClient]);

  return status;
}

function invalidateConversation(queryClient: QueryClient, id: string) {
  void queryClient.invalidateQueries({ queryKey: inboxKeys.conversation(id) });
  void queryClient.invalidateQueries({ queryKey: inboxKeys.thread(id) });
}

type ViewerStateChange = { conversationId: string; state: "read" | "unread" | "starred" | "unstarred" };

/** This staff member's own state of one conversation changed: patch it wherever this tab shows it. */
function applyViewerState(queryClient: QueryClient, { conversationId, state }: ViewerStateChange) {
  const patch: Partial<ConversationListItem> = state === "read" || state === "unread" ? { unread: state === "unread" } : { starred: state === "starred" };
  // Not "unread" into a conversation's detail: a thread open in this tab marks itself read whenever its
  // detail says unread, which would undo the "mark as unread" just made (the event can even arrive
  // before the response of the tab that made it, while its thread is still open).
  if (state !== "unread") {
    queryClient.setQueryData<ConversationDetail>(inboxKeys.conversation(conversationId), (old) => (old ? { ...old, ...patch } : old));
    refetchIfInFlight(queryClient, inboxKeys.conversation(conversationId));
  }
  for (const [key, data] of queryClient.getQueriesData<InfiniteData<ConversationPage>>({ queryKey: inboxKeys.lists() })) {
    const filters = key[2] as ListFilters | undefined;
    if (!data || !filters) continue;
    const listed = data.pages.some((page) => page.items.some((item) => item.id === conversationId));
    // It joins Unread or Starred, or leaves Starred: only a refetch can tell where it goes. One read
    // stays in the Unread view, no longer bold, like a conversation read in this tab: it may be the one
    // being read, and the list should not move under the reader.
    const joins = !listed && ((filters.view === "unread" && state === "unread") || (filters.view === "starred" && state === "starred"));
    const leaves = listed && filters.view === "starred" && state === "unstarred";
    if (joins || leaves) {
      void queryClient.invalidateQueries({ queryKey: key, exact: true });
      continue;
    }
    if (!listed) continue;
    queryClient.setQueryData<InfiniteData<ConversationPage>>(key, {
      ...data,
      pages: data.pages.map((page) => ({ ...page, items: page.items.map((item) => (item.id === conversationId ? { ...item, ...patch } : item)) })),
    });
    refetchIfInFlight(queryClient, key);
  }
  if ("unread" in patch) void queryClient.invalidateQueries({ queryKey: inboxKeys.counts() });
}
