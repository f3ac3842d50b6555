-- "No reply needed" covers the guest's messages up to the moment it was set, not the ones after it.
-- no_reply_needed_through is the newest guest message the mark covers (null: none, e.g. a conversation
-- the property started). A guest message stored later and sent after it takes the mark away again, so
-- a new question never hides outside Needs reply (lib/sync/guest-wrote-again.ts). The column stays
-- after that, so the guest's wait is counted from the first message the mark did not cover. It is
-- cleared when someone takes the mark away by hand, in Bellhop or on Booking.com.
ALTER TABLE "conversations" ADD COLUMN "no_reply_needed_through" TIMESTAMPTZ(3);

-- Marks set before this column existed cover the guest messages stored when it was added.
UPDATE "conversations" c
   SET "no_reply_needed_through" = (SELECT max(m."sent_at") FROM "messages" m WHERE m."conversation_id" = c."id" AND m."sender_type" = 'guest')
 WHERE c."no_reply_needed";

-- The line the thread shows when that happens, with no actor.
ALTER TYPE "ConversationActivityKind" ADD VALUE 'reply_needed_guest_wrote';
