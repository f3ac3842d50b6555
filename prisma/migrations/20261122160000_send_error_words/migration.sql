-- The words of why a reply or an outbound action failed (a key of the server catalogue and its values),
-- so the thread and the sync health say it in each reader's language. send_error and last_error keep
-- the English, and stay the only text when a reason has no words (a failure of our own process).
ALTER TABLE "messages" ADD COLUMN "send_error_words" JSONB;
ALTER TABLE "outbound_actions" ADD COLUMN "last_error_words" JSONB;
