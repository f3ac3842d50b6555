-- The words of a connection test's result (a key of the server catalogue and its values), so the
-- settings page says it in each admin's language, as it was found. last_test_message keeps the English.
ALTER TABLE "booking_connections" ADD COLUMN "last_test_words" JSONB;
