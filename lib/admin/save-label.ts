// The team's labels, kept by admins on the settings page (every staff member puts them on
// conversations: lib/inbox/labels.ts). Each change is audited in its own transaction.
// Deleting a label takes it off every conversation in the same transaction, so no row is left naming
// a label that is gone; each of those rows fires its change trigger, so open inboxes drop the chip.
import { AppError } from "../api/errors";
import type { Viewer } from "../auth/guard";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { LABELS_MAX, type Label } from "../inbox/label-colors";
import type { LabelInput } from "./label.validation";
import { recordAudit } from "./record-audit";

const select = { id: true, name: true, color: true } satisfies Prisma.LabelSelect;

export async function createLabel(viewer: Viewer, input: LabelInput): Promise<Label> {
  return withNameUnique(input.name, () =>
    db().$transaction(async (tx) => {
      // Counted under a lock that keeps out every other writer of labels until this commits: two admins
      // adding the 50th label at once cannot both pass. (Putting a label on a conversation only reads it.)
      await tx.$executeRaw`lock table labels in share row exclusive mode`;
      if ((await tx.label.count()) >= LABELS_MAX) {
        throw AppError.worded("validation_failed", "labels.teamFull", { values: { max: LABELS_MAX }, fields: { name: { key: "labels.atMost", values: { max: LABELS_MAX } } } });
      }
      const label = await tx.label.create({ data: input, select });
      await recordAudit(tx, viewer, { action: "label.create", targetType: "label", targetId: label.id, after: label });
      return label;
    }),
  );
}

export async function updateLabel(viewer: Viewer, labelId: string, input: LabelInput): Promise<Label> {
  return withNameUnique(input.name, () =>
    db().$transaction(async (tx) => {
      const before = await tx.label.findUnique({ where: { id: labelId }, select });
      if (!before) throw AppError.worded("not_found", "labels.notFound");
      const label = await tx.label.update({ where: { id: labelId }, data: input, select });
      await recordAudit(tx, viewer, { action: "label.update", targetType: "label", targetId: label.id, before, after: label });
      return label;
    }),
  );
}

/** Deletes the label and takes it off every conversation, with a line in each thread; returns how many had it. */
export async function deleteLabel(viewer: Viewer, labelId: string): Promise<{ conversations: number }> {
  return db().$transaction(async (tx) => {
    // Deleted first: someone putting this label on a conversation holds the label's row FOR SHARE
    // (lib/inbox/labels.ts), so either they finished before, and the update below sees their
    // conversation, or they wait for this commit and then find no label.
    const [before] = await tx.$queryRaw<Label[]>`delete from labels where id = ${labelId}::uuid returning id::text as id, name, color::text as color`;
    if (!before) throw AppError.worded("not_found", "labels.notFound");
    // Each thread it was on keeps a line saying it went, as taking it off by hand does.
    const conversations = await tx.$executeRaw`
      with taken as (
        update conversations set label_ids = array_remove(label_ids, ${labelId}::uuid) where label_ids @> array[${labelId}::uuid] returning id
      )
      insert into conversation_activity (conversation_id, actor_id, kind, label_name)
      select id, ${viewer.id}::uuid, 'unlabelled', ${before.name} from taken`;
    await recordAudit(tx, viewer, { action: "label.delete", targetType: "label", targetId: labelId, before: { ...before, conversations } });
    return { conversations };
  });
}

/** A name taken by another label, whatever its case (labels_name_lower_key), is the admin's to fix: a 409 on the field. */
async function withNameUnique<T>(name: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw AppError.worded("conflict", "labels.nameTaken", { values: { name }, fields: { name: { key: "labels.nameTakenField" } } });
    }
    throw error;
  }
}
