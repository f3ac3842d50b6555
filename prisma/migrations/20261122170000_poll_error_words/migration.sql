-- The words of a connection's last poll error (a key of the server catalogue and its values), so the
-- sync health says it in each admin's language. last_error keeps the English, and stays the only text
-- when the error has no words (a failure of our own process).
ALTER TABLE "booking_connections" ADD COLUMN "last_error_words" JSONB;
