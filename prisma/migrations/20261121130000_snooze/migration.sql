-- Snooze: a conversation-level state shared by the team, local to Bellhop (Booking.com has none).
--   snoozed_at     when it was snoozed, non-null while snoozed
--   snoozed_until  when it wakes by itself, null while snoozed means until the guest replies
--   snoozed_by     who snoozed it (kept null when that user is deleted)
-- A snooze whose snoozed_until has passed counts as over in every query, whatever the columns still say
-- (lib/inbox/list-conversations.ts), and the worker's housekeeping clears it shortly after, which fires
-- the change trigger so open inboxes hear that it woke. A stored guest message clears it at once
-- (lib/sync/store-queue.ts, lib/sync/store-messages.ts). Every update of a conversation row bumps
-- change_seq and sends NOTIFY bellhop_changes (migration booking_data), so setting or clearing a snooze
-- is live in every open browser without anything added here.
-- Not Postgres 'infinity' for "until the guest replies": Prisma cannot read it.
-- Prisma's WASM migration runner splits the file at every semicolon, even inside comments, so no
-- comment here holds one.

-- AlterTable
ALTER TABLE "conversations" ADD COLUMN "snoozed_at" TIMESTAMPTZ(3),
ADD COLUMN "snoozed_until" TIMESTAMPTZ(3),
ADD COLUMN "snoozed_by" UUID;

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_snoozed_by_fkey" FOREIGN KEY ("snoozed_by") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- A wake time or an author only while snoozed.
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_snooze_check"
  CHECK ("snoozed_at" IS NOT NULL OR ("snoozed_until" IS NULL AND "snoozed_by" IS NULL));

-- Only snoozed conversations are indexed, so both indexes stay as small as the number of snoozes.
-- The Snoozed view's dated part in wake order, and the housekeeping's search for expired snoozes.
CREATE INDEX "conversations_snoozed_until_idx" ON "conversations" ("snoozed_until", "id") WHERE "snoozed_at" IS NOT NULL;
-- The Snoozed view's until-the-guest-replies part, the latest snooze first.
CREATE INDEX "conversations_snoozed_open_idx" ON "conversations" ("snoozed_at" DESC, "id") WHERE "snoozed_at" IS NOT NULL AND "snoozed_until" IS NULL;
