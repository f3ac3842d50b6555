-- Conversations whose inbox columns wait to be updated: the queue poller marks them, with the batch's
-- id, in the transaction that stores their messages, and updates and clears them while the queue
-- confirm is in flight (lib/sync/store-queue.ts). A mark of another batch is a leftover of a worker that
-- died in between and is recomputed by the next poll. No foreign key: a mark outliving its conversation
-- is harmless, and the check would cost the store.

-- CreateTable
CREATE TABLE "conversation_summary_pending" (
    "conversation_id" UUID NOT NULL,
    "batch_id" UUID NOT NULL,

    CONSTRAINT "conversation_summary_pending_pkey" PRIMARY KEY ("conversation_id")
);
