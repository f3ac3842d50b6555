"use client";

// Desktop notifications of guests' new messages, for staff who keep the inbox in a background tab
// while they work in the PMS. Opt-in per browser (the toolbar's bell; the browser asks for permission
// once), and only while this tab is hidden or unfocused: otherwise the row appears in front of them.
// A live `change` event says whether a guest wrote (the conversations trigger compares the newest
// guest message before and after), so nothing is guessed from counts; a message older than
// RECENT_MS (a new property's history being imported, say) is not announced. One notification per
// conversation (its id is the tag, so a second message replaces the first); clicking it brings the
// tab forward with that conversation open.
import { useCallback, useEffect, useRef, useSyncExternalStore } from "react";
import { fetchConversation } from "./inbox-api";

const PREFERENCE_KEY = "bellhop.notifications";
const PREFERENCE_EVENT = "bellhop-notifications-preference";
/** A guest message older than this when it reaches the inbox is history, not news. */
const RECENT_MS = 10 * 60_000;

export type GuestNotifications = {
  /** The browser has desktop notifications at all. */
  supported: boolean;
  /** On for this browser: chosen here, and permitted by the browser. */
  enabled: boolean;
  /** The browser refuses them for this site (its settings must change first). */
  blocked: boolean;
  toggle: () => Promise<void>;
  /** A guest wrote in this conversation (a live change said so). */
  guestWrote: (conversationId: string) => void;
};

export function useGuestNotifications(onOpen: (conversationId: string) => void): GuestNotifications {
  const state = useSyncExternalStore(subscribe, readState, () => "unsupported" as const);
  const enabled = state === "on";
  const latest = useRef({ enabled, onOpen });
  useEffect(() => {
    latest.current = { enabled, onOpen };
  });

  const toggle = useCallback(async () => {
    if (state === "unsupported") return;
    if (state === "on") return savePreference("off");
    // Asked only on a click: browsers ignore (or punish) a permission request nobody asked for.
    if ((await Notification.requestPermission()) === "granted") savePreference("on");
    else window.dispatchEvent(new Event(PREFERENCE_EVENT));
  }, [state]);

  const guestWrote = useCallback((conversationId: string) => {
    if (!latest.current.enabled || (document.visibilityState === "visible" && document.hasFocus())) return;
    void fetchConversation(conversationId)
      .then((conversation) => {
        const at = conversation.lastGuestMessageAt ? Date.parse(conversation.lastGuestMessageAt) : Number.NaN;
        if (!(Date.now() - at < RECENT_MS)) return;
        const guest = conversation.guestName?.trim() || "Guest";
        const notification = new Notification(`${guest} · ${conversation.propertyName}`, {
          body: conversation.lastMessageSender === "guest" && conversation.lastMessagePreview ? conversation.lastMessagePreview : "wrote a new message",
          tag: conversationId,
        });
        notification.onclick = () => {
          window.focus();
          latest.current.onOpen(conversationId);
          notification.close();
        };
      })
      // Gone or out of reach since (or the network): nothing to announce.
      .catch(() => undefined);
  }, []);

  return { supported: state !== "unsupported", enabled, blocked: state === "blocked", toggle, guestWrote };
}

type State = "unsupported" | "blocked" | "on" | "off";

function readState(): State {
  if (!("Notification" in window)) return "unsupported";
  if (Notification.permission === "denied") return "blocked";
  return Notification.permission === "granted" && localStorage.getItem(PREFERENCE_KEY) === "on" ? "on" : "off";
}

function savePreference(value: "on" | "off"): void {
  localStorage.setItem(PREFERENCE_KEY, value);
  window.dispatchEvent(new Event(PREFERENCE_EVENT));
}

/** This tab's own changes, another tab's (`storage`), and a permission changed in the browser's settings. */
function subscribe(onChange: () => void): () => void {
  window.addEventListener(PREFERENCE_EVENT, onChange);
  window.addEventListener("storage", onChange);
  window.addEventListener("focus", onChange);
  return () => {
    window.removeEventListener(PREFERENCE_EVENT, onChange);
    window.removeEventListener("storage", onChange);
    window.removeEventListener("focus", onChange);
  };
}
