// Drafts on the server: a staff member's unsent text in a conversation's box follows them to another
// device (the desk's computer, a tablet at the door, a colleague's computer after signing in there). The
// browser keeps the draft first (components/inbox/reply-drafts.ts) and sends each change here a moment
// later; the latest one sent is the draft. Only its author ever reads it, and only within their
// properties. Clearing it (sent, scheduled, saved as a note, emptied) keeps the row without text, so
// a device that holds an older copy learns that it is gone, by the row's time, not by its own clock.
import { z } from "zod";
import { Prisma } from "../generated/prisma/client";
import type { Viewer } from "../auth/guard";
import { db } from "../db";
import { conversationNotFound, parseConversationId } from "./get-conversation";
import { draftImageSchema, type DraftImage, type SaveDraftInput, type SavedDraft } from "./schemas";
import { propertyScopeSql } from "./scope-sql";

/** A draft untouched this long is dropped, as the browser's copy is (DRAFT_TTL_MS there). */
export const DRAFT_TTL_DAYS = 14;

type Row = { conversation_id: string; mode: string | null; content: string | null; images: unknown; saved_at: Date | null };

export async function getDraft(viewer: Viewer, conversationId: string): Promise<SavedDraft> {
  const id = parseConversationId(conversationId);
  const [row] = await db().$queryRaw<Row[]>`
    select c.id as conversation_id, d.mode, d.content, d.images, d.saved_at
    from conversations c
    left join reply_drafts d on d.conversation_id = c.id and d.user_id = ${viewer.id}::uuid and d.saved_at > now() - make_interval(days => ${DRAFT_TTL_DAYS})
    where c.id = ${id}::uuid and ${propertyScopeSql(viewer, Prisma.sql`c.property_id`)}`;
  if (!row) throw conversationNotFound();
  return toSavedDraft(row);
}

/** Saves what the box holds now (no text and no images: clears it); answers with the draft's new time. */
export async function saveDraft(viewer: Viewer, conversationId: string, input: SaveDraftInput): Promise<{ savedAt: string }> {
  const id = parseConversationId(conversationId);
  const empty = input.text.trim() === "" && input.images.length === 0;
  const [row] = await db().$queryRaw<{ saved_at: Date }[]>`
    insert into reply_drafts (user_id, conversation_id, mode, content, images, saved_at)
    select ${viewer.id}::uuid, c.id, ${input.mode}, ${empty ? "" : input.text}, ${JSON.stringify(empty ? [] : input.images)}::jsonb, now()
    from conversations c where c.id = ${id}::uuid and ${propertyScopeSql(viewer, Prisma.sql`c.property_id`)}
    on conflict (user_id, conversation_id) do update set mode = excluded.mode, content = excluded.content, images = excluded.images, saved_at = excluded.saved_at
    returning saved_at`;
  if (!row) throw conversationNotFound();
  return { savedAt: row.saved_at.toISOString() };
}

/**
 * What the box held has gone out (a reply sent or scheduled, a note saved): the draft is cleared, on
 * the server too, whatever the browser manages to tell afterwards. Called once the scope is checked.
 */
export async function clearDraft(viewer: Viewer, conversationId: string): Promise<void> {
  await db().$executeRaw`
    update reply_drafts set content = '', images = '[]'::jsonb, saved_at = now()
    where user_id = ${viewer.id}::uuid and conversation_id = ${conversationId}::uuid and (content <> '' or images <> '[]'::jsonb)`;
}

/** The conversations in which this staff member has a draft (the list's "Draft" on every device). */
export async function listDraftConversationIds(viewer: Viewer): Promise<{ conversationIds: string[] }> {
  const rows = await db().$queryRaw<{ conversation_id: string }[]>`
    select d.conversation_id from reply_drafts d join conversations c on c.id = d.conversation_id
    where d.user_id = ${viewer.id}::uuid and (d.content <> '' or d.images <> '[]'::jsonb)
      and d.saved_at > now() - make_interval(days => ${DRAFT_TTL_DAYS})
      and ${propertyScopeSql(viewer, Prisma.sql`c.property_id`)}
    order by d.saved_at desc
    limit ${LIST_LIMIT}`;
  return { conversationIds: rows.map((row) => row.conversation_id) };
}

/** More open drafts than anyone keeps; the list marks the newest ones. */
const LIST_LIMIT = 500;

// What the column holds was written through saveDraftBody; read defensively all the same.
const storedImages = z.array(draftImageSchema).catch([]);

function toSavedDraft(row: Row): SavedDraft {
  if (row.saved_at === null) return { draft: null, savedAt: null };
  const mode = row.mode === "note" ? "note" : "reply";
  const images: DraftImage[] = mode === "reply" ? storedImages.parse(row.images) : [];
  const text = row.content ?? "";
  return { draft: text.trim() === "" && images.length === 0 ? null : { mode, text, images }, savedAt: row.saved_at.toISOString() };
}
