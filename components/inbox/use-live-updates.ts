"use client";

// Live updates in the browser: one EventSource to /api/events. A `change` invalidates only that
// conversation's detail and thread plus the list pages (coalesced, so a burst refetches once). The
// stream's `ready` event and every window focus trigger a resync from the change cursor, so changes
// made while the connection was down are never missed. A `presence` event (someone opened, started
// replying in or left a conversation) refetches that conversation's presence if a thread shows it, and
// the presence shown on the list's rows.
import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { fetchChanges } from "./inbox-api";
import { inboxKeys } from "./query-keys";

export type LiveStatus = "connecting" | "live" | "reconnecting";

const LIST_REFRESH_DELAY_MS = 250;

export function useLiveUpdates(): LiveStatus {
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LiveStatus>("connecting");
  const lastSeq = useRef<bigint | null>(null);

  useEffect(() => {
    let listTimer: ReturnType<typeof setTimeout> | null = null;
    const refreshLists = () => {
      listTimer ??= setTimeout(() => {
        listTimer = null;
        void queryClient.invalidateQueries({ queryKey: inboxKeys.lists() });
        void queryClient.invalidateQueries({ queryKey: inboxKeys.unreadCount() });
      }, LIST_REFRESH_DELAY_MS);
    };
    const advance = (seq: string) => {
      const value = BigInt(seq);
      if (lastSeq.current === null || value > lastSeq.current) lastSeq.current = value;
    };
    let resyncing = false;
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
      } catch {
        // The next focus or reconnect tries again.
      } finally {
        resyncing = false;
      }
    };

    const source = new EventSource("/api/events");
    source.addEventListener("ready", (event) => {
      setStatus("live");
      const { seq } = JSON.parse((event as MessageEvent<string>).data) as { seq: string };
      if (lastSeq.current === null) lastSeq.current = BigInt(seq);
      else void resync();
    });
    source.addEventListener("change", (event) => {
      const change = JSON.parse((event as MessageEvent<string>).data) as { conversationId: string; seq: string };
      advance(change.seq);
      invalidateConversation(queryClient, change.conversationId);
      refreshLists();
    });
    source.addEventListener("presence", (event) => {
      const { conversationId } = JSON.parse((event as MessageEvent<string>).data) as { conversationId: string };
      void queryClient.invalidateQueries({ queryKey: inboxKeys.presence(conversationId) });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.presenceInScope() });
    });
    source.onerror = () => setStatus("reconnecting");
    const onFocus = () => void resync();
    window.addEventListener("focus", onFocus);
    return () => {
      source.close();
      window.removeEventListener("focus", onFocus);
      if (listTimer) clearTimeout(listTimer);
    };
  }, [queryClient]);

  return status;
}

function invalidateConversation(queryClient: QueryClient, id: string) {
  void queryClient.invalidateQueries({ queryKey: inboxKeys.conversation(id) });
  void queryClient.invalidateQueries({ queryKey: inboxKeys.thread(id) });
}
