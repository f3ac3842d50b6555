// How many conversations one bulk action may name (lib/inbox/bulk-actions.ts): two of the list's pages.
// Apart from schemas.ts, which imports zod: the list's bulk bar needs the number, not zod.
export const BULK_MAX = 100;
