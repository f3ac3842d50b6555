-- The team's definitions that every open inbox shows (for now the labels: names and colours) are
-- announced on the `bellhop_team` channel when they change, so open inboxes refetch them at once
-- instead of when their copy goes stale (lib/inbox/stream-conversation-events.ts sends it to every
-- stream: every staff member sees every label). One notification per statement, whatever it changed.
-- Prisma's WASM migration runner splits the file at every semicolon, even inside quotes, so the
-- plpgsql body is an E'' string that writes its semicolons as \073 and no comment holds one.
CREATE FUNCTION bellhop_notify_team() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM pg_notify(''bellhop_team'', json_build_object(''kind'', TG_ARGV[0])::text)\073
  RETURN NULL\073
END';

CREATE TRIGGER "labels_notify_team" AFTER INSERT OR UPDATE OR DELETE ON "labels"
  FOR EACH STATEMENT EXECUTE FUNCTION bellhop_notify_team('labels');
