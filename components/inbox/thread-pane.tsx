"use client";

import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import type { Assignee, ConversationDetail, Snooze, ThreadMessage, ThreadPage } from "@/lib/inbox/schemas";
import { ASSIGNEE_SELECT_ID, AssignSelect } from "./assign-select";
import { Composer, type ComposeMode } from "./composer";
import { Badge, guestLabel } from "./conversation-row";
import { localZone } from "./format-time";
import { useTimeFormat } from "../use-time-format";
import { ApiError, deleteSnooze, fetchConversation, fetchThread, markRead, markUnread, putAssignee, putNoReplyNeeded, putSnooze, putStar } from "./inbox-api";
import { LabelChips } from "./label-chips";
import { LABEL_MENU_BUTTON_ID, LabelMenu } from "./label-menu";
import { MessageItem, PendingMessageItem } from "./message-item";
import { earliestRead, newSinceRead, readBeforeOf } from "./new-since-read";
import { PresenceNotice } from "./presence-notice";
import { readDraft } from "./reply-drafts";
import { RestoreDraftContext, type RestoredDraft } from "./restore-draft";
import { cancelConversationReads, refetchConversation, refetchIfInFlight, refetchListsInFlight, removeFromLists, setListItem } from "./list-cache";
import { inboxKeys } from "./query-keys";
import { searchWords } from "./search-highlight";
import { SnoozeDialog } from "./snooze-dialog";
import { isTypingTarget } from "./use-inbox-url";
import { usePendingSends } from "./use-pending-sends";
import { usePresence } from "./use-presence";
import type { InfiniteData } from "@tanstack/react-query";
import { useErrorText } from "./use-error-text";

