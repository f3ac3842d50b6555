// The inbox list's views and sorts. Kept apart from schemas.ts, which imports zod: the browser needs
// these names (the URL's ?view= and ?sort=) but not zod, which added 31 kB gzipped to the
// inbox's first load.

// Every view but "snoozed" leaves out the conversations snoozed right now; "snoozed" lists only them.
// "mine": the conversations assigned to the viewer. "starred": the ones the viewer starred (stars are
// each staff member's own).
export const INBOX_VIEWS = ["all", "mine", "starred", "unread", "needs_reply", "no_reply_needed", "snoozed"] as const;
export type InboxView = (typeof INBOX_VIEWS)[number];
export const INBOX_SORTS = ["recent", "waiting"] as const;
export type InboxSort = (typeof INBOX_SORTS)[number];
