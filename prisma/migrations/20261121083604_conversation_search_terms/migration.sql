-- Conversation-level search without touching the messages at read time: every word a staff member can
-- search a conversation by, its guest name and reservation number (its search_vector) and the words of
-- every message it ever had (their search_vector), unaccented, positions stripped, GIN-indexed. The
-- inbox search (lib/inbox/list-conversations.ts) walks the conversations in list order checking each
-- one's words, or for a rare word collects the matches from the GIN index. A query's words may come
-- from different messages and from the name ("ana parking").
--
-- The words are kept in chunks (one row each, "chunk" 0, 1, ...), and a new message adds only the
-- words the last chunk does not have yet: to that chunk while it stays within 32 words, else as a new
-- chunk (larger only when one statement brings more new words than that). One row per
-- conversation would be simpler, but every update of a row re-inserts ALL its words into the GIN index:
-- measured, 100-message batches into conversations of ~1,000 distinct words went from 17 ms to 250 ms.
-- With chunks an update costs at most 32 words, whatever the thread's length, and nothing at all when
-- the message brought no new word. Most conversations have one chunk. 32 rather than 128 words: in
-- bench/sync.ts (messages that each bring a new word, 200 per conversation) 128-word chunks made the
-- queue store 38 ms per 100 messages, 32-word chunks 13.5 ms, and search stayed under 20 ms p95.
--
-- Its own table rather than a column of "conversations": every conversation update (a new message, a
-- read tag, the change sequence) rewrites the conversation row, those updates are never HOT, and the
-- conversations table has nine indexes and the live-update NOTIFY trigger.
--
-- Maintained entirely in SQL by triggers, so every write path (the sync engine's batch
-- INSERT ... ON CONFLICT DO NOTHING, Prisma creates, seeds, tests) keeps it exact:
--   conversations INSERT   statement-level with a transition table: the name and reference words.
--   conversations UPDATE   of guest name or reference, row-level behind a WHEN clause: recomputed.
--   messages INSERT        statement-level with a transition table (ON CONFLICT DO NOTHING leaves the
--                          skipped rows out of it), one upsert per statement grouped by conversation.
--   messages DELETE        statement-level: the conversations concerned are recomputed.
--   messages UPDATE        of content or conversation, row-level behind a WHEN clause, so the frequent
--                          updates of read tags and send states cost nothing (content never changes
--                          today, this is a safety net).
-- Prisma's WASM migration runner splits the file at every semicolon, even inside quotes and comments,
-- so the plpgsql bodies are E'' strings that write their semicolons as \073 and no comment holds one.

-- The union of tsvectors (tsvector_concat as an aggregate).
CREATE AGGREGATE bellhop_tsvector_agg(tsvector) (SFUNC = tsvector_concat, STYPE = tsvector, INITCOND = '');

-- CreateTable
CREATE TABLE "conversation_search_terms" (
    "conversation_id" UUID NOT NULL,
    "chunk" INTEGER NOT NULL,
    "terms" tsvector NOT NULL,

    CONSTRAINT "conversation_search_terms_pkey" PRIMARY KEY ("conversation_id","chunk")
);

