"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import type { ConversationDetail, ConversationPage, ThreadMessage } from "@/lib/inbox/schemas";
import { Composer } from "./composer";
import { Badge, guestLabel } from "./conversation-row";
import { fetchConversation, fetchThread, markRead, markUnread, putNoReplyNeeded } from "./inbox-api";
import { MessageItem, PendingMessageItem } from "./message-item";
import { inboxKeys } from "./query-keys";
import { isTypingTarget } from "./use-inbox-url";
import { usePendingSends } from "./use-pending-sends";
import type { InfiniteData } from "@tanstack/react-query";

export function ThreadPane({ conversationId, onClose, focusReply = false }: { conversationId: string; onClose: () => void; focusReply?: boolean }) {
  const queryClient = useQueryClient();
  const detail = useQuery({ queryKey: inboxKeys.conversation(conversationId), queryFn: ({ signal }) => fetchConversation(conversationId, signal) });
  const thread = useThread(conversationId, detail.isSuccess);
  const conversation = detail.data;

  // Reading the thread marks it read for this staff member (and tags Booking.com), also when a new guest
  // message arrives while it is open.
  const unread = conversation?.unread;
  useEffect(() => {
    if (!unread) return;
    void markRead(conversationId).then(() => {
      setListItem(queryClient, conversationId, { unread: false });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.unreadCount() });
      queryClient.setQueryData<ConversationDetail>(inboxKeys.conversation(conversationId), (old) => (old ? { ...old, unread: false } : old));
    });
  }, [unread, conversationId, queryClient]);

  const noReply = useMutation({
    mutationFn: (value: boolean) => putNoReplyNeeded(conversationId, value),
    onMutate: (value) => {
      queryClient.setQueryData<ConversationDetail>(inboxKeys.conversation(conversationId), (old) => (old ? { ...old, noReplyNeeded: value, needsReplySince: value ? null : old.needsReplySince } : old));
      setListItem(queryClient, conversationId, { noReplyNeeded: value, ...(value ? { needsReplySince: null } : {}) });
    },
    onSettled: () => {
      void queryClient.invalidateQueries({ queryKey: inboxKeys.conversation(conversationId) });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.lists() });
    },
  });
  const unreadMutation = useMutation({
    mutationFn: () => markUnread(conversationId),
    onSuccess: () => {
      setListItem(queryClient, conversationId, { unread: true });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.unreadCount() });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.lists() });
      // Leave the thread: staying would mark it read again at once.
      onClose();
    },
  });

  const toggleNoReply = () => conversation && noReply.mutate(!conversation.noReplyNeeded);
  const latest = useRef({ toggleNoReply, markUnread: () => unreadMutation.mutate(), onClose });
  useEffect(() => {
    latest.current = { toggleNoReply, markUnread: () => unreadMutation.mutate(), onClose };
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      if (document.querySelector("dialog[open]")) return;
      if (event.key === "e") latest.current.toggleNoReply();
      else if (event.key === "u") latest.current.markUnread();
      else if (event.key === "r") document.getElementById("reply-input")?.focus();
      else if (event.key === "Escape") latest.current.onClose();
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  if (detail.isPending) return <p className="m-auto text-sm text-slate-500">Loading conversation…</p>;
  if (detail.isError || !conversation) {
    return (
      <div className="m-auto max-w-sm p-6 text-center" role="alert">
        <p className="font-medium">This conversation cannot be shown.</p>
        <p className="mt-1 text-sm text-slate-500">{detail.error?.message ?? "It does not exist or you do not have access to it."}</p>
        <button type="button" className="btn-secondary mt-4" onClick={onClose}>
          Back to the inbox
        </button>
      </div>
    );
  }

  return (
    <>
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 bg-white px-4 py-2.5 dark:border-slate-800 dark:bg-slate-950">
        <button type="button" onClick={onClose} className="btn-ghost -ml-2 md:hidden" aria-label="Back to the list">
          ←
        </button>
        <div className="min-w-0 flex-1">
          <h2 className="truncate text-base font-semibold" data-testid="thread-guest-name">
            {guestLabel(conversation)}
          </h2>
          <p className="truncate text-xs text-slate-500 dark:text-slate-400">
            {conversation.propertyName} · {conversation.type === "request_to_book" ? "Request to book" : "Reservation"} #{conversation.reference}
            {conversation.type === "request_to_book" && !conversation.guestName ? " · Booking.com shows the guest's name once the request is confirmed" : ""}
          </p>
        </div>
        <div className="flex items-center gap-1.5">
          {conversation.needsReplySince ? <Badge tone="amber">Needs reply</Badge> : null}
          <button
            type="button"
            aria-pressed={conversation.noReplyNeeded}
            onClick={toggleNoReply}
            title="No reply needed (e)"
            className="btn-secondary aria-pressed:border-emerald-300 aria-pressed:bg-emerald-50 aria-pressed:text-emerald-900 dark:aria-pressed:border-emerald-800 dark:aria-pressed:bg-emerald-950 dark:aria-pressed:text-emerald-200"
          >
            {conversation.noReplyNeeded ? "✓ No reply needed" : "No reply needed"}
          </button>
          <button type="button" onClick={() => unreadMutation.mutate()} className="btn-secondary" title="Mark as unread (u)">
            Mark as unread
          </button>
        </div>
        {noReply.isError ? <p role="alert" className="w-full text-xs text-red-700 dark:text-red-400">{noReply.error.message}</p> : null}
      </header>
      <MessageList conversation={conversation} thread={thread} />
      {conversation.access === "read_only" ? (
        <p className="border-t border-slate-200 bg-white px-4 py-3 text-sm text-slate-600 dark:border-slate-800 dark:bg-slate-950 dark:text-slate-300" data-testid="read-only-notice">
          Replies are closed: Booking.com&apos;s sending window for this reservation has ended, so the guest can no longer be messaged here.
        </p>
      ) : (
        <Composer conversation={conversation} autoFocus={focusReply} />
      )}
    </>
  );
}

function MessageList({ conversation, thread }: { conversation: ConversationDetail; thread: ReturnType<typeof useThread> }) {
  const pending = usePendingSends(conversation.id);
  const scrollRef = useRef<HTMLDivElement>(null);
  const topRef = useRef<HTMLDivElement>(null);
  const pages = thread.data?.pages;
  // Pages are newest-first; the screen shows oldest at the top.
  const messages: ThreadMessage[] = pages ? pages.flatMap((page) => page.messages).reverse() : [];
  const sentKeys = new Set(messages.map((message) => message.clientKey).filter(Boolean));
  const waiting = pending.list.filter((send) => !sentKeys.has(send.clientKey));
  const newest = messages[messages.length - 1]?.id;
  const [stuckToBottom, setStuckToBottom] = useState(true);
  const anchor = useRef<{ height: number; top: number } | null>(null);

  // Stay at the bottom as messages arrive, unless the staff member scrolled up to read.
  useLayoutEffect(() => {
    const element = scrollRef.current;
    if (!element) return;
    if (anchor.current) {
      // Older page prepended: keep the same message under the eye.
      element.scrollTop = element.scrollHeight - anchor.current.height + anchor.current.top;
      anchor.current = null;
    } else if (stuckToBottom) element.scrollTop = element.scrollHeight;
  }, [newest, waiting.length, pages?.length, stuckToBottom]);

  const { hasNextPage, isFetchingNextPage, fetchNextPage } = thread;
  useEffect(() => {
    const top = topRef.current;
    const root = scrollRef.current;
    if (!top || !root) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting) && hasNextPage && !isFetchingNextPage) {
        anchor.current = { height: root.scrollHeight, top: root.scrollTop };
        void fetchNextPage();
      }
    }, { root, rootMargin: "200px 0px 0px 0px" });
    observer.observe(top);
    return () => observer.disconnect();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);

  return (
    <div
      ref={scrollRef}
      className="min-h-0 flex-1 overflow-y-auto px-3 py-4 sm:px-6"
      onScroll={(event) => {
        const element = event.currentTarget;
        setStuckToBottom(element.scrollHeight - element.scrollTop - element.clientHeight < 80);
      }}
      data-testid="thread"
    >
      <div ref={topRef} />
      {isFetchingNextPage ? <p className="pb-3 text-center text-xs text-slate-500">Loading older messages…</p> : null}
      {!hasNextPage && thread.isSuccess ? (
        <p className="pb-4 text-center text-xs text-slate-600 dark:text-slate-400">{messages.length === 0 ? "No messages yet. You can write first." : "Start of the conversation"}</p>
      ) : null}
      {thread.isPending ? <p className="text-center text-sm text-slate-500">Loading messages…</p> : null}
      {thread.isError ? <p role="alert" className="text-center text-sm text-red-700">{thread.error.message}</p> : null}
      <ol className="mx-auto flex max-w-3xl flex-col gap-3" aria-label="Messages">
        {messages.map((message) => (
          <MessageItem key={message.id} message={message} conversation={conversation} />
        ))}
        {waiting.map((send) => (
          <PendingMessageItem key={send.clientKey} send={send} conversationId={conversation.id} />
        ))}
      </ol>
    </div>
  );
}

/** Newest page first; older pages are fetched as the staff member scrolls up. */
function useThread(id: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: inboxKeys.thread(id),
    queryFn: ({ pageParam, signal }) => fetchThread(id, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

/** Patches one conversation in every cached list page, so the list reacts before its refetch. */
function setListItem(queryClient: ReturnType<typeof useQueryClient>, id: string, patch: Partial<ConversationPage["items"][number]>) {
  queryClient.setQueriesData<InfiniteData<ConversationPage>>({ queryKey: inboxKeys.lists() }, (data) =>
    data ? { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.map((item) => (item.id === id ? { ...item, ...patch } : item)) })) } : data,
  );
}
