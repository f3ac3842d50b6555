// Presence: which other staff members have a conversation open right now, and whether they are writing
// a reply, so two people do not answer the same guest twice (product.md, "two staff answering the same
// guest"). Each browser tab with a thread open says so every PRESENCE_HEARTBEAT_MS; a row counts until
// PRESENCE_TTL_MS after its last heartbeat, so a tab that crashed or went offline drops out by itself
// (the browser re-reads presence when the soonest row is due to expire: `refreshInMs`).
// Stored in Postgres, not in this process's memory, so staff on different server instances see each
// other; every change that matters is announced by a trigger on `bellhop_presence` (see the migration).
import { Prisma } from "../generated/prisma/client";
import type { Viewer } from "../auth/guard";
import { queryRows } from "../sql-pool";
import { conversationNotFound, parseConversationId } from "./get-conversation";
import { PRESENCE_TTL_MS } from "./presence-timing";
import type { ConversationPresence, PresenceActivity, PresenceInScope } from "./schemas";
import { propertyScopeSql } from "./scope-sql";

/** Rows of tabs that never said goodbye are deleted this long after they expired. */
const STALE_AFTER_MS = 60 * 60_000;

type PresenceRow = { conversation_id: string; user_id: string | null; name: string | null; activity: PresenceActivity | null; refresh_in_ms: number | null };

/** The others who have the conversation open (never the viewer, in any of their tabs). 404 outside the scope. */
export async function getPresence(viewer: Viewer, conversationId: string): Promise<ConversationPresence> {
  const id = parseConversationId(conversationId);
  // One round trip: the scope check and the presence rows (no row: not visible; one all-null row: alone).
  const rows = await queryRows<PresenceRow>(Prisma.sql`
    select c.id as conversation_id, p.user_id, u.name, p.activity::text as activity,
      ceil(extract(epoch from (p.expires_at - now())) * 1000)::int as refresh_in_ms
    from conversations c
    left join lateral (
      -- One line per colleague: "replying" wins over "viewing" across their tabs.
      select distinct on (p.user_id) p.user_id, p.activity, p.expires_at
      from conversation_presence p
      where p.conversation_id = c.id and p.user_id <> ${viewer.id}::uuid and p.expires_at > now()
      order by p.user_id, (p.activity = 'replying') desc, p.expires_at
    ) p on true
    left join users u on u.id = p.user_id and u.active
    where c.id = ${id}::uuid and ${propertyScopeSql(viewer, Prisma.sql`c.property_id`)}`);
  if (rows.length === 0) throw conversationNotFound();
  return toPresence(rows);
}

/**
 * Who is where, across every conversation the viewer may see, for the list's rows ("Sam is writing a
 * reply" on the row, before anyone opens the thread). One query whatever the list shows: the presence
 * table only holds the tabs open right now, a few per staff member, so this stays small and leaves the
 * list queries (and their indexes) alone.
 */
export async function listPresenceInScope(viewer: Viewer): Promise<PresenceInScope> {
  const rows = await queryRows<PresenceRow>(Prisma.sql`
    select p.conversation_id, p.user_id, u.name, p.activity::text as activity,
      ceil(extract(epoch from (p.expires_at - now())) * 1000)::int as refresh_in_ms
    from (
      select distinct on (p.conversation_id, p.user_id) p.conversation_id, p.user_id, p.activity, p.expires_at
      from conversation_presence p
      where p.user_id <> ${viewer.id}::uuid and p.expires_at > now()
      order by p.conversation_id, p.user_id, (p.activity = 'replying') desc, p.expires_at
    ) p
    join conversations c on c.id = p.conversation_id
    join users u on u.id = p.user_id and u.active
    where ${propertyScopeSql(viewer, Prisma.sql`c.property_id`)}`);
  const rowsByConversation = new Map<string, PresenceRow[]>();
  for (const row of rows) {
    const group = rowsByConversation.get(row.conversation_id) ?? [];
    group.push(row);
    rowsByConversation.set(row.conversation_id, group);
  }
  const byConversation: PresenceInScope["conversations"] = {};
  let refreshInMs: number | null = null;
  for (const [conversationId, group] of rowsByConversation) {
    const presence = toPresence(group);
    byConversation[conversationId] = presence.others;
    if (presence.refreshInMs !== null) refreshInMs = Math.min(refreshInMs ?? Infinity, presence.refreshInMs);
  }
  return { conversations: byConversation, refreshInMs };
}

/** A heartbeat from one of the viewer's tabs; answers with the others, like getPresence. */
export async function recordPresence(viewer: Viewer, conversationId: string, input: { tabId: string; activity: PresenceActivity }): Promise<ConversationPresence> {
  const id = parseConversationId(conversationId);
  // Written only if the conversation is in the viewer's scope: no row inserted means 404.
  const written = await queryRows<{ conversation_id: string }>(Prisma.sql`
    insert into conversation_presence (conversation_id, user_id, tab_id, activity, expires_at, updated_at)
    select c.id, ${viewer.id}::uuid, ${input.tabId}::uuid, ${input.activity}::"PresenceActivity",
      now() + make_interval(secs => ${PRESENCE_TTL_MS / 1000}), now()
    from conversations c
    where c.id = ${id}::uuid and ${propertyScopeSql(viewer, Prisma.sql`c.property_id`)}
    on conflict (conversation_id, user_id, tab_id) do update
      set activity = excluded.activity, expires_at = excluded.expires_at, updated_at = excluded.updated_at
    returning conversation_id`);
  if (written.length === 0) throw conversationNotFound();
  await deleteStalePresence();
  return getPresence(viewer, id);
}

/** The tab closed the thread (or the page). Idempotent: leaving twice, or after expiry, is fine. 404 outside the scope. */
export async function leavePresence(viewer: Viewer, conversationId: string, tabId: string): Promise<{ left: boolean }> {
  const id = parseConversationId(conversationId);
  const [row] = await queryRows<{ visible: boolean; left: boolean }>(Prisma.sql`
    with visible as (
      select c.id from conversations c where c.id = ${id}::uuid and ${propertyScopeSql(viewer, Prisma.sql`c.property_id`)}
    ), gone as (
      delete from conversation_presence p using visible v
      where p.conversation_id = v.id and p.user_id = ${viewer.id}::uuid and p.tab_id = ${tabId}::uuid
      returning p.tab_id
    )
    select exists (select 1 from visible) as visible, exists (select 1 from gone) as left`);
  if (!row?.visible) throw conversationNotFound();
  return { left: row.left };
}

/**
 * Tabs that vanished without leaving (a crash, a lost network) leave a row behind; it no longer counts
 * once expired, and is deleted here, a bounded batch at a time, on the heartbeats of whoever is online.
 */
async function deleteStalePresence(): Promise<void> {
  await queryRows(Prisma.sql`
    delete from conversation_presence
    where ctid = any(array(
      select ctid from conversation_presence
      where expires_at < now() - make_interval(secs => ${STALE_AFTER_MS / 1000})
      limit 100))`);
}

function toPresence(rows: PresenceRow[]): ConversationPresence {
  const others: ConversationPresence["others"] = [];
  let refreshInMs: number | null = null;
  for (const row of rows) {
    if (!row.user_id || !row.name || !row.activity) continue;
    others.push({ userId: row.user_id, name: row.name, activity: row.activity });
    if (row.refresh_in_ms !== null) refreshInMs = Math.max(0, Math.min(refreshInMs ?? Infinity, row.refresh_in_ms));
  }
  others.sort((a, b) => a.name.localeCompare(b.name));
  return { others, refreshInMs };
}
