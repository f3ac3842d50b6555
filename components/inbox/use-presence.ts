"use client";

// Presence in the browser: while a thread is open, this tab tells the server every
// PRESENCE_HEARTBEAT_MS that it is there, "replying" while the composer holds a draft, and leaves when
// the thread closes. It shows who else has the thread open: the list comes back with every heartbeat,
// is refetched when the server announces a change (the `presence` event of use-live-updates.ts), and
// when the soonest colleague's presence is due to expire (a tab that vanished without leaving).
// A hidden tab without a draft leaves: nobody is looking at it. With a draft it stays "replying".
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { PRESENCE_HEARTBEAT_MS } from "@/lib/inbox/presence-timing";
import type { ConversationPresence, PresenceActivity, PresenceInScope } from "@/lib/inbox/schemas";
import { fetchPresence, fetchPresenceInScope, leavePresence, putPresence } from "./inbox-api";
import { inboxKeys } from "./query-keys";

let thisTab: string | null = null;
/** One id per page load: two tabs of one staff member are two presences. */
function tabId(): string {
  thisTab ??= crypto.randomUUID();
  return thisTab;
}

// This tab's presence requests go out one after another, in the order they were made: a leave must not
// overtake the heartbeat before it (the heartbeat arriving second would bring the tab back as a ghost
// until it expired), e.g. when one thread closes and the next opens at once.
let queue: Promise<unknown> = Promise.resolve();
function inOrder(request: () => Promise<unknown>): Promise<unknown> {
  queue = queue.then(request).catch(() => undefined);
  return queue;
}

/** A refetch a little after the soonest expiry, so the row is surely gone when it is read. */
const EXPIRY_MARGIN_MS = 500;
function refetchWhenDue(presence: { refreshInMs: number | null } | undefined): number | false {
  const due = presence?.refreshInMs;
  return due === null || due === undefined ? false : due + EXPIRY_MARGIN_MS;
}

export function usePresence(conversationId: string, replying: boolean): ConversationPresence["others"] {
  const queryClient = useQueryClient();
  const presence = useQuery({
    queryKey: inboxKeys.presence(conversationId),
    queryFn: ({ signal }) => fetchPresence(conversationId, signal),
    refetchInterval: (query) => refetchWhenDue(query.state.data),
    // Presence is a courtesy: a failed read is not worth retrying or showing; the next event retries.
    retry: false,
  });

  const replyingNow = useRef(replying);
  const beatNow = useRef<(() => void) | null>(null);

  useEffect(() => {
    let open = true;
    let present = false;
    let sentActivity: PresenceActivity | null = null;

    const beat = () => {
      if (!open) return;
      const activity: PresenceActivity = replyingNow.current ? "replying" : "viewing";
      if (document.visibilityState === "hidden" && activity === "viewing") {
        if (present) {
          present = false;
          sentActivity = null;
          void inOrder(() => leavePresence(conversationId, tabId()));
        }
        return;
      }
      present = true;
      sentActivity = activity;
      // A heartbeat that hangs is given up when the next one is due, so the queue keeps moving.
      void inOrder(async () => {
        const others = await putPresence(conversationId, { tabId: tabId(), activity }, AbortSignal.timeout(PRESENCE_HEARTBEAT_MS));
        if (open) queryClient.setQueryData(inboxKeys.presence(conversationId), others);
      });
    };
    beatNow.current = () => {
      const activity: PresenceActivity = replyingNow.current ? "replying" : "viewing";
      if (activity !== sentActivity) beat();
    };

    beat();
    const timer = setInterval(beat, PRESENCE_HEARTBEAT_MS);
    document.addEventListener("visibilitychange", beat);
    // Closing or reloading the page: no time to wait for a heartbeat in flight.
    const onPageHide = () => void leavePresence(conversationId, tabId());
    window.addEventListener("pagehide", onPageHide);
    return () => {
      open = false;
      beatNow.current = null;
      clearInterval(timer);
      document.removeEventListener("visibilitychange", beat);
      window.removeEventListener("pagehide", onPageHide);
      if (present) void inOrder(() => leavePresence(conversationId, tabId()));
    };
  }, [conversationId, queryClient]);

  useEffect(() => {
    replyingNow.current = replying;
    beatNow.current?.();
  }, [replying]);

  return presence.data?.others ?? [];
}

const NOBODY: PresenceInScope["conversations"] = {};

/**
 * Colleagues' presence in every conversation this staff member may see, for the list's rows. Read once,
 * again on every `presence` event (use-live-updates.ts), and when the soonest presence is due to expire.
 */
export function usePresenceInScope(): PresenceInScope["conversations"] {
  const presence = useQuery({
    queryKey: inboxKeys.presenceInScope(),
    queryFn: ({ signal }) => fetchPresenceInScope(signal),
    refetchInterval: (query) => refetchWhenDue(query.state.data),
    retry: false,
  });
  return presence.data?.conversations ?? NOBODY;
}
