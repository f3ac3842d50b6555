"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { BULK_MAX } from "@/lib/inbox/bulk-limit";
import { BulkBar } from "./bulk-bar";
import { ConversationRow, ROW_HEIGHT } from "./conversation-row";
import { fetchConversations } from "./inbox-api";
import { inboxKeys, type ListFilters } from "./query-keys";
import { isTypingTarget } from "./use-inbox-url";
import { usePresenceInScope } from "./use-presence";
import { useErrorText } from "./use-error-text";

/**
 * The infinite, virtualised list: only the rows on screen are in the DOM, so 100,000 conversations
 * scroll like 50. The next page loads when the last rows come into view.
 */
export function ConversationList({
  filters,
  openId,
  onOpen,
  showProperty,
  viewerId,
}: {
  filters: ListFilters;
  openId: string | null;
  /** `at`: the message a search found in it, which the thread opens at. */
  onOpen: (id: string, at?: string) => void;
  showProperty: boolean;
  viewerId: string;
}) {
  const errorText = useErrorText();
  const { view, sort, property, label, q } = filters;
  const t = useTranslations("inbox.list");
  const query = useInfiniteQuery({
    queryKey: inboxKeys.list({ view, sort, property, label, q }),
    queryFn: ({ pageParam, signal }) => fetchConversations({ view, sort, property, label, q }, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  // Conversations chosen for a bulk action, for these filters only: another view starts with none. One
  // that has left the list (its change took it out of the view) is no longer chosen.
  const filterKey = JSON.stringify([view, sort, property, label, q]);
  const [choice, setChoice] = useState<{ filterKey: string; ids: ReadonlySet<string> }>({ filterKey, ids: new Set() });
  const chosenIds = choice.filterKey === filterKey ? choice.ids : NONE_CHOSEN;
  const chosen = items.filter((item) => chosenIds.has(item.id));
  // The row last ticked or unticked: Shift+click on another sets every row between to the clicked one's
  // new state, as mail clients do.
  const rangeAnchor = useRef<string | null>(null);
  const toggleChosen = (id: string, range = false) => {
    const ids = new Set(chosenIds);
    const checking = !ids.has(id);
    const from = range && rangeAnchor.current ? items.findIndex((item) => item.id === rangeAnchor.current) : -1;
    const to = items.findIndex((item) => item.id === id);
    const span = from >= 0 && to >= 0 ? items.slice(Math.min(from, to), Math.max(from, to) + 1) : [{ id }];
    for (const item of span) {
      if (checking) ids.add(item.id);
      else ids.delete(item.id);
    }
    rangeAnchor.current = id;
    setChoice({ filterKey, ids });
  };
  // The rows are memoised: they get one function for good, which calls the latest toggleChosen.
  const latestToggle = useRef(toggleChosen);
  useEffect(() => {
    latestToggle.current = toggleChosen;
  });
  const onToggleCheck = useCallback((id: string, range: boolean) => latestToggle.current(id, range), []);
  const clearChosen = () => setChoice({ filterKey, ids: new Set() });
  const presence = usePresenceInScope();
  const scrollRef = useRef<HTMLDivElement>(null);
  // Not useVirtualizer's fault: the React Compiler lint cannot see through its returned functions.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({ count: items.length, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 8 });
  const virtualItems = virtualizer.getVirtualItems();
  const lastVisible = virtualItems[virtualItems.length - 1]?.index ?? -1;
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = query;

  useEffect(() => {
    if (lastVisible >= items.length - 10 && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [lastVisible, items.length, hasNextPage, isFetchingNextPage, fetchNextPage]);

  // "Choose all": the view's first BULK_MAX conversations, loading the pages not scrolled to yet.
  const chooseAll = async () => {
    let loaded = items;
    let more = hasNextPage;
    while (loaded.length < BULK_MAX && more) {
      const result = await fetchNextPage();
      if (result.isError) return;
      loaded = result.data?.pages.flatMap((page) => page.items) ?? loaded;
      more = result.hasNextPage;
    }
    setChoice({ filterKey, ids: new Set(loaded.slice(0, BULK_MAX).map((item) => item.id)) });
  };

  // j/k move a highlight through the list; Enter opens it.
  const [active, setActive] = useState(-1);
  const activeIndex = active >= 0 ? Math.min(active, items.length - 1) : items.findIndex((item) => item.id === openId);
  const latest = useRef({ activeIndex, items, onOpen, virtualizer, toggleChosen });
  useEffect(() => {
    latest.current = { activeIndex, items, onOpen, virtualizer, toggleChosen };
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || isTypingTarget(event.target)) return;
      if (document.querySelector("dialog[open]")) return;
      const { activeIndex: current, items: rows, onOpen: open, virtualizer: list, toggleChosen: toggle } = latest.current;
      if (event.key === "j" || event.key === "k") {
        event.preventDefault();
        const next = Math.max(0, Math.min(rows.length - 1, current + (event.key === "j" ? 1 : -1)));
        setActive(next);
        list.scrollToIndex(next, { align: "auto" });
      } else if (event.key === "x" && current >= 0 && rows[current]) {
        event.preventDefault();
        toggle(rows[current].id);
      } else if (event.key === "Enter" && current >= 0 && rows[current] && !(event.target instanceof HTMLButtonElement || event.target instanceof HTMLAnchorElement)) {
        event.preventDefault();
        open(rows[current].id, rows[current].searchHit?.messageId);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  if (query.isPending) return <ListMessage>{t("loading")}</ListMessage>;
  if (query.isError) return <ListMessage tone="error">{errorText(query.error)}</ListMessage>;
  if (items.length === 0) return <ListMessage>{q ? t("noMatch", { query: q }) : label ? t("noneWithLabel") : t(`empty.${EMPTY_TEXT[view]}`)}</ListMessage>;

  return (
    <>
      {chosen.length > 0 ? (
        <BulkBar chosen={chosen} viewerId={viewerId} shown={items.length} more={hasNextPage} onChooseAll={chooseAll} onClear={clearChosen} onDone={clearChosen} />
      ) : null}
      <div ref={scrollRef} className="min-h-0 flex-1 overflow-y-auto" data-testid="conversation-list">
        <ul aria-label={t("listLabel")} className="relative" style={{ height: virtualizer.getTotalSize() }}>
          {virtualItems.map((row) => {
            const item = items[row.index]!;
            return (
              <li key={item.id} className="absolute inset-x-0" style={{ height: row.size, transform: `translateY(${row.start}px)` }}>
                <ConversationRow
                  item={item}
                  selected={item.id === openId}
                  highlighted={row.index === activeIndex}
                  showProperty={showProperty}
                  viewerId={viewerId}
                  presence={presence[item.id]}
                  onOpen={onOpen}
                  checked={chosenIds.has(item.id)}
                  onToggleCheck={onToggleCheck}
                  searchQuery={q ?? undefined}
                />
              </li>
            );
          })}
        </ul>
        {isFetchingNextPage ? <p className="py-3 text-center text-xs text-slate-600 dark:text-slate-400">{t("loadingMore")}</p> : null}
      </div>
    </>
  );
}

const NONE_CHOSEN: ReadonlySet<string> = new Set();

/** What an empty view says: its message under `list.empty`. */
const EMPTY_TEXT = {
  all: "all",
  mine: "mine",
  starred: "starred",
  unread: "unread",
  needs_reply: "needsReply",
  no_reply_needed: "noReplyNeeded",
  snoozed: "snoozed",
} as const satisfies Record<ListFilters["view"], string>;

function ListMessage({ children, tone }: { children: React.ReactNode; tone?: "error" }) {
  return (
    <p role={tone === "error" ? "alert" : "status"} className={`p-6 text-center text-sm ${tone === "error" ? "text-red-700 dark:text-red-400" : "text-slate-500 dark:text-slate-400"}`}>
      {children}
    </p>
  );
}
