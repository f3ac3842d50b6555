-- Labels: the team's own words for conversations (VIP, Late arrival, Invoice), as shared inboxes have.
-- One set for the whole team, kept by admins. A conversation's labels live on its row (label_ids), so
-- the list reads them without a join and putting one on fires the row's change trigger like any other
-- change: every open inbox hears it. The GIN index serves the list's label filter. Deleting a label
-- takes it off every conversation in the same transaction (lib/admin/save-label.ts).
CREATE TYPE "LabelColor" AS ENUM ('slate', 'red', 'amber', 'emerald', 'sky', 'indigo', 'violet', 'pink');

CREATE TABLE "labels" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "color" "LabelColor" NOT NULL DEFAULT 'slate',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "labels_pkey" PRIMARY KEY ("id")
);

-- "VIP" and "vip" are one label. Prisma cannot express an index on an expression, hence by hand.
CREATE UNIQUE INDEX "labels_name_lower_key" ON "labels" (lower("name"));

ALTER TABLE "conversations" ADD COLUMN "label_ids" UUID[] NOT NULL DEFAULT ARRAY[]::UUID[];

CREATE INDEX "conversations_label_ids_idx" ON "conversations" USING GIN ("label_ids");

ALTER TYPE "ConversationActivityKind" ADD VALUE 'labelled';
ALTER TYPE "ConversationActivityKind" ADD VALUE 'unlabelled';

ALTER TABLE "conversation_activity" ADD COLUMN "label_name" TEXT;
