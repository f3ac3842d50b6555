-- Send later: a reply written now and sent at a time the staff member picked (lib/sync/outbound/enqueue.ts).
-- Until then its message is `scheduled` (sent_at holds the time it will go) and counts for nothing in
-- the conversation's inbox columns, and its action waits: run_after is when it may run, and the worker
-- neither runs nor re-sends it before. A scheduled reply can be cancelled until it starts: its action
-- becomes `cancelled` and the message is removed.
ALTER TYPE "SendState" ADD VALUE 'scheduled';
ALTER TYPE "OutboundState" ADD VALUE 'cancelled';
ALTER TABLE "outbound_actions" ADD COLUMN "run_after" TIMESTAMPTZ(3);