export function ThreadPane({
  conversationId,
  viewerId,
  onClose,
  focusReply = false,
  showMessageId = null,
  searchQuery = "",
}: {
  conversationId: string;
  viewerId: string;
  onClose: () => void;
  focusReply?: boolean;
  /** A message to open at (the one a search found) instead of the newest. */
  showMessageId?: string | null;
  /** The list's search, if any: its words are marked in every message, as in the list's rows. */
  searchQuery?: string;
}) {
  const errorText = useErrorText();
  const t = useTranslations("thread");
  const tInbox = useTranslations("inbox");
  const queryClient = useQueryClient();
  const detail = useQuery({ queryKey: inboxKeys.conversation(conversationId), queryFn: ({ signal }) => fetchConversation(conversationId, signal) });
  const thread = useThread(conversationId, detail.isSuccess);
  const conversation = detail.data;
  // Colleagues see this tab as "replying" while the composer holds a draft.
  const [drafting, setDrafting] = useState(false);
  const others = usePresence(conversationId, drafting);
  // A kept draft comes back in the mode it was written in: a note must not reopen as a reply to the guest.
  const [composeMode, setComposeMode] = useState<ComposeMode>(() => readDraft(viewerId, conversationId)?.mode ?? "reply");
  // A scheduled reply taken back for editing (its message's Edit), handed to the composer.
  const [restoredDraft, setRestoredDraft] = useState<RestoredDraft | null>(null);

  // Opening the thread reads it for this staff member (and tags Booking.com), and so does a new guest
  // message that arrives while it is open. The opening's answer also tells the read before it
  // (new-since-read.ts): the guest messages that arrived after it are marked new. So the opening reads
  // it even when the cache says it is read already: a cached read can be older than the truth, or
  // newer (another tab marked it unread). Undefined until that answer; never read before, the opening
  // itself (readBeforeOf).
  const unread = conversation?.unread;
  const loaded = detail.isSuccess;
  // Set by "Mark as unread": from then on this pane is leaving, and must not read it again if its detail
  // is refetched (a live change) before it has closed.
  const leavingUnread = useRef(false);
  const readOnOpening = useRef(false);
  const [readBefore, setReadBefore] = useState<string | undefined>(undefined);
  // When the guest's newest message arrived, by the latest answer: the thread waits for its pages to
  // be that far before it looks for the first new message (a cached page may not be yet).
  const [guestArrivedAt, setGuestArrivedAt] = useState<string | null | undefined>(undefined);
  useEffect(() => {
    if (!loaded || leavingUnread.current || (!unread && readOnOpening.current)) return;
    readOnOpening.current = true;
    void markRead(conversationId).then((answer) => {
      setReadBefore((known) => earliestRead(known, readBeforeOf(answer)));
      setGuestArrivedAt(answer.guestArrivedAt);
      setListItem(queryClient, conversationId, { unread: false });
      refetchListsInFlight(queryClient);
      void queryClient.invalidateQueries({ queryKey: inboxKeys.counts() });
      queryClient.setQueryData<ConversationDetail>(inboxKeys.conversation(conversationId), (old) => (old ? { ...old, unread: false, lastReadAt: answer.readAt } : old));
      refetchIfInFlight(queryClient, inboxKeys.conversation(conversationId));
    });
  }, [loaded, unread, conversationId, queryClient]);

  // A snooze or "no reply needed" refused because the guest wrote since this page last heard (409,
  // lib/inbox/unseen-guest-message.ts): fetch the thread, so the message is there beside the error.
  const showMissedMessages = (error: Error) => {
    if (error instanceof ApiError && error.status === 409) void queryClient.invalidateQueries({ queryKey: inboxKeys.thread(conversationId) });
  };

  const noReply = useMutation({
    mutationFn: (value: boolean) => putNoReplyNeeded(conversationId, value, newestGuestMessageAt(thread.data)),
    onMutate: async (value) => {
      await cancelConversationReads(queryClient, conversationId);
      queryClient.setQueryData<ConversationDetail>(inboxKeys.conversation(conversationId), (old) => (old ? { ...old, noReplyNeeded: value, needsReplySince: value ? null : old.needsReplySince } : old));
      setListItem(queryClient, conversationId, { noReplyNeeded: value, ...(value ? { needsReplySince: null } : {}) });
    },
    onError: (error) => showMissedMessages(error),
    onSettled: () => refetchConversation(queryClient, conversationId, { withThread: true }),
  });
  const unreadMutation = useMutation({
    mutationFn: () => markUnread(conversationId),
    onMutate: () => {
      leavingUnread.current = true;
    },
    onError: () => {
      leavingUnread.current = false;
    },
    onSuccess: () => {
      setListItem(queryClient, conversationId, { unread: true });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.counts() });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.lists() });
      // Leave the thread: staying would mark it read again at once.
      onClose();
    },
  });

  // Snooze is the team's, like "no reply needed": it takes the conversation out of every view but
  // Snoozed, so the thread goes back to the list once the server has it (as "Mark as unread" does).
  const [snoozeOpen, setSnoozeOpen] = useState(false);
  const snoozeMutation = useMutation({
    mutationFn: (until: Date | null) => putSnooze(conversationId, until, newestGuestMessageAt(thread.data)),
    onMutate: (until) => {
      const snooze: Snooze = { until: until?.toISOString() ?? null, by: null };
      queryClient.setQueryData<ConversationDetail>(inboxKeys.conversation(conversationId), (old) => (old ? { ...old, snooze } : old));
      removeFromLists(queryClient, conversationId, (filters) => filters.view !== "snoozed");
    },
    onSuccess: () => {
      setSnoozeOpen(false);
      onClose();
    },
    onError: (error) => showMissedMessages(error),
    onSettled: () => invalidateAfterSnooze(queryClient, conversationId),
  });
  const unsnoozeMutation = useMutation({
    mutationFn: () => deleteSnooze(conversationId),
    onMutate: () => {
      queryClient.setQueryData<ConversationDetail>(inboxKeys.conversation(conversationId), (old) => (old ? { ...old, snooze: null } : old));
      removeFromLists(queryClient, conversationId, (filters) => filters.view === "snoozed");
    },
    onSettled: () => invalidateAfterSnooze(queryClient, conversationId),
  });
  // Assignment is the team's too, but the thread stays open: whoever assigns it usually goes on reading.
  // One scope: changes made in a row (type-ahead in the select) reach the server in the order made.
  const assignMutation = useMutation({
    scope: { id: `assign:${conversationId}` },
    mutationFn: (assignee: Assignee | null) => putAssignee(conversationId, assignee?.id ?? null),
    onMutate: async (assignee) => {
      await cancelConversationReads(queryClient, conversationId);
      queryClient.setQueryData<ConversationDetail>(inboxKeys.conversation(conversationId), (old) => (old ? { ...old, assignee } : old));
      setListItem(queryClient, conversationId, { assignee });
      if (assignee?.id !== viewerId) removeFromLists(queryClient, conversationId, (filters) => filters.view === "mine");
    },
    onSettled: () => refetchConversation(queryClient, conversationId, { withThread: true }),
  });

  // A star is the staff member's own: nobody else's inbox changes, so only this tab's cache is updated.
  // One scope: quick toggles reach the server in the order made.
  const starMutation = useMutation({
    scope: { id: `star:${conversationId}` },
    mutationFn: (starred: boolean) => putStar(conversationId, starred),
    onMutate: async (starred) => {
      await cancelConversationReads(queryClient, conversationId);
      queryClient.setQueryData<ConversationDetail>(inboxKeys.conversation(conversationId), (old) => (old ? { ...old, starred } : old));
      setListItem(queryClient, conversationId, { starred });
      if (!starred) removeFromLists(queryClient, conversationId, (filters) => filters.view === "starred");
    },
    onSettled: () => refetchConversation(queryClient, conversationId),
  });

  const openSnooze = () => {
    snoozeMutation.reset();
    setSnoozeOpen(true);
  };

  // While a toggle's change is on its way, the button shows (and the next press starts from) what was
  // pressed last, whatever a refetch that read the server before the change has put in the cache since.
  const noReplyNeeded = noReply.isPending ? noReply.variables : conversation?.noReplyNeeded;
  const starred = starMutation.isPending ? starMutation.variables : conversation?.starred;
  const toggleNoReply = () => conversation && noReply.mutate(!noReplyNeeded);
  const toggleStar = () => conversation && starMutation.mutate(!starred);
  const compose = (mode: ComposeMode) => {
    setComposeMode(mode);
    // After the render that switched the box: its label and placeholder are the new mode's.
    requestAnimationFrame(() => document.getElementById("reply-input")?.focus());
  };
  const latest = useRef({ toggleNoReply, toggleStar, markUnread: () => unreadMutation.mutate(), openSnooze, onClose, compose });
  useEffect(() => {
    latest.current = { toggleNoReply, toggleStar, markUnread: () => unreadMutation.mutate(), openSnooze, onClose, compose };
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      if (document.querySelector("dialog[open]")) return;
      if (event.key === "e") latest.current.toggleNoReply();
      else if (event.key === "u") latest.current.markUnread();
      else if (event.key === "s") latest.current.toggleStar();
      else if (event.key === "z") latest.current.openSnooze();
      else if (event.key === "a") document.getElementById(ASSIGNEE_SELECT_ID)?.focus();
      else if (event.key === "l") document.getElementById(LABEL_MENU_BUTTON_ID)?.click();
      else if (event.key === "r") latest.current.compose("reply");
      else if (event.key === "n") latest.current.compose("note");
      else if (event.key === "Escape") latest.current.onClose();
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  if (detail.isPending) return <p className="m-auto text-sm text-slate-600 dark:text-slate-400">{t("pane.loading")}</p>;
  if (detail.isError || !conversation) {
    return (
      <div className="m-auto max-w-sm p-6 text-center" role="alert">
        <p className="font-medium">{t("pane.cannotShow")}</p>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{detail.error ? errorText(detail.error) : t("pane.notFound")}</p>
        <button type="button" className="btn-secondary mt-4" onClick={onClose}>
          {t("pane.backToInbox")}
        </button>
      </div>
    );
  }

  return (
    <>
      <header className="flex flex-wrap items-center gap-x-3 gap-y-1 border-b border-slate-200 bg-white px-4 py-2.5 dark:border-slate-800 dark:bg-slate-950" data-testid="thread-header">
        <button type="button" onClick={onClose} className="btn-ghost -ml-2 md:hidden" aria-label={t("header.backToList")}>
          ←
        </button>
        {/* Its own line of at least 18rem: on a narrow pane the buttons wrap below rather than squeeze the
            property, the reservation and the time-zone note into an ellipsis. */}
        <div className="min-w-0 flex-[1_1_18rem]">
          <h2 className="truncate text-base font-semibold" data-testid="thread-guest-name">
            {guestLabel(conversation, tInbox("guest"))}
          </h2>
          <p className="truncate text-xs text-slate-500 dark:text-slate-400">
            {conversation.propertyName} ·{" "}
            {conversation.type === "request_to_book" ? t("header.requestToBook", { reference: conversation.reference }) : t("header.reservation", { reference: conversation.reference })}
            {conversation.type === "request_to_book" && !conversation.guestName ? ` · ${t("header.nameAfterConfirmation")}` : ""}
          </p>
          <ZoneNote propertyZone={conversation.propertyTimeZone} />
          {conversation.labelIds.length > 0 ? (
            <div className="mt-1 flex" data-testid="thread-labels">
              <LabelChips ids={conversation.labelIds} />
            </div>
          ) : null}
        </div>
        <div className="flex flex-wrap items-center gap-1.5">
          {conversation.needsReplySince ? <Badge tone="amber">{t("header.needsReply")}</Badge> : null}
          <AssignSelect conversationId={conversationId} assignee={conversation.assignee} viewerId={viewerId} onAssign={(assignee) => assignMutation.mutate(assignee)} />
          <button
            type="button"
            aria-pressed={Boolean(noReplyNeeded)}
            onClick={toggleNoReply}
            title={t("header.noReplyNeededTitle")}
            className="btn-secondary aria-pressed:border-emerald-300 aria-pressed:bg-emerald-50 aria-pressed:text-emerald-900 dark:aria-pressed:border-emerald-800 dark:aria-pressed:bg-emerald-950 dark:aria-pressed:text-emerald-200"
          >
            {noReplyNeeded ? `✓ ${t("header.noReplyNeeded")}` : t("header.noReplyNeeded")}
          </button>
          <button
            type="button"
            aria-pressed={Boolean(starred)}
            onClick={toggleStar}
            title={starred ? t("header.starredTitle") : t("header.starTitle")}
            className="btn-secondary aria-pressed:border-amber-300 aria-pressed:bg-amber-50 aria-pressed:text-amber-900 dark:aria-pressed:border-amber-800 dark:aria-pressed:bg-amber-950 dark:aria-pressed:text-amber-200"
          >
            <span aria-hidden className="mr-1">
              {starred ? "★" : "☆"}
            </span>
            {t("header.star")}
          </button>
          <LabelMenu conversation={conversation} />
          <button type="button" onClick={() => unreadMutation.mutate()} className="btn-secondary" title={t("header.markUnreadTitle")}>
            {t("header.markUnread")}
          </button>
          <button type="button" onClick={openSnooze} className="btn-secondary" title={t("header.snoozeTitle")} aria-haspopup="dialog">
            {t("header.snooze")}
          </button>
        </div>
        {conversation.snooze ? <SnoozeStatus snooze={conversation.snooze} onUnsnooze={() => unsnoozeMutation.mutate()} pending={unsnoozeMutation.isPending} /> : null}
        {noReply.isError ? <p role="alert" className="w-full text-xs text-red-700 dark:text-red-400">{errorText(noReply.error)}</p> : null}
        {conversation.noReplyNeededProblem && !noReply.isPending ? (
          // Sending the mark as it is here again: a new action, which Booking.com may take this time.
          <p role="alert" className="flex w-full flex-wrap items-center gap-2 text-xs text-red-700 dark:text-red-400" data-testid="no-reply-needed-problem">
            <span>
              {conversation.noReplyNeeded
                ? t("header.noReplyNotSetOnBooking", { problem: conversation.noReplyNeededProblem })
                : t("header.noReplyNotClearedOnBooking", { problem: conversation.noReplyNeededProblem })}
            </span>
            <button type="button" className="btn-secondary py-0.5 text-xs" onClick={() => noReply.mutate(conversation.noReplyNeeded)}>
              {t("header.tryAgain")}
            </button>
          </p>
        ) : null}
        {assignMutation.isError ? <p role="alert" className="w-full text-xs text-red-700 dark:text-red-400">{errorText(assignMutation.error)}</p> : null}
        {starMutation.isError ? <p role="alert" className="w-full text-xs text-red-700 dark:text-red-400">{errorText(starMutation.error)}</p> : null}
        {unsnoozeMutation.isError ? <p role="alert" className="w-full text-xs text-red-700 dark:text-red-400">{errorText(unsnoozeMutation.error)}</p> : null}
        <PresenceNotice others={others} />
      </header>
      {snoozeOpen ? (
        <SnoozeDialog onSnooze={(until) => snoozeMutation.mutate(until)} onClose={() => setSnoozeOpen(false)} pending={snoozeMutation.isPending} error={snoozeMutation.isError ? errorText(snoozeMutation.error) : null} />
      ) : null}
      <RestoreDraftContext.Provider value={conversation.access === "read_only" ? null : (text) => setRestoredDraft({ text, id: Date.now() })}>
        <MessageList conversation={conversation} thread={thread} showMessageId={showMessageId} highlightWords={searchWords(searchQuery)} readBefore={readBefore} guestArrivedAt={guestArrivedAt} />
      </RestoreDraftContext.Provider>
      {conversation.access === "read_only" ? (
        <p className="border-t border-slate-200 bg-white px-4 py-3 text-sm text-slate-600 dark:border-slate-800 dark:bg-slate-950 dark:text-slate-300" data-testid="read-only-notice">
          {t("pane.readOnly")}
        </p>
      ) : (
        <Composer
          conversation={conversation}
          autoFocus={focusReply}
          onDraftingChange={setDrafting}
          mode={composeMode}
          onModeChange={compose}
          restoredDraft={restoredDraft}
          draftOwner={viewerId}
          seenReplyAt={newestReplyAt(thread.data)}
          colleaguesReplying={others.filter((other) => other.activity === "replying").map((other) => other.name)}
        />
      )}
    </>
  );
}

// The thread is virtualised: only the messages on screen (plus a few either side) are in the DOM, so
// a thread of 5,000 messages costs the page what one of 50 does. Rows have their own heights, measured
// as they render. The list is anchored to its end: it opens at the newest message, follows new ones
// only while the staff member is at the bottom, and keeps the message being read in place when an
// older page is prepended above it.
const STATUS_HEIGHT = 48; // the "Start of the conversation" / "Loading older messages…" line above the first message
const LOAD_OLDER_WITHIN_PX = 600;
/** How far back (pages of 50) a thread opened from a search looks for the message that matched. */
const SHOW_MESSAGE_MAX_PAGES = 20;
const SHOW_MESSAGE_SCROLL_ATTEMPTS = 60;
const SHOW_MESSAGE_STEADY_FRAMES = 5;
/** How close (px) to the top, or to the end of the thread, counts as there. */
const IN_PLACE_PX = 4;

function MessageList({
  conversation,
  thread,
  showMessageId,
  highlightWords,
  readBefore,
  guestArrivedAt,
}: {
  conversation: ConversationDetail;
  thread: ReturnType<typeof useThread>;
  showMessageId: string | null;
  highlightWords: readonly string[];
  readBefore: string | undefined;
  guestArrivedAt: string | null | undefined;
}) {
  const errorText = useErrorText();
  const t = useTranslations("thread.list");
  const pending = usePendingSends(conversation.id);
  const scrollRef = useRef<HTMLDivElement>(null);
  const pages = thread.data?.pages;
  // Pages are newest-first; the screen shows oldest at the top.
  const messages: ThreadMessage[] = pages ? pages.flatMap((page) => page.messages).reverse() : [];
  const sentKeys = new Set(messages.map((message) => message.clientKey).filter(Boolean));
  const waiting = pending.list.filter((send) => !sentKeys.has(send.clientKey));
  const count = messages.length + waiting.length;
  const newIds = newSinceRead(messages, readBefore);
  const keyOf = (index: number) => (index < messages.length ? messages[index]!.id : `pending:${waiting[index - messages.length]!.clientKey}`);

  // Not useVirtualizer's fault: the React Compiler lint cannot see through its returned functions.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => 96,
    getItemKey: keyOf,
    gap: 12,
    paddingStart: STATUS_HEIGHT,
    paddingEnd: 16,
    overscan: 6,
    anchorTo: "end",
    followOnAppend: true,
    scrollEndThreshold: 80,
  });
  const rows = virtualizer.getVirtualItems();

  // Open at the newest message, once there is one.
  const [atNewest, setAtNewest] = useState(false);
  useLayoutEffect(() => {
    if (atNewest || count === 0) return;
    virtualizer.scrollToEnd();
    setAtNewest(true);
  }, [atNewest, count, virtualizer]);

  // Opened from a search: older pages load until the message that matched is there (at most
  // SHOW_MESSAGE_MAX_PAGES of them; not found, the thread stays at its newest), then it is scrolled to
  // the middle of the screen, and marked. Opened otherwise, once the read before this opening is known:
  // when the first new guest message is above the screen (several came in, or one arrived late and
  // sits among older messages), it is scrolled to the top of the screen, to be read downwards. Rows are
  // measured as they render, and the list keeps its place from the bottom while pages are prepended, so
  // the first scroll can land short: it is made again after each render until the message is on screen
  // (a few times at most), then left to the staff member.
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = thread;
  const showing = useRef<"looking" | "scrolling" | "done">("looking");
  const scrollAttempts = useRef(0);
  const steadyFrames = useRef(0);
  const [, setScrollTick] = useState(0);
  const shownIndex = showMessageId ? messages.findIndex((message) => message.id === showMessageId) : -1;
  const firstNewIndex = messages.findIndex((message) => newIds.has(message.id));
  const loadedPages = pages?.length ?? 0;
  // Asked again after every fetch of the thread: a live refetch (reading it marks it read, which is a
  // change) cancels an older page's fetch in flight, and would otherwise leave the search here.
  const threadFetching = thread.isFetching;
  // Both the read and the thread as they are now. A thread cached from an earlier opening may lack what
  // arrived since (its change may not even have reached this tab yet): it is fetched again when its
  // guest messages do not reach the newest arrival the opening's read answered with.
  const caughtUp = guestArrivedAt === null || thread.isFetchedAfterMount || (guestArrivedAt !== undefined && reachesArrival(messages, guestArrivedAt));
  const newKnown = readBefore !== undefined && guestArrivedAt !== undefined && caughtUp;
  const { refetch } = thread;
  useEffect(() => {
    if (guestArrivedAt !== undefined && !caughtUp && !threadFetching) void refetch();
  }, [guestArrivedAt, caughtUp, threadFetching, refetch]);
  useLayoutEffect(() => {
    if (showing.current !== "looking" || !atNewest) return;
    if (!showMessageId) {
      if (newKnown) showing.current = firstNewIndex >= 0 ? "scrolling" : "done";
      return;
    }
    if (shownIndex >= 0) showing.current = "scrolling";
    else if (!hasNextPage || loadedPages >= SHOW_MESSAGE_MAX_PAGES) showing.current = "done";
    else if (!threadFetching) void fetchNextPage();
  }, [showMessageId, shownIndex, newKnown, firstNewIndex, atNewest, hasNextPage, threadFetching, loadedPages, fetchNextPage]);
  useLayoutEffect(() => {
    if (showing.current !== "scrolling") return;
    const container = scrollRef.current;
    const target = container?.querySelector<HTMLElement>(showMessageId ? "[data-found]" : "[data-first-new]");
    // In place: a search's message anywhere on screen; the first new one at the top of the screen, or on
    // it with the thread at its newest message (what follows it fits below: nothing to scroll). Not
    // merely on screen: the thread may not have reached its newest message yet, and would then leave it.
    let inPlace = false;
    if (container && target) {
      const box = target.getBoundingClientRect();
      const view = container.getBoundingClientRect();
      const onScreen = box.top >= view.top && box.top < view.bottom;
      const atTop = box.top - view.top < IN_PLACE_PX;
      const atNewestMessage = container.scrollHeight - container.scrollTop - container.clientHeight < IN_PLACE_PX;
      inPlace = showMessageId ? onScreen : onScreen && (atTop || atNewestMessage);
    }
    // Done once it has stayed in place for a few frames in a row (measuring can still move it).
    steadyFrames.current = inPlace ? steadyFrames.current + 1 : 0;
    if (steadyFrames.current >= SHOW_MESSAGE_STEADY_FRAMES || ++scrollAttempts.current > SHOW_MESSAGE_SCROLL_ATTEMPTS) {
      showing.current = "done";
      return;
    }
    if (!inPlace) virtualizer.scrollToIndex(showMessageId ? shownIndex : firstNewIndex, { align: showMessageId ? "center" : "start" });
    // Check again next frame: a scroll may cause no render of its own.
    requestAnimationFrame(() => setScrollTick((tick) => tick + 1));
  });

  // A reply the staff member just sent shows where they will look for it, at the bottom, even if they
  // had scrolled up to read history while typing.
  const ownSends = pending.list.length;
  const previousOwnSends = useRef(ownSends);
  useLayoutEffect(() => {
    if (ownSends > previousOwnSends.current) virtualizer.scrollToEnd();
    previousOwnSends.current = ownSends;
  }, [ownSends, virtualizer]);

  // Older pages load as the top comes near, and also when the loaded ones do not fill the screen.
  const loadOlderIfNear = () => {
    const element = scrollRef.current;
    if (!element || !atNewest || !hasNextPage || isFetchingNextPage) return;
    // Read from the element, not the virtualizer: this runs in the scroll event, possibly before the
    // virtualizer has seen it.
    const overflows = element.scrollHeight > element.clientHeight;
    const atEnd = element.scrollHeight - element.scrollTop - element.clientHeight <= 80;
    // At the newest message of a thread taller than the screen, the staff member is not reading history.
    if (overflows && atEnd) return;
    if (element.scrollTop < LOAD_OLDER_WITHIN_PX) void fetchNextPage();
  };
  const latestLoad = useRef(loadOlderIfNear);
  useEffect(() => {
    latestLoad.current = loadOlderIfNear;
  });
  useEffect(() => {
    latestLoad.current();
  }, [atNewest, hasNextPage, isFetchingNextPage, count]);

  // New guest messages not on screen yet: a button goes to them. Below, while the staff member reads
  // further up (the thread follows new messages only from its bottom); above, when one arrived late
  // among older messages, or after the first new one was brought to the top. A message counts as seen
  // once it has been on screen; only after the opening's own scroll has finished.
  const seenNew = useRef(new Set<string>());
  const [unseen, setUnseen] = useState<UnseenNew | null>(null);
  // After every render, on purpose: scrolling renders (the visible range moved), and so do new messages
  // and the end of the opening's scroll. setUnseen keeps the same object when nothing changed, which
  // ends the chain.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (showing.current !== "done") return;
    const range = virtualizer.range;
    if (!range) return;
    const above: number[] = [];
    const below: number[] = [];
    messages.forEach((message, index) => {
      if (!newIds.has(message.id) || seenNew.current.has(message.id)) return;
      if (index < range.startIndex) above.push(index);
      else if (index > range.endIndex) below.push(index);
      else seenNew.current.add(message.id);
    });
    const next: UnseenNew | null = below.length > 0 ? { where: "below", count: below.length, index: below[0]! } : above.length > 0 ? { where: "above", count: above.length, index: above[0]! } : null;
    setUnseen((current) => (current?.where === next?.where && current?.count === next?.count && current?.index === next?.index ? current : next));
  });

  return (
    <div className="relative flex min-h-0 flex-1 flex-col">
      {unseen ? (
        <button
          type="button"
          onClick={() => virtualizer.scrollToIndex(unseen.index, { align: "start" })}
          className={`absolute left-1/2 z-10 -translate-x-1/2 rounded-full bg-indigo-600 px-3 py-1 text-xs font-medium text-white shadow-md hover:bg-indigo-700 dark:bg-indigo-500 dark:hover:bg-indigo-400 ${unseen.where === "above" ? "top-2" : "bottom-2"}`}
          data-testid="unseen-new"
        >
          <span aria-hidden>{unseen.where === "above" ? "↑ " : "↓ "}</span>
          {unseen.where === "above" ? t("newAbove", { count: unseen.count }) : t("newBelow", { count: unseen.count })}
        </button>
      ) : null}
      <div ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto px-3 [overflow-anchor:none] sm:px-6" onScroll={() => latestLoad.current()} data-testid="thread">
        <div className="relative mx-auto max-w-3xl" style={{ height: virtualizer.getTotalSize() }}>
          <div className="absolute inset-x-0 top-0 flex items-center justify-center text-xs" style={{ height: STATUS_HEIGHT }}>
            {isFetchingNextPage ? <p className="text-slate-600 dark:text-slate-400">{t("loadingOlder")}</p> : null}
            {!hasNextPage && thread.isSuccess ? <p className="text-slate-600 dark:text-slate-400">{messages.length === 0 ? t("empty") : t("start")}</p> : null}
            {thread.isPending ? <p className="text-sm text-slate-600 dark:text-slate-400">{t("loading")}</p> : null}
            {thread.isError ? <p role="alert" className="text-sm text-red-700 dark:text-red-400">{errorText(thread.error)}</p> : null}
          </div>
          <ol aria-label={t("messages")}>
            {rows.map((row) => {
              const place = { ref: virtualizer.measureElement, index: row.index, start: row.start, count };
              if (row.index < messages.length) {
                const message = messages[row.index]!;
                return (
                  <MessageItem
                    key={row.key}
                    message={message}
                    conversation={conversation}
                    row={place}
                    found={message.id === showMessageId}
                    highlightWords={highlightWords}
                    isNew={newIds.has(message.id)}
                    firstNew={row.index === firstNewIndex}
                  />
                );
              }
              const send = waiting[row.index - messages.length]!;
              return <PendingMessageItem key={row.key} send={send} conversationId={conversation.id} row={place} />;
            })}
          </ol>
        </div>
      </div>
    </div>
  );
}

