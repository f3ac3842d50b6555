// Assignment: the team gives a conversation to one staff member, as shared inboxes do. Like snooze it is
// a conversation-level state shared by everyone and local to Bellhop (Booking.com has no assignment), so
// no outbound job carries it anywhere; updating the row fires the change trigger, so every open inbox
// hears it at once. Each real change leaves a line in the thread (conversation_activity), written by the
// same statement.
//
// The assignee can always see the conversation: only an active user who sees its property (an admin, or
// a staff member given it) can be assigned, and updateStaff clears a user's assignments in the
// transaction that deactivates them or takes a property away (clearLostAssignments below). The two
// meet on the user's row: assigning holds it FOR SHARE while it checks and writes, and updateStaff
// updates that row before it changes access, so whichever commits second sees the other's change.
import { AppError, type ErrorWords } from "../api/errors";
import { assertPropertyAccess, type Viewer } from "../auth/guard";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { findScopedConversation } from "./get-conversation";
import type { Assignee } from "./schemas";

/** `userId` null: unassign. Assigning it to whoever already has it changes nothing (and notifies nobody). */
export async function assignConversation(viewer: Viewer, conversationId: string, input: { userId: string | null }): Promise<{ assignee: Assignee | null }> {
  const conversation = await findScopedConversation(viewer, conversationId);
  const userId = input.userId;
  if (userId === null) {
    // The previous assignee is read under the row's lock, so the activity names who was unassigned.
    await db().$executeRaw`
      with previous as (
        select id, assignee_id from conversations where id = ${conversation.id}::uuid and assignee_id is not null for update
      ), cleared as (
        update conversations c set assignee_id = null, assigned_at = null
        from previous p where c.id = p.id
        returning c.id, p.assignee_id
      )
      insert into conversation_activity (conversation_id, actor_id, kind, subject_id)
      select id, ${viewer.id}::uuid, 'unassigned', assignee_id from cleared`;
    return { assignee: null };
  }
  return db().$transaction(async (tx) => {
    // Locked first, so a concurrent deactivation or change of access waits for this assignment to
    // commit and then clears it, or has committed already and is seen by the checks below (each
    // statement of a READ COMMITTED transaction reads what was committed before it started).
    const [user] = await tx.$queryRaw<{ id: string; name: string; role: string; active: boolean }[]>`
      select id::text as id, name, role::text as role, active from users where id = ${userId}::uuid for share`;
    if (!user) throw refused({ key: "assign.noSuchUser" });
    if (!user.active) throw refused({ key: "assign.deactivated", values: { name: user.name } });
    if (user.role !== "admin") {
      const access = await tx.propertyAccess.findUnique({ where: { userId_propertyId: { userId, propertyId: conversation.propertyId } }, select: { userId: true } });
      if (!access) throw refused({ key: "assign.noAccess", values: { name: user.name, property: conversation.property.name } });
    }
    await tx.$executeRaw`
      with assigned as (
        update conversations set assignee_id = ${userId}::uuid, assigned_at = now()
        where id = ${conversation.id}::uuid and assignee_id is distinct from ${userId}::uuid
        returning id
      )
      insert into conversation_activity (conversation_id, actor_id, kind, subject_id)
      select id, ${viewer.id}::uuid, 'assigned', ${userId}::uuid from assigned`;
    return { assignee: { id: user.id, name: user.name } };
  });
}

/** Who the conversation may be assigned to (active, and sees its property), by name, for the picker. */
export async function listAssignees(viewer: Viewer, conversationId: string): Promise<{ assignees: Assignee[] }> {
  const conversation = await findScopedConversation(viewer, conversationId);
  return { assignees: await assigneesSeeingAll([conversation.propertyId]) };
}

/**
 * Who conversations of every one of these properties may be assigned to, for the bulk bar's picker: a
 * staff member who sees only some of them would be refused for the others. A property outside the
 * viewer's scope is a 404, as everywhere.
 */
export async function listAssigneesForProperties(viewer: Viewer, propertyIds: string[]): Promise<{ assignees: Assignee[] }> {
  const distinct = [...new Set(propertyIds)];
  for (const propertyId of distinct) assertPropertyAccess(viewer, propertyId);
  return { assignees: await assigneesSeeingAll(distinct) };
}

/** Active users who see every one of `propertyIds` (admins see all), by name. */
async function assigneesSeeingAll(propertyIds: string[]): Promise<Assignee[]> {
  const users = await db().user.findMany({
    where: { active: true, OR: [{ role: "admin" }, { AND: propertyIds.map((propertyId) => ({ access: { some: { propertyId } } })) }] },
    select: { id: true, name: true },
  });
  // Sorted here, not by the database, whose collation may be "C" (every capital before every small letter).
  return users.toSorted((a, b) => byName.compare(a.name, b.name) || (a.id < b.id ? -1 : 1));
}

const byName = new Intl.Collator("en", { sensitivity: "base" });

/**
 * Unassigns `userId` from every conversation they can no longer see: all of them once deactivated,
 * those of a property taken away from them. Run in the transaction that changed their account, after
 * the change; each conversation's activity says so, with the admin who made the change as its actor.
 * Uses the Mine view's index (assignee_id leads it).
 */
export async function clearLostAssignments(tx: Prisma.TransactionClient, userId: string, changedBy: Pick<Viewer, "id">): Promise<number> {
  return tx.$executeRaw`
    with cleared as (
      update conversations c set assignee_id = null, assigned_at = null
      where c.assignee_id = ${userId}::uuid and not exists (
        select 1 from users u
        where u.id = c.assignee_id and u.active
          and (u.role = 'admin' or exists (select 1 from property_access a where a.user_id = u.id and a.property_id = c.property_id)))
      returning c.id
    )
    insert into conversation_activity (conversation_id, actor_id, kind, subject_id)
    select id, ${changedBy.id}::uuid, 'assignment_cleared', ${userId}::uuid from cleared`;
}

function refused(problem: ErrorWords): AppError {
  return AppError.worded("validation_failed", "assign.refused", { values: { problem }, fields: { userId: problem } });
}
