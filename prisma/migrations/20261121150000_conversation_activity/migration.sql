-- Conversation activity: the team's own actions on a conversation, shown in the thread among the
-- messages and notes ("Ada Admin assigned this to Sam Staff", "Sam Staff snoozed this until Monday"),
-- so whoever opens it later sees who did what and when. Bellhop's own, like assignment and snooze:
-- never sent to Booking.com. Written in the transaction of the change it records.
CREATE TYPE "ConversationActivityKind" AS ENUM ('assigned', 'unassigned', 'assignment_cleared', 'snoozed', 'unsnoozed');

CREATE TABLE "conversation_activity" (
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "conversation_id" UUID NOT NULL,
    "actor_id" UUID,
    "kind" "ConversationActivityKind" NOT NULL,
    "subject_id" UUID,
    "until" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversation_activity_pkey" PRIMARY KEY ("id")
);

-- The thread pages activity with messages and notes, newest first, with the same keyset shape.
CREATE INDEX "conversation_activity_conversation_id_created_at_id_idx" ON "conversation_activity"("conversation_id", "created_at" DESC, "id");

ALTER TABLE "conversation_activity" ADD CONSTRAINT "conversation_activity_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

ALTER TABLE "conversation_activity" ADD CONSTRAINT "conversation_activity_actor_id_fkey" FOREIGN KEY ("actor_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

ALTER TABLE "conversation_activity" ADD CONSTRAINT "conversation_activity_subject_id_fkey" FOREIGN KEY ("subject_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;
