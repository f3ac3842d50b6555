// Patches to the cached conversation and list pages, so the inbox reacts to the staff member's own
// action before the refetch that confirms it, and the fetches that would undo such a patch.
import type { InfiniteData, QueryClient, QueryKey } from "@tanstack/react-query";
import type { ConversationListItem, ConversationPage } from "@/lib/inbox/schemas";
import { inboxKeys, type ListFilters } from "./query-keys";

/** Takes one conversation out of the cached pages of the lists `where` picks, before their refetch. */
export function removeFromLists(queryClient: QueryClient, id: string, where: (filters: ListFilters) => boolean) {
  for (const [key, data] of queryClient.getQueriesData<InfiniteData<ConversationPage>>({ queryKey: inboxKeys.lists() })) {
    const filters = key[2] as ListFilters | undefined;
    if (!data || !filters || !where(filters)) continue;
    queryClient.setQueryData<InfiniteData<ConversationPage>>(key, { ...data, pages: data.pages.map((page) => ({ ...page, items: page.items.filter((item) => item.id !== id) })) });
  }
}

/** Patches one conversation in every cached list page (`patch` gets the row as cached). */
export function setListItem(queryClient: QueryClient, id: string, patch: Partial<ConversationListItem> | ((item: ConversationListItem) => Partial<ConversationListItem>)) {
  queryClient.setQueriesData<InfiniteData<ConversationPage>>({ queryKey: inboxKeys.lists() }, (data) =>
    data
      ? {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.map((item) => (item.id === id ? { ...item, ...(typeof patch === "function" ? patch(item) : patch) } : item)),
          })),
        }
      : data,
  );
}

/**
 * After patching the cache with a change the server has already committed (heard live, or in its
 * answer): a fetch of that query still in flight may have read the server before the change, and would
 * put the old value back when it lands. Such a fetch is started again (invalidating a query that is
 * fetching cancels the fetch and makes a new one), so it reads the change too.
 */
export function refetchIfInFlight(queryClient: QueryClient, queryKey: QueryKey) {
  if (queryClient.getQueryState(queryKey)?.fetchStatus === "fetching") void queryClient.invalidateQueries({ queryKey, exact: true });
}

/** `refetchIfInFlight` for every cached list. */
export function refetchListsInFlight(queryClient: QueryClient) {
  for (const query of queryClient.getQueryCache().findAll({ queryKey: inboxKeys.lists() })) refetchIfInFlight(queryClient, query.queryKey);
}

/**
 * Before an optimistic patch of a conversation: reads of it already in flight are cancelled (awaited, as
 * a cancelled fetch puts back the cache as it was when it started), so their answer, read before the
 * change, cannot land over the patch.
 */
export async function cancelConversationReads(queryClient: QueryClient, id: string) {
  await Promise.all([queryClient.cancelQueries({ queryKey: inboxKeys.conversation(id) }), queryClient.cancelQueries({ queryKey: inboxKeys.lists() })]);
}

/** After a change to a conversation has settled: its detail and the lists, read again. Returned, so a
 * mutation's `onSettled` stays pending until the cache holds the server's answer. */
export function refetchConversation(queryClient: QueryClient, id: string, { withThread = false } = {}) {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: inboxKeys.conversation(id) }),
    queryClient.invalidateQueries({ queryKey: inboxKeys.lists() }),
    // A change the thread has a line for ("Ada marked this as no reply needed"): shown from the answer
    // itself, not only when the live stream's change arrives, which a stream still connecting can delay.
    ...(withThread ? [queryClient.invalidateQueries({ queryKey: inboxKeys.thread(id) })] : []),
  ]);
}
