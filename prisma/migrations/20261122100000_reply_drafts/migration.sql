-- Drafts: a staff member's unsent text in a conversation's box, kept on the server too so it follows
-- them to another device. One per staff member and conversation, read through the primary key. A
-- cleared draft keeps its row with no text and no images: its saved_at tells a device with an older
-- copy that the draft is gone.
CREATE TABLE "reply_drafts" (
    "user_id" UUID NOT NULL,
    "conversation_id" UUID NOT NULL,
    "mode" TEXT NOT NULL,
    "content" TEXT NOT NULL,
    "images" JSONB NOT NULL DEFAULT '[]',
    "saved_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reply_drafts_pkey" PRIMARY KEY ("user_id","conversation_id"),
    CONSTRAINT "reply_drafts_mode_check" CHECK ("mode" IN ('reply', 'note')),
    CONSTRAINT "reply_drafts_content_length_check" CHECK (char_length("content") <= 10000)
);

ALTER TABLE "reply_drafts" ADD CONSTRAINT "reply_drafts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "reply_drafts" ADD CONSTRAINT "reply_drafts_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
