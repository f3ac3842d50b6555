"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { showUnreadOnAppIcon } from "../app-icon-badge";
import { ConversationList } from "./conversation-list";
import { fetchCounts } from "./inbox-api";
import { InboxToolbar } from "./inbox-toolbar";
import { NewMessageDialog } from "./new-message-dialog";
import { inboxKeys } from "./query-keys";
import { ShortcutsDialog } from "./shortcuts-dialog";
import { ThreadPane } from "./thread-pane";
import { isTypingTarget, useInboxUrl } from "./use-inbox-url";
import { recentGuestMessageIn } from "./recent-guest-message";
import { useGuestNotifications } from "./use-guest-notifications";
import { useGuestSound } from "./use-guest-sound";
import { useLiveUpdates } from "./use-live-updates";

export type InboxProperty = { id: string; name: string; timeZone: string };

/**
 * The inbox screen: the list (left) and the open thread (right); on a phone they are two screens and
 * the URL's `c` decides which one shows.
 */
export function InboxApp({ properties, viewerId }: { properties: InboxProperty[]; viewerId: string }) {
  const t = useTranslations("inbox");
  const { state, update } = useInboxUrl();
  const notifications = useGuestNotifications((id) => update({ open: id, at: null }, "push"));
  const sound = useGuestSound();
  // A guest wrote (a live change said so): one fetch of the conversation serves every alert.
  const live = useLiveUpdates((conversationId) => {
    if (!notifications.wouldShow() && !sound.enabled) return;
    void recentGuestMessageIn(conversationId).then((conversation) => {
      if (!conversation) return;
      notifications.announce(conversation);
      sound.chime();
    });
  });
  const [shortcutsOpen, setShortcutsOpen] = useState(false);
  const [newMessageOpen, setNewMessageOpen] = useState(false);
  // After "New message" finds the conversation, the reply box takes the focus.
  const [focusReplyFor, setFocusReplyFor] = useState<string | null>(null);
  const searchRef = useRef<HTMLInputElement>(null);

  const counts = useQuery({ queryKey: inboxKeys.counts(), queryFn: fetchCounts });
  const unreadCount = counts.data?.unread ?? 0;
  useEffect(() => {
    document.title = unreadCount > 0 ? t("metaTitleUnread", { count: unreadCount }) : t("metaTitle");
    showUnreadOnAppIcon(unreadCount);
  }, [unreadCount, t]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      if (document.querySelector("dialog[open]")) return;
      if (event.key === "/") {
        event.preventDefault();
        searchRef.current?.focus();
      } else if (event.key === "?") {
        event.preventDefault();
        setShortcutsOpen(true);
      } else if (event.key === "c") {
        event.preventDefault();
        setNewMessageOpen(true);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // `at`: a message to show (a search's match); any other opening starts at the newest message.
  const open = (id: string | null, at?: string) => update({ open: id, at: at ?? null }, "push");

  return (
    <main className="flex min-h-0 flex-1" aria-label={t("app.inbox")}>
      <section
        aria-label={t("app.conversations")}
        className={`${state.open ? "hidden md:flex" : "flex"} w-full min-w-0 flex-col border-slate-200 md:w-[380px] md:shrink-0 md:border-r lg:w-[420px] dark:border-slate-800`}
      >
        <InboxToolbar
          state={state}
          update={update}
          properties={properties}
          live={live}
          notifications={notifications}
          sound={sound}
          searchRef={searchRef}
          counts={counts.data ?? null}
          onNewMessage={() => setNewMessageOpen(true)}
          onShowShortcuts={() => setShortcutsOpen(true)}
        />
        <ConversationList filters={state} openId={state.open} onOpen={open} showProperty={properties.length > 1} viewerId={viewerId} />
      </section>
      <section aria-label={t("app.conversation")} className={`${state.open ? "flex" : "hidden md:flex"} min-w-0 flex-1 flex-col bg-slate-50/60 dark:bg-slate-900/40`}>
        {state.open ? (
          <ThreadPane key={state.open} conversationId={state.open} viewerId={viewerId} onClose={() => open(null)} focusReply={focusReplyFor === state.open} showMessageId={state.at} searchQuery={state.q} />
        ) : (
          <div className="m-auto max-w-xs text-center text-sm text-slate-500 dark:text-slate-400">
            <p className="font-medium text-slate-700 dark:text-slate-300">{t("app.noneOpen")}</p>
            <p className="mt-1">{t.rich("app.noneOpenHint", { kbd: (chunks) => <kbd className="kbd">{chunks}</kbd> })}</p>
          </div>
        )}
      </section>
      <ShortcutsDialog open={shortcutsOpen} onClose={() => setShortcutsOpen(false)} />
      <NewMessageDialog
        open={newMessageOpen}
        properties={properties}
        defaultPropertyId={state.property}
        onClose={() => setNewMessageOpen(false)}
        onFound={(id) => {
          setFocusReplyFor(id);
          setNewMessageOpen(false);
          open(id);
        }}
      />
    </main>
  );
}
