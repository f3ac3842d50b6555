-- Who is looking at or answering a conversation right now (product.md: "two staff answering the same
-- guest: show who else is viewing or replying"). One row per browser tab with the conversation open,
-- kept alive by a heartbeat and treated as gone once `expires_at` has passed, so a tab that crashed
-- or lost its network disappears by itself. The rows are worth nothing after a crash, hence UNLOGGED:
-- no WAL for a write every few seconds per open tab, and emptied by crash recovery.
CREATE TYPE "PresenceActivity" AS ENUM ('viewing', 'replying');

CREATE UNLOGGED TABLE "conversation_presence" (
    "conversation_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "tab_id" UUID NOT NULL,
    "activity" "PresenceActivity" NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversation_presence_pkey" PRIMARY KEY ("conversation_id", "user_id", "tab_id")
);

CREATE INDEX "conversation_presence_expires_at_idx" ON "conversation_presence"("expires_at");

ALTER TABLE "conversation_presence" ADD CONSTRAINT "conversation_presence_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "conversation_presence" ADD CONSTRAINT "conversation_presence_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A row that appears, goes, changes activity or comes back after expiring is announced on the
-- `bellhop_presence` channel with its conversation and property, so each server process can tell the
-- browsers allowed to see that property (lib/inbox/stream-conversation-events.ts). A heartbeat that only
-- extends a live row is not announced: nothing changed for anyone watching.
-- Prisma's WASM migration runner splits the file at every semicolon, even inside quotes, so the
-- plpgsql body is an E'' string that writes its semicolons as \073 and no comment holds one.
CREATE FUNCTION bellhop_notify_presence_change() RETURNS trigger LANGUAGE plpgsql AS E'
DECLARE
  changed_conversation uuid\073
BEGIN
  IF TG_OP = ''DELETE'' THEN
    changed_conversation := OLD.conversation_id\073
  ELSE
    changed_conversation := NEW.conversation_id\073
  END IF\073
  PERFORM pg_notify(''bellhop_presence'', json_build_object(
    ''conversationId'', c.id, ''propertyId'', c.property_id)::text)
  FROM conversations c WHERE c.id = changed_conversation\073
  RETURN NULL\073
END';

CREATE TRIGGER "conversation_presence_notify" AFTER INSERT OR DELETE ON "conversation_presence"
  FOR EACH ROW EXECUTE FUNCTION bellhop_notify_presence_change();
CREATE TRIGGER "conversation_presence_notify_update" AFTER UPDATE ON "conversation_presence"
  FOR EACH ROW WHEN (OLD.activity IS DISTINCT FROM NEW.activity OR OLD.expires_at <= NEW.updated_at)
  EXECUTE FUNCTION bellhop_notify_presence_change();
