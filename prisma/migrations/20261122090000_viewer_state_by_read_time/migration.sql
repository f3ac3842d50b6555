-- "Mark as unread" now moves the read back to just before the guest's newest message instead of
-- deleting it (lib/inbox/mark-conversation-read.ts), so an insert or update of a read can also make a
-- conversation unread. The state announced is the unread rule itself (lib/inbox/list-conversations.ts
-- unreadSql): unread when the guest's newest message, by either clock, is after the read. A deleted
-- read is unread when the guest wrote at all, as before. Stars are unchanged.
-- Prisma's WASM migration runner splits the file at every semicolon, even inside quotes, so the
-- plpgsql body is an E'' string that writes its semicolons as \073 and no comment holds one.
CREATE OR REPLACE FUNCTION bellhop_notify_viewer_state() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  changed record\073
  kind text\073
BEGIN
  IF TG_OP = ''DELETE'' THEN
    changed := OLD\073
  ELSE
    changed := NEW\073
  END IF\073
  IF TG_TABLE_NAME = ''conversation_stars'' THEN
    kind := CASE WHEN TG_OP = ''DELETE'' THEN ''unstarred'' ELSE ''starred'' END\073
  ELSIF TG_OP = ''DELETE'' AND EXISTS (SELECT 1 FROM conversations c WHERE c.id = changed.conversation_id AND c.last_guest_message_at IS NOT NULL) THEN
    kind := ''unread''\073
  ELSIF TG_OP <> ''DELETE'' AND EXISTS (
    SELECT 1 FROM conversations c WHERE c.id = changed.conversation_id AND c.last_guest_message_at IS NOT NULL
      AND greatest(c.last_guest_message_at, c.last_guest_stored_at) > changed.last_read_at) THEN
    kind := ''unread''\073
  ELSE
    kind := ''read''\073
  END IF\073
  PERFORM pg_notify(''bellhop_viewer'', json_build_object(''userId'', changed.user_id, ''conversationId'', changed.conversation_id, ''state'', kind)::text)\073
  RETURN NULL\073
END';
