-- A change of a conversation says whether a guest wrote: its newest guest message is newer than before
-- (or it is new with one). The inbox then offers a desktop notification for it without guessing from
-- counts (components/inbox/use-guest-notifications.ts). OLD is NULL for an INSERT.
-- Prisma's WASM migration runner splits the file at every semicolon, even inside quotes, so the
-- plpgsql body is an E'' string that writes its semicolons as \073 and no comment holds one.
CREATE OR REPLACE FUNCTION bellhop_notify_conversation_change() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM pg_notify(''bellhop_changes'', json_build_object(
    ''conversationId'', NEW.id, ''propertyId'', NEW.property_id, ''seq'', NEW.change_seq,
    ''guestWrote'', NEW.last_guest_message_at IS NOT NULL
      AND (OLD.last_guest_message_at IS NULL OR NEW.last_guest_message_at > OLD.last_guest_message_at))::text)\073
  RETURN NULL\073
END';
