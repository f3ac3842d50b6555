-- Assignment: at most one staff member per conversation, the team's and local to Bellhop (Booking.com
-- has no assignment, so nothing is sent anywhere).
--   assignee_id  who it is assigned to, null while unassigned (and when that user is deleted)
--   assigned_at  when it was assigned to them
-- The assignee can always see the conversation's property: the API refuses anyone else, and
-- lib/admin/update-staff.ts clears a user's assignments in the transaction that removes their access
-- or deactivates them. Every update of a conversation row bumps change_seq and sends NOTIFY
-- bellhop_changes (migration booking_data), so an assignment is live in every open browser without
-- anything added here.
-- Prisma's WASM migration runner splits the file at every semicolon, even inside comments, so no
-- comment here holds one.

-- AlterTable
ALTER TABLE "conversations" ADD COLUMN "assigned_at" TIMESTAMPTZ(3),
ADD COLUMN "assignee_id" UUID;

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_assignee_id_fkey" FOREIGN KEY ("assignee_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- An assignee always comes with its time. Not the converse: deleting the user sets only assignee_id
-- to null (ON DELETE SET NULL), which must not fail.
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_assignment_check"
  CHECK ("assignee_id" IS NULL OR "assigned_at" IS NOT NULL);

-- The Mine view (one user's conversations by recent activity, keyset paged), and the search for a
-- user's assignments when their access goes. Only assigned conversations are indexed, so it stays as
-- small as the number of assignments and costs unassigned rows nothing.
CREATE INDEX "conversations_assignee_idx" ON "conversations" ("assignee_id", "last_message_at" DESC, "id") WHERE "assignee_id" IS NOT NULL;
-- The Mine view under "longest waiting": the viewer's waiting assignments, longest waiting first. Without
-- it that segment walks the whole needs-reply index for someone with few of them (a generic plan of the
-- prepared statement does not know whose Mine it reads).
CREATE INDEX "conversations_assignee_waiting_idx" ON "conversations" ("assignee_id", "needs_reply_since", "id") WHERE "assignee_id" IS NOT NULL AND "needs_reply_since" IS NOT NULL;
