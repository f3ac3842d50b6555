// Labels on conversations: the team's own words (VIP, Late arrival, Invoice), as shared inboxes have.
// Unlike a star they are everyone's: a label put on by one staff member shows on every colleague's row,
// leaves a line in the thread and can be filtered by. Like assignment they are Bellhop's alone
// (Booking.com has no such tag), so nothing goes to Booking.com. A conversation's labels live on its
// row (conversations.label_ids): updating it fires the change trigger, so every open inbox hears it.
// Admins keep the set of labels (lib/admin/save-label.ts).
import { AppError } from "../api/errors";
import type { Viewer } from "../auth/guard";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { findScopedConversation } from "./get-conversation";
import { LABELS_PER_CONVERSATION_MAX, type Label } from "./label-colors";

/** Every label, by name: any signed-in staff member may see the team's labels. */
export async function listLabels(): Promise<Label[]> {
  const labels = await db().label.findMany({ select: { id: true, name: true, color: true } });
  // Sorted here, not by the database, whose collation may be "C" (every capital before every small letter).
  return labels.toSorted((a, b) => byName.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
}

const byName = new Intl.Collator("en", { sensitivity: "base", numeric: true });

/**
 * Puts the label on the conversation (`applied`) or takes it off. Idempotent: a label already on (or
 * already off) changes nothing and leaves no line. Returns the conversation's labels afterwards.
 */
export async function setConversationLabel(viewer: Viewer, conversationId: string, input: { labelId: string; applied: boolean }): Promise<{ labelIds: string[] }> {
  const conversation = await findScopedConversation(viewer, conversationId);
  return db().$transaction(async (tx) => {
    // The label is held FOR SHARE until this commits: a concurrent delete (save-label.ts) waits, and
    // then takes it off this conversation too; or it went first, and the label is not found here.
    const [label] = await tx.$queryRaw<{ name: string }[]>`select name from labels where id = ${input.labelId}::uuid for share`;
    const [row] = await tx.$queryRaw<{ label_ids: string[] }[]>`
      select label_ids::text[] as label_ids from conversations where id = ${conversation.id}::uuid for update`;
    if (!row) throw AppError.worded("not_found", "conversations.notFound");
    const has = row.label_ids.includes(input.labelId);
    if (input.applied) {
      if (!label) throw AppError.worded("not_found", "labels.gone");
      if (has) return { labelIds: row.label_ids };
      if (row.label_ids.length >= LABELS_PER_CONVERSATION_MAX) {
        const max = LABELS_PER_CONVERSATION_MAX;
        throw AppError.worded("validation_failed", "labels.conversationFull", { values: { max }, fields: { labelId: { key: "labels.atMost", values: { max } } } });
      }
    } else if (!has || !label) {
      // Not on it (a label deleted meanwhile has been taken off every conversation already).
      return { labelIds: row.label_ids };
    }
    const [updated] = await tx.$queryRaw<{ label_ids: string[] }[]>`
      update conversations
      set label_ids = ${input.applied ? Prisma.sql`array_append(label_ids, ${input.labelId}::uuid)` : Prisma.sql`array_remove(label_ids, ${input.labelId}::uuid)`}
      where id = ${conversation.id}::uuid
      returning label_ids::text[] as label_ids`;
    await tx.conversationActivity.create({
      data: { conversationId: conversation.id, actorId: viewer.id, kind: input.applied ? "labelled" : "unlabelled", labelName: label.name },
    });
    return { labelIds: updated!.label_ids };
  });
}
