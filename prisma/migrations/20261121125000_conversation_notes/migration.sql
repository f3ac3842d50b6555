-- Internal notes: staff write them in a conversation for each other ("guest called, late check-in
-- agreed"). They are Bellhop's own: never sent to Booking.com, never a message, so they change
-- neither needs-reply, unread nor the list's last message. `client_key` is made by the browser, so a
-- double click or a retried request stores one note.
CREATE TABLE "conversation_notes" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "conversation_id" UUID NOT NULL,
    "author_id" UUID,
    "content" TEXT NOT NULL,
    "client_key" UUID NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversation_notes_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "conversation_notes_content_check" CHECK (char_length(btrim("content")) BETWEEN 1 AND 10000)
);

CREATE UNIQUE INDEX "conversation_notes_client_key_key" ON "conversation_notes"("client_key");

-- The thread pages notes together with messages, newest first: the same keyset shape as the messages'.
CREATE INDEX "conversation_notes_conversation_id_created_at_id_idx" ON "conversation_notes"("conversation_id", "created_at" DESC, "id");

ALTER TABLE "conversation_notes" ADD CONSTRAINT "conversation_notes_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "conversation_notes" ADD CONSTRAINT "conversation_notes_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
