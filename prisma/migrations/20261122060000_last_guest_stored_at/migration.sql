-- When Bellhop stored a conversation's newest guest message, by its own clock. A staff member's read is
-- compared with this as well as with Booking.com's time of the message: a message stamped before the
-- read that reached Bellhop after it (the next queue poll, or a gap repaired by reconciliation) was
-- never seen, and must make the conversation unread again (lib/inbox/list-conversations.ts unreadSql).
-- Prisma's WASM migration runner splits the file at every semicolon, even inside quotes, so the
-- plpgsql body is an E'' string that writes its semicolons as \073 and no comment holds one.
ALTER TABLE "conversations" ADD COLUMN "last_guest_stored_at" TIMESTAMPTZ(3);

-- Filled for the conversations already stored, without announcing each row to open inboxes.
ALTER TABLE "conversations" DISABLE TRIGGER "conversations_notify";
UPDATE "conversations" c SET "last_guest_stored_at" = g.stored
  FROM (SELECT "conversation_id", max("stored_at") AS stored FROM "messages" WHERE "sender_type" = 'guest' GROUP BY "conversation_id") g
 WHERE c."id" = g."conversation_id";
ALTER TABLE "conversations" ENABLE TRIGGER "conversations_notify";

-- A guest wrote: a guest message was newly stored, whatever time Booking.com gave it (one found late
-- is news to the staff too), or the newest guest message moved on, as before.
CREATE OR REPLACE FUNCTION bellhop_notify_conversation_change() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM pg_notify(''bellhop_changes'', json_build_object(
    ''conversationId'', NEW.id, ''propertyId'', NEW.property_id, ''seq'', NEW.change_seq,
    ''guestWrote'', (NEW.last_guest_stored_at IS NOT NULL
        AND (OLD.last_guest_stored_at IS NULL OR NEW.last_guest_stored_at > OLD.last_guest_stored_at))
      OR (NEW.last_guest_message_at IS NOT NULL
        AND (OLD.last_guest_message_at IS NULL OR NEW.last_guest_message_at > OLD.last_guest_message_at)))::text)\073
  RETURN NULL\073
END';