/** Whether the loaded messages include a guest message that arrived at `arrivedAt` or later. */
function reachesArrival(messages: readonly ThreadMessage[], arrivedAt: string): boolean {
  const at = Date.parse(arrivedAt);
  return messages.some((message) => message.senderType === "guest" && Date.parse(message.arrivedAt) >= at);
}

/** New guest messages not seen yet, and the first of them (its index in the thread) to go to. */
type UnseenNew = { where: "above" | "below"; count: number; index: number };

/**
 * The newest guest message the loaded pages hold (they are newest first); null when the whole thread is
 * loaded and has none; undefined when it cannot be told (not loaded yet, or older than what is loaded).
 */
function newestGuestMessageAt(thread: InfiniteData<ThreadPage> | undefined): string | null | undefined {
  if (!thread) return undefined;
  for (const page of thread.pages) {
    const message = page.messages.find((item) => item.senderType === "guest");
    if (message) return message.sentAt;
  }
  return thread.pages.at(-1)?.nextCursor ? undefined : null;
}

/**
 * The newest reply to the guest the thread shows (not one scheduled for later), for the composer's
 * check that nobody else has answered since (lib/inbox/unseen-reply.ts); null when the whole thread is
 * loaded and has none; undefined when it cannot be told.
 */
function newestReplyAt(thread: InfiniteData<ThreadPage> | undefined): string | null | undefined {
  if (!thread) return undefined;
  for (const page of thread.pages) {
    const message = page.messages.find((item) => item.senderType === "property" && item.sendState !== "scheduled");
    if (message) return message.sentAt;
  }
  return thread.pages.at(-1)?.nextCursor ? undefined : null;
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

/** "Snoozed until Tue 24 Nov, 09:00 by Ada Admin", in the browser's zone (the one the snooze was picked in). */
function SnoozeStatus({ snooze, onUnsnooze, pending }: { snooze: Snooze; onUnsnooze: () => void; pending: boolean }) {
  const t = useTranslations("thread.snooze");
  const time = useTimeFormat();
  const zone = localZone();
  const until = snooze.until ? time.snoozeUntil(snooze.until, zone) : null;
  return (
    <div className="flex w-full items-center gap-2 rounded-md bg-sky-50 px-2.5 py-1.5 text-xs text-sky-900 dark:bg-sky-950/60 dark:text-sky-100" data-testid="snooze-status">
      <span className="min-w-0 flex-1" title={snooze.until ? time.full(snooze.until, zone) : undefined}>
        {until === null
          ? snooze.by
            ? t("untilReplyBy", { name: snooze.by })
            : t("untilReply")
          : snooze.by
            ? t("untilBy", { time: until, name: snooze.by })
            : t("until", { time: until })}
      </span>
      <button type="button" className="btn-secondary py-0.5 text-xs" onClick={onUnsnooze} disabled={pending}>
        {t("unsnooze")}
      </button>
    </div>
  );
}

function invalidateAfterSnooze(queryClient: ReturnType<typeof useQueryClient>, id: string) {
  void queryClient.invalidateQueries({ queryKey: inboxKeys.conversation(id) });
  void queryClient.invalidateQueries({ queryKey: inboxKeys.thread(id) }); // its "snoozed until" line
  void queryClient.invalidateQueries({ queryKey: inboxKeys.lists() });
  void queryClient.invalidateQueries({ queryKey: inboxKeys.counts() });
}

/**
 * Message times are the property's clock (what the guest means by "10:00"); the list shows the reader's.
 * When the two differ, e.g. a central team in another country, the thread says so once, at the top.
 * Snooze times stay in the reader's zone (they are picked in it): an instant each reader reads in their
 * own clock, so the note speaks of message times only.
 */
function ZoneNote({ propertyZone }: { propertyZone: string }) {
  const t = useTranslations("thread.header");
  const time = useTimeFormat();
  const difference = time.zoneDifference(propertyZone, localZone());
  if (!difference) return null;
  return (
    <p className="truncate text-xs text-slate-500 dark:text-slate-400" data-testid="thread-time-zone">
      {t("zoneNote", { difference })}
    </p>
  );
}
