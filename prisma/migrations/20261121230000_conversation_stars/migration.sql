-- Stars: a staff member's own "come back to this" flag on a conversation. Like read state, one per staff
-- member (a colleague's stars are not yours) and local to Bellhop (Booking.com has no such tag). The
-- Starred view reads one user's stars through the primary key, user_id first.
CREATE TABLE "conversation_stars" (
    "user_id" UUID NOT NULL,
    "conversation_id" UUID NOT NULL,
    "starred_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversation_stars_pkey" PRIMARY KEY ("user_id","conversation_id")
);

ALTER TABLE "conversation_stars" ADD CONSTRAINT "conversation_stars_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "conversation_stars" ADD CONSTRAINT "conversation_stars_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
