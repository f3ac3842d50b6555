// Presence timing, shared by the server (lib/inbox/presence.ts) and the browser (use-presence.ts) and
// kept in its own module so the browser bundle does not pull in the server's imports.

/** How often a tab with a thread open says it is still there. */
export const PRESENCE_HEARTBEAT_MS = 15_000;
/** A presence counts this long after its last heartbeat: three heartbeats, so one lost request does not make a colleague flicker out. */
export const PRESENCE_TTL_MS = 45_000;
