-- A staff member's own state of a conversation (read, starred) is announced on the `bellhop_viewer`
-- channel, with the user, the conversation and the new state (read, unread, starred, unstarred: a
-- conversation without a guest message is never unread) as payload, so their other tabs and devices
-- show it at once (lib/inbox/stream-conversation-events.ts sends it to that user's streams only). It
-- does not touch the conversation's row: that would announce a change to every colleague's inbox.
-- Prisma's WASM migration runner splits the file at every semicolon, even inside quotes, so the
-- plpgsql body is an E'' string that writes its semicolons as \073 and no comment holds one.
CREATE FUNCTION bellhop_notify_viewer_state() RETURNS trigger LANGUAGE plpgsql AS E'
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
  ELSE
    kind := ''read''\073
  END IF\073
  PERFORM pg_notify(''bellhop_viewer'', json_build_object(''userId'', changed.user_id, ''conversationId'', changed.conversation_id, ''state'', kind)::text)\073
  RETURN NULL\073
END';

CREATE TRIGGER "conversation_reads_notify_viewer" AFTER INSERT OR UPDATE OR DELETE ON "conversation_reads"
  FOR EACH ROW EXECUTE FUNCTION bellhop_notify_viewer_state();
CREATE TRIGGER "conversation_stars_notify_viewer" AFTER INSERT OR UPDATE OR DELETE ON "conversation_stars"
  FOR EACH ROW EXECUTE FUNCTION bellhop_notify_viewer_state();
