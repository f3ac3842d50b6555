-- The thread's activity also says who marked a conversation "no reply needed", and who took the mark
-- away (it hides a conversation from Needs reply, so the team wants to know whose call it was).
ALTER TYPE "ConversationActivityKind" ADD VALUE 'no_reply_needed';
ALTER TYPE "ConversationActivityKind" ADD VALUE 'reply_needed';
