-- The "no reply needed" mark set or taken away at Booking.com itself (the Extranet, another tool on the
-- API), which Bellhop learns from a later read: the thread says so too, or a conversation would leave
-- Needs reply without anyone on the team knowing why.
ALTER TYPE "ConversationActivityKind" ADD VALUE 'no_reply_needed_on_booking';
ALTER TYPE "ConversationActivityKind" ADD VALUE 'reply_needed_on_booking';
