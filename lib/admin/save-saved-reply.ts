// Creates or edits a saved reply. Unknown placeholders are refused on the server too: a reply that
// says "{guest_nmae}" would reach a guest with the braces in it.
import { AppError, type ErrorWords } from "../api/errors";
import type { Viewer } from "../auth/guard";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { PLACEHOLDERS, renderReply } from "../inbox/placeholders";
import { savedReplyAuditView, savedReplySelect, toSavedReplyView, type SavedReplyView } from "./list-saved-replies";
import { recordAudit } from "./record-audit";
import type { SavedReplyInput } from "./saved-reply.validation";

export async function saveSavedReply(viewer: Viewer, replyId: string | null, input: SavedReplyInput): Promise<SavedReplyView> {
  const { unknown } = renderReply(input.body, {});
  if (unknown.length > 0) {
    // The placeholders are the template's own syntax, the same in every language: values, not words.
    const known = Object.keys(PLACEHOLDERS).map((name) => `{${name}}`).join(", ");
    const problem: ErrorWords = { key: "savedReplies.unknownPlaceholders", values: { count: unknown.length, unknown: unknown.map((name) => `{${name}}`).join(", "), known } };
    throw AppError.worded("validation_failed", "savedReplies.invalidBody", { values: { problem }, fields: { body: problem } });
  }
  return db().$transaction(async (tx) => {
    await assertScopeExists(tx, input.propertyId);
    const before = replyId ? await tx.savedReply.findUnique({ where: { id: replyId }, select: savedReplySelect }) : null;
    if (replyId && !before) throw AppError.worded("not_found", "savedReplies.notFound");
    if (before && input.propertyId !== null && before.welcomeFor.some((property) => property.id !== input.propertyId)) {
      throw AppError.worded("conflict", "savedReplies.welcomeElsewhere", { fields: { propertyId: { key: "savedReplies.welcomeElsewhereField" } } });
    }
    const data = { title: input.title, body: input.body, propertyId: input.propertyId };
    const row = before
      ? await tx.savedReply.update({ where: { id: before.id }, data, select: savedReplySelect })
      : await tx.savedReply.create({ data: { ...data, createdById: viewer.id }, select: savedReplySelect });
    await recordAudit(tx, viewer, {
      action: before ? "saved_reply.update" : "saved_reply.create",
      targetType: "saved_reply",
      targetId: row.id,
      before: before ? savedReplyAuditView(before) : undefined,
      after: savedReplyAuditView(row),
    });
    return toSavedReplyView(row);
  });
}

export async function deleteSavedReply(viewer: Viewer, replyId: string): Promise<void> {
  await db().$transaction(async (tx) => {
    const before = await tx.savedReply.findUnique({ where: { id: replyId }, select: savedReplySelect });
    if (!before) throw AppError.worded("not_found", "savedReplies.notFound");
    // Properties that used it as their welcome message stop sending one (onDelete: SetNull); the
    // audit entry names them so nobody wonders later why the welcome message stopped.
    await tx.savedReply.delete({ where: { id: replyId } });
    await recordAudit(tx, viewer, {
      action: "saved_reply.delete",
      targetType: "saved_reply",
      targetId: replyId,
      before: { ...savedReplyAuditView(before), welcomeForPropertyIds: before.welcomeFor.map((property) => property.id) },
    });
  });
}

async function assertScopeExists(tx: Prisma.TransactionClient, propertyId: string | null): Promise<void> {
  if (propertyId === null) return;
  if (!(await tx.property.findUnique({ where: { id: propertyId }, select: { id: true } }))) {
    throw AppError.worded("validation_failed", "savedReplies.noSuchProperty", { fields: { propertyId: { key: "savedReplies.chooseProperty" } } });
  }
}
