"use client";

// Desktop notifications of guests' new messages, for staff who keep the inbox in a background tab
// while they work in the PMS. Opt-in per browser (the toolbar's bell; the browser asks for permission
// once), and only while this tab is hidden or unfocused: otherwise the row appears in front of them.
// A live `change` event says whether a guest wrote (the conversations trigger compares the newest
// guest message before and after), so nothing is guessed from counts; the inbox then fetches the
// conversation once for every alert (recent-guest-message.ts: a message over ten minutes old, a new
// property's history being imported, say, is not announced). One notification per
// conversation (its id is the tag, so a second message replaces the first); clicking it brings the
// tab forward with that conversation open.
// Shown through a service worker (public/notification-worker.js) wherever the browser has one: Android's
// Chrome refuses `new Notification()`, and the worker's click handler finds the inbox tab (or opens
// one). Where there is none (Firefox's private windows), the page's own Notification is the fallback.
import { useCallback, useEffect, useRef, useSyncExternalStore } from "react";
import { useTranslations } from "use-intl";
import type { ConversationDetail } from "@/lib/inbox/schemas";
import { announceDevicePreferenceChange, readDevicePreference, saveDevicePreference, subscribeDevicePreferences } from "./device-preference";

const PREFERENCE_KEY = "bellhop.notifications";
const WORKER_URL = "/notification-worker.js";
// Bellhop's icon beside the text, and its mark alone as Android's status-bar badge (a silhouette).
const ICON_URL = "/icons/icon-192.png";
const BADGE_URL = "/icons/badge-96.png";
/** As in public/notification-worker.js: the worker asks this tab to open a conversation. */
const OPEN_CONVERSATION = "bellhop.open-conversation";

export type GuestNotifications = {
  /** The browser has desktop notifications at all. */
  supported: boolean;
  /** On for this browser: chosen here, and permitted by the browser. */
  enabled: boolean;
  /** The browser refuses them for this site (its settings must change first). */
  blocked: boolean;
  toggle: () => Promise<void>;
  /** Whether a guest's message now would be shown: notifications are on and this tab is not in front. */
  wouldShow: () => boolean;
  /** A guest just wrote in this conversation: shown when wouldShow() (asked again). */
  announce: (conversation: ConversationDetail) => void;
};

export function useGuestNotifications(onOpen: (conversationId: string) => void): GuestNotifications {
  const t = useTranslations("inbox");
  const state = useSyncExternalStore(subscribe, readState, () => "unsupported" as const);
  const enabled = state === "on";
  const latest = useRef({ enabled, onOpen });
  useEffect(() => {
    latest.current = { enabled, onOpen };
  });

  // Registered as soon as notifications are on, so the first one is not kept waiting for it.
  useEffect(() => {
    if (enabled) void notificationWorker();
  }, [enabled]);
  // A click on a notification, relayed by the worker to this tab.
  useEffect(() => {
    if (!("serviceWorker" in navigator)) return;
    const workers = navigator.serviceWorker;
    const onMessage = (event: MessageEvent<unknown>) => {
      const conversationId = openRequestIn(event.data);
      if (!conversationId) return;
      window.focus();
      latest.current.onOpen(conversationId);
    };
    workers.addEventListener("message", onMessage);
    return () => workers.removeEventListener("message", onMessage);
  }, []);

  const toggle = useCallback(async () => {
    if (state === "unsupported") return;
    if (state === "on") return saveDevicePreference(PREFERENCE_KEY, "off");
    // Asked only on a click: browsers ignore (or punish) a permission request nobody asked for.
    if ((await Notification.requestPermission()) === "granted") saveDevicePreference(PREFERENCE_KEY, "on");
    else announceDevicePreferenceChange();
  }, [state]);

  const wouldShow = useCallback(() => latest.current.enabled && !(document.visibilityState === "visible" && document.hasFocus()), []);

  const announce = useCallback((conversation: ConversationDetail) => {
    if (!wouldShow()) return;
    const conversationId = conversation.id;
    const guest = conversation.guestName?.trim() || t("guest");
    const title = `${guest} · ${conversation.propertyName}`;
    const options = {
      body: conversation.lastMessageSender === "guest" && conversation.lastMessagePreview ? conversation.lastMessagePreview : t("notifications.wroteNewMessage"),
      tag: conversationId,
      icon: ICON_URL,
      badge: BADGE_URL,
    };
    void notificationWorker()
      .then((worker) => {
        if (worker) return worker.showNotification(title, { ...options, data: { conversationId } });
        const notification = new Notification(title, options);
        notification.onclick = () => {
          window.focus();
          latest.current.onOpen(conversationId);
          notification.close();
        };
      })
      // Refused after all (permission taken back a moment ago): nothing to show.
      .catch(() => undefined);
  }, [wouldShow, t]);

  return { supported: state !== "unsupported", enabled, blocked: state === "blocked", toggle, wouldShow, announce };
}

type State = "unsupported" | "blocked" | "on" | "off";

let registration: Promise<ServiceWorkerRegistration | null> | null = null;

/**
 * The notification worker, registered once per page; null where the browser has no service workers or
 * the registration failed. A failure is not remembered: the next notification tries again (the
 * script's fetch can fail like any other, and on Android there is no fallback that works).
 */
function notificationWorker(): Promise<ServiceWorkerRegistration | null> {
  // Absent outside a secure context, and in Firefox's private windows. (A test of the value itself,
  // `!navigator.serviceWorker`, was dropped by the production build's minifier.)
  if (!("serviceWorker" in navigator)) return Promise.resolve(null);
  const workers = navigator.serviceWorker;
  registration ??= workers
    .register(WORKER_URL)
    .then(() => workers.ready)
    .catch(() => {
      registration = null;
      return null;
    });
  return registration;
}

/** The conversation a worker's message asks to open, or null for any other message. */
function openRequestIn(data: unknown): string | null {
  if (typeof data !== "object" || data === null) return null;
  const { type, conversationId } = data as { type?: unknown; conversationId?: unknown };
  return type === OPEN_CONVERSATION && typeof conversationId === "string" && conversationId !== "" ? conversationId : null;
}

function readState(): State {
  if (!("Notification" in window)) return "unsupported";
  if (Notification.permission === "denied") return "blocked";
  return Notification.permission === "granted" && readDevicePreference(PREFERENCE_KEY) === "on" ? "on" : "off";
}

/** The preference changed (in this tab or another), or a permission changed in the browser's settings (read again on focus). */
function subscribe(onChange: () => void): () => void {
  const unsubscribe = subscribeDevicePreferences(onChange);
  window.addEventListener("focus", onChange);
  return () => {
    unsubscribe();
    window.removeEventListener("focus", onChange);
  };
}
