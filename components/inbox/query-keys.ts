// Query-key factory for the inbox: every cache entry hangs under ["inbox", …] so a live event can
// invalidate exactly what changed (one thread, the list pages) and nothing else.
import type { InboxSort, InboxView } from "@/lib/inbox/list-views";

/** `label`: only the conversations carrying this label (an id of GET /api/labels). */
export type ListFilters = { view: InboxView; sort: InboxSort; property: string | null; label: string | null; q: string };

export const inboxKeys = {
  all: ["inbox"] as const,
  lists: () => [...inboxKeys.all, "list"] as const,
  list: (filters: ListFilters) => [...inboxKeys.lists(), filters] as const,
  conversations: () => [...inboxKeys.all, "conversation"] as const,
  conversation: (id: string) => [...inboxKeys.conversations(), id] as const,
  thread: (id: string) => [...inboxKeys.all, "thread", id] as const,
  presenceAll: () => [...inboxKeys.all, "presence"] as const,
  presence: (id: string) => [...inboxKeys.presenceAll(), id] as const,
  /** Everyone's presence in the viewer's scope, for the list's rows. */
  presenceInScope: () => [...inboxKeys.presenceAll(), "in-scope"] as const,
  pendingSends: (id: string) => [...inboxKeys.all, "pending-sends", id] as const,
  /** The tabs' numbers: unread, and waiting for a reply. */
  counts: () => [...inboxKeys.all, "counts"] as const,
  savedReplies: (conversationId: string) => [...inboxKeys.all, "saved-replies", conversationId] as const,
  assignees: (conversationId: string) => [...inboxKeys.all, "assignees", conversationId] as const,
  /** Who conversations of all these properties (sorted, distinct) may be assigned to: the bulk bar's picker. */
  assigneesForProperties: (propertyIds: string[]) => [...inboxKeys.all, "assignees-for-properties", ...propertyIds] as const,
  /** The team's labels (names and colours), for chips, menus and the filter. */
  labels: () => [...inboxKeys.all, "labels"] as const,
  /** The staff member's own draft in a conversation, as the server keeps it (on any device). */
  draft: (conversationId: string) => [...inboxKeys.all, "draft", conversationId] as const,
  /** The conversations in which the staff member has a draft on the server. */
  drafts: () => [...inboxKeys.all, "drafts"] as const,
};
