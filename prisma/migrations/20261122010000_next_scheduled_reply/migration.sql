-- The list shows a conversation with a reply scheduled for later (send later), so nobody answers the
-- guest a second time in the meantime. Kept on the row, as every other list column, by the same
-- summary refresh that runs whenever a conversation's messages change (lib/sync/conversation-summary.ts),
-- and read there through a partial index that holds only the scheduled replies.
ALTER TABLE "conversations" ADD COLUMN "next_scheduled_reply_at" TIMESTAMPTZ(3);

CREATE INDEX "messages_scheduled_idx" ON "messages" ("conversation_id", "sent_at") WHERE "send_state" = 'scheduled';

UPDATE "conversations" c SET "next_scheduled_reply_at" = s.at
  FROM (SELECT m.conversation_id, min(m.sent_at) AS at FROM "messages" m WHERE m.send_state = 'scheduled' GROUP BY m.conversation_id) s
 WHERE c.id = s.conversation_id;
