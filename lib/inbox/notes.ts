// Internal notes: what staff write in a conversation for each other ("guest called, late check-in
// agreed"). They stay in Bellhop: never sent to Booking.com and not messages, so needs-reply, unread
// and the list's last message ignore them. The thread shows them among the messages, in time order
// (lib/inbox/list-thread-messages.ts).
// Writing or deleting a note touches the conversation row, so its change trigger tells every open
// inbox (the same live path as a new message) and other tabs refetch the thread.
import type pg from "pg";
import { AppError } from "../api/errors";
import type { Viewer } from "../auth/guard";
import { Prisma } from "../generated/prisma/client";
import { inSqlTransaction, queryRowsOn } from "../sql-pool";
import { clearDraft } from "./drafts";
import { conversationNotFound, parseConversationId } from "./get-conversation";
import { noteIdParam } from "./schemas";
import { propertyScopeSql } from "./scope-sql";

/**
 * Saves a note once per `clientKey`: the same key again (a double click, a retried request) answers
 * with the note already saved (`created: false`); a key used for another conversation or by another
 * staff member is a 409.
 */
export async function addNote(viewer: Viewer, conversationId: string, input: { content: string; clientKey: string }): Promise<{ noteId: string; created: boolean }> {
  const saved = await insertNote(viewer, conversationId, input);
  // The box's note is saved: its draft, on every device, goes.
  await clearDraft(viewer, parseConversationId(conversationId));
  return saved;
}

async function insertNote(viewer: Viewer, conversationId: string, input: { content: string; clientKey: string }): Promise<{ noteId: string; created: boolean }> {
  const id = parseConversationId(conversationId);
  return inSqlTransaction(async (client) => {
    const [row] = await queryRowsOn<{ conversation_id: string | null; note_id: string | null }>(
      client,
      Prisma.sql`
        with visible as (
          select c.id from conversations c where c.id = ${id}::uuid and ${propertyScopeSql(viewer, Prisma.sql`c.property_id`)}
        ), inserted as (
          insert into conversation_notes (conversation_id, author_id, content, client_key)
          select v.id, ${viewer.id}::uuid, ${input.content}, ${input.clientKey}::uuid from visible v
          on conflict (client_key) do nothing
          returning id
        )
        select (select id from visible) as conversation_id, (select id from inserted) as note_id`,
    );
    if (!row?.conversation_id) throw conversationNotFound();
    if (!row.note_id) {
      // The key is taken: by this very note (a repeat), or by something else (refused).
      const [existing] = await queryRowsOn<{ id: string; conversation_id: string; author_id: string | null }>(
        client,
        Prisma.sql`select id, conversation_id, author_id from conversation_notes where client_key = ${input.clientKey}::uuid`,
      );
      if (existing && existing.conversation_id === id && existing.author_id === viewer.id) return { noteId: existing.id, created: false };
      throw AppError.worded("conflict", "notes.keyTaken");
    }
    await touchConversation(client, id);
    return { noteId: row.note_id, created: true };
  });
}

/** Its author may delete a note, and so may an admin; other staff get a 403. Outside the scope: 404. */
export async function deleteNote(viewer: Viewer, conversationId: string, noteId: string): Promise<{ deleted: true }> {
  const id = parseConversationId(conversationId);
  const parsedNoteId = noteIdParam.safeParse(noteId);
  if (!parsedNoteId.success) throw noteNotFound();
  return inSqlTransaction(async (client) => {
    const [note] = await queryRowsOn<{ author_id: string | null }>(
      client,
      Prisma.sql`
        select n.author_id from conversation_notes n join conversations c on c.id = n.conversation_id
        where n.id = ${parsedNoteId.data}::uuid and n.conversation_id = ${id}::uuid and ${propertyScopeSql(viewer, Prisma.sql`c.property_id`)}
        for update of n`,
    );
    if (!note) throw noteNotFound();
    if (note.author_id !== viewer.id && viewer.role !== "admin") throw AppError.worded("forbidden", "notes.onlyAuthor");
    await queryRowsOn(client, Prisma.sql`delete from conversation_notes where id = ${parsedNoteId.data}::uuid`);
    await touchConversation(client, id);
    return { deleted: true as const };
  });
}

/** Fires the conversation's change trigger (a new change_seq and a notification), changing nothing else. */
async function touchConversation(client: pg.PoolClient, conversationId: string): Promise<void> {
  await queryRowsOn(client, Prisma.sql`update conversations set updated_at = now() where id = ${conversationId}::uuid`);
}

function noteNotFound(): AppError {
  return AppError.worded("not_found", "notes.notFound");
}
