-- A snooze that ends by itself leaves a line too, with no actor: its time passed (the line is dated at
-- that time), or the guest wrote. Otherwise a conversation comes back to the inbox and nobody can see why.
ALTER TYPE "ConversationActivityKind" ADD VALUE 'snooze_ended';
ALTER TYPE "ConversationActivityKind" ADD VALUE 'snooze_ended_guest_wrote';