-- AddForeignKey
ALTER TABLE "conversation_search_terms" ADD CONSTRAINT "conversation_search_terms_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Rewrites the chunks of the given conversations from scratch (those that no longer exist get none).
CREATE FUNCTION bellhop_refresh_conversation_terms(ids uuid[]) RETURNS void LANGUAGE sql AS E'
  DELETE FROM conversation_search_terms WHERE conversation_id = ANY(ids)\073
  INSERT INTO conversation_search_terms (conversation_id, chunk, terms)
  SELECT w.conversation_id, (w.n - 1) / 32, array_to_tsvector(array_agg(w.word))
    FROM (SELECT c.id AS conversation_id, x.word, x.n
            FROM conversations c
            CROSS JOIN LATERAL unnest(tsvector_to_array(strip(coalesce(c.search_vector, ''''::tsvector) || coalesce(
              (SELECT bellhop_tsvector_agg(strip(m.search_vector)) FROM messages m WHERE m.conversation_id = c.id), ''''::tsvector))))
              WITH ORDINALITY AS x(word, n)
           WHERE c.id = ANY(ids)) w
   GROUP BY w.conversation_id, (w.n - 1) / 32
   ORDER BY 1, 2
';

-- Backfill from what is already stored (set-based: one pass over the messages).
INSERT INTO "conversation_search_terms" ("conversation_id", "chunk", "terms")
SELECT w."conversation_id", (w.n - 1) / 32, array_to_tsvector(array_agg(w.word))
  FROM (SELECT c."id" AS "conversation_id", x.word, x.n
          FROM "conversations" c
          LEFT JOIN (SELECT "conversation_id", bellhop_tsvector_agg(strip("search_vector")) AS "terms" FROM "messages" GROUP BY "conversation_id") m
            ON m."conversation_id" = c."id"
          CROSS JOIN LATERAL unnest(tsvector_to_array(strip(coalesce(c."search_vector", ''::tsvector) || coalesce(m."terms", ''::tsvector))))
            WITH ORDINALITY AS x(word, n)) w
 GROUP BY w."conversation_id", (w.n - 1) / 32;

CREATE INDEX "conversation_search_terms_terms_idx" ON "conversation_search_terms" USING GIN ("terms");
-- The conversations with more than one chunk (a query's words may then sit in different rows).
CREATE INDEX "conversation_search_terms_chunked_idx" ON "conversation_search_terms" ("conversation_id") WHERE "chunk" > 0;

-- Adds words to conversations: the words its last chunk does not have yet, appended to that chunk while
-- it stays within 32 words, else as a new chunk. Checking only the last chunk keeps this cheap (a word
-- already in an older chunk of a long thread may be stored again, which only costs space). One
-- statement for any number of conversations. ORDER BY takes the row locks in one order, so concurrent
-- batches cannot deadlock on these rows, and two of them racing for one conversation at worst store a
-- word twice.
CREATE FUNCTION bellhop_add_conversation_terms(conversation_ids uuid[], additions tsvector[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO conversation_search_terms AS t (conversation_id, chunk, terms)
  SELECT f.conversation_id,
         CASE WHEN f.last_chunk IS NULL THEN 0 WHEN f.last_size + length(f.fresh) <= 32 THEN f.last_chunk ELSE f.last_chunk + 1 END,
         f.fresh
    FROM (SELECT a.conversation_id, l.chunk AS last_chunk, length(l.terms) AS last_size,
                 ts_delete(strip(a.terms), tsvector_to_array(coalesce(l.terms, ''::tsvector))) AS fresh
            FROM unnest(conversation_ids, additions) AS a(conversation_id, terms)
            LEFT JOIN LATERAL (SELECT o.chunk, o.terms FROM conversation_search_terms o WHERE o.conversation_id = a.conversation_id
                                ORDER BY o.chunk DESC LIMIT 1) l ON true) f
   WHERE length(f.fresh) > 0
   ORDER BY 1, 2
  ON CONFLICT (conversation_id, chunk) DO UPDATE SET terms = strip(t.terms || excluded.terms)
$$;

-- New conversations: their name and reference.
CREATE FUNCTION bellhop_conversation_terms_insert() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM bellhop_add_conversation_terms(array_agg(id ORDER BY id), array_agg(coalesce(search_vector, ''''::tsvector) ORDER BY id))
     FROM inserted\073
  RETURN NULL\073
END';

CREATE TRIGGER "conversations_search_terms_insert" AFTER INSERT ON "conversations"
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION bellhop_conversation_terms_insert();

-- New messages: their words, grouped by conversation.
CREATE FUNCTION bellhop_message_terms_insert() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM bellhop_add_conversation_terms(array_agg(g.conversation_id ORDER BY g.conversation_id), array_agg(g.terms ORDER BY g.conversation_id))
     FROM (SELECT conversation_id, bellhop_tsvector_agg(strip(search_vector)) AS terms FROM inserted GROUP BY conversation_id) g\073
  RETURN NULL\073
END';

CREATE TRIGGER "messages_search_terms_insert" AFTER INSERT ON "messages"
  REFERENCING NEW TABLE AS inserted
  FOR EACH STATEMENT EXECUTE FUNCTION bellhop_message_terms_insert();

-- Deleted messages (the duplicate copy of one of our own replies, or a cascade from a deleted
-- conversation, whose chunks are then gone already): recompute the conversations concerned.
CREATE FUNCTION bellhop_message_terms_delete() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM bellhop_refresh_conversation_terms(array_agg(DISTINCT d.conversation_id))
     FROM deleted d WHERE EXISTS (SELECT 1 FROM conversations c WHERE c.id = d.conversation_id)\073
  RETURN NULL\073
END';

CREATE TRIGGER "messages_search_terms_delete" AFTER DELETE ON "messages"
  REFERENCING OLD TABLE AS deleted
  FOR EACH STATEMENT EXECUTE FUNCTION bellhop_message_terms_delete();

-- A renamed guest, a changed reference, or a stored message whose content or conversation changed:
-- recompute the conversations concerned.
CREATE FUNCTION bellhop_conversation_terms_recompute() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  IF TG_TABLE_NAME = ''conversations'' THEN
    PERFORM bellhop_refresh_conversation_terms(ARRAY[NEW.id])\073
  ELSE
    PERFORM bellhop_refresh_conversation_terms(ARRAY[OLD.conversation_id, NEW.conversation_id])\073
  END IF\073
  RETURN NULL\073
END';

CREATE TRIGGER "conversations_search_terms_update" AFTER UPDATE OF "guest_name", "reference" ON "conversations"
  FOR EACH ROW WHEN (OLD."guest_name" IS DISTINCT FROM NEW."guest_name" OR OLD."reference" IS DISTINCT FROM NEW."reference")
  EXECUTE FUNCTION bellhop_conversation_terms_recompute();

CREATE TRIGGER "messages_search_terms_update" AFTER UPDATE OF "content", "conversation_id" ON "messages"
  FOR EACH ROW WHEN (OLD."content" IS DISTINCT FROM NEW."content" OR OLD."conversation_id" IS DISTINCT FROM NEW."conversation_id")
  EXECUTE FUNCTION bellhop_conversation_terms_recompute();

-- Search reads conversation_search_terms now, never the search_vector columns through an index: drop
-- their GIN indexes, which only cost every message insert and every (never HOT) conversation update.
-- The columns stay: the terms are built from them.
DROP INDEX IF EXISTS "messages_search_vector_idx";
DROP INDEX IF EXISTS "conversations_search_vector_idx";
