// Patches to the cached list pages, so the list reacts to the staff member's own action before the
// refetch that confirms it.
import type { InfiniteData, QueryClient } from "@tanstack/react-query";
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
