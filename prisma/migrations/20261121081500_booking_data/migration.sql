-- Accent-insensitive full-text search: unaccent is not IMMUTABLE (its dictionary can change), so a
-- generated column needs this wrapper that pins the dictionary. 'simple' configuration: guests write
-- in many languages, so no language-specific stemming.
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE OR REPLACE FUNCTION bellhop_unaccent(text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- CreateEnum
CREATE TYPE "BookingAuthType" AS ENUM ('basic', 'token');

-- CreateEnum
CREATE TYPE "BackfillState" AS ENUM ('pending', 'running', 'done', 'failed');

-- CreateEnum
CREATE TYPE "ConversationType" AS ENUM ('reservation', 'request_to_book');

-- CreateEnum
CREATE TYPE "ConversationAccess" AS ENUM ('read_write', 'read_only');

-- CreateEnum
CREATE TYPE "SenderType" AS ENUM ('guest', 'property');

-- CreateEnum
CREATE TYPE "SendState" AS ENUM ('queued', 'sending', 'unknown', 'sent', 'failed');

-- CreateEnum
CREATE TYPE "OutboundKind" AS ENUM ('reply', 'set_no_reply_needed', 'clear_no_reply_needed', 'mark_read', 'mark_unread', 'welcome');

-- CreateEnum
CREATE TYPE "OutboundState" AS ENUM ('queued', 'running', 'succeeded', 'failed');

-- AlterTable
ALTER TABLE "properties" ADD COLUMN     "backfill_cursor" TEXT,
ADD COLUMN     "backfill_done" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "backfill_error" TEXT,
ADD COLUMN     "backfill_finished_at" TIMESTAMPTZ(3),
ADD COLUMN     "backfill_started_at" TIMESTAMPTZ(3),
ADD COLUMN     "backfill_state" "BackfillState" NOT NULL DEFAULT 'pending',
ADD COLUMN     "backfill_total" INTEGER,
ADD COLUMN     "connection_id" UUID,
ADD COLUMN     "welcome_reply_id" UUID;

-- CreateTable
CREATE TABLE "booking_connections" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "base_url" TEXT NOT NULL,
    "token_url" TEXT,
    "auth_type" "BookingAuthType" NOT NULL DEFAULT 'basic',
    "username" TEXT,
    "password_encrypted" TEXT,
    "client_id" TEXT,
    "client_secret_encrypted" TEXT,
    "api_version" TEXT NOT NULL DEFAULT '1.2',
    "poll_interval_seconds" INTEGER NOT NULL DEFAULT 60,
    "enabled" BOOLEAN NOT NULL DEFAULT true,
    "last_test_at" TIMESTAMPTZ(3),
    "last_test_ok" BOOLEAN,
    "last_test_message" TEXT,
    "last_test_ruid" TEXT,
    "last_poll_at" TIMESTAMPTZ(3),
    "last_poll_stored" INTEGER,
    "queue_backlog_seen" INTEGER,
    "last_error_at" TIMESTAMPTZ(3),
    "last_error" TEXT,
    "last_error_ruid" TEXT,
    "last_reconcile_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "booking_connections_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversations" (
    "id" UUID NOT NULL,
    "booking_id" TEXT NOT NULL,
    "property_id" TEXT NOT NULL,
    "type" "ConversationType" NOT NULL,
    "reference" TEXT NOT NULL,
    "access" "ConversationAccess" NOT NULL DEFAULT 'read_write',
    "guest_name" TEXT,
    "guest_participant_id" TEXT,
    "property_participant_id" TEXT,
    "no_reply_needed" BOOLEAN NOT NULL DEFAULT false,
    "last_message_at" TIMESTAMPTZ(3),
    "last_message_preview" TEXT,
    "last_message_sender" "SenderType",
    "last_guest_message_at" TIMESTAMPTZ(3),
    "needs_reply_since" TIMESTAMPTZ(3),
    "message_count" INTEGER NOT NULL DEFAULT 0,
    "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, bellhop_unaccent(coalesce("guest_name", '') || ' ' || "reference"))) STORED,
    "change_seq" BIGINT NOT NULL DEFAULT 0,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "conversations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "messages" (
    "id" UUID NOT NULL,
    "booking_id" TEXT,
    "conversation_id" UUID NOT NULL,
    "property_id" TEXT NOT NULL,
    "sender_type" "SenderType" NOT NULL,
    "sender_participant_id" TEXT,
    "sender_name" TEXT,
    "message_type" TEXT NOT NULL DEFAULT 'free_text',
    "content" TEXT NOT NULL,
    "attributes" JSONB,
    "sent_at" TIMESTAMPTZ(3) NOT NULL,
    "stored_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "read_by_guest" BOOLEAN NOT NULL DEFAULT false,
    "read_by_property" BOOLEAN NOT NULL DEFAULT false,
    "author_id" UUID,
    "client_key" TEXT,
    "send_state" "SendState",
    "send_error" TEXT,
    "search_vector" tsvector GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, bellhop_unaccent("content"))) STORED,

    CONSTRAINT "messages_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attachments" (
    "id" UUID NOT NULL,
    "booking_id" TEXT,
    "conversation_id" UUID NOT NULL,
    "message_id" UUID,
    "file_name" TEXT,
    "file_type" TEXT,
    "file_size" INTEGER,
    "content" BYTEA,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "attachments_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversation_reads" (
    "user_id" UUID NOT NULL,
    "conversation_id" UUID NOT NULL,
    "last_read_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "conversation_reads_pkey" PRIMARY KEY ("user_id","conversation_id")
);

-- CreateTable
CREATE TABLE "outbound_actions" (
    "id" UUID NOT NULL,
    "kind" "OutboundKind" NOT NULL,
    "conversation_id" UUID NOT NULL,
    "message_id" UUID,
    "client_key" TEXT NOT NULL,
    "payload" JSONB,
    "state" "OutboundState" NOT NULL DEFAULT 'queued',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "last_error_ruid" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "outbound_actions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "saved_replies" (
    "id" UUID NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "property_id" TEXT,
    "created_by_id" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "saved_replies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" BIGSERIAL NOT NULL,
    "actor_id" UUID,
    "actor_email" TEXT,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT,
    "before" JSONB,
    "after" JSONB,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "password_setup_tokens" (
    "token_hash" TEXT NOT NULL,
    "user_id" UUID NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "password_setup_tokens_pkey" PRIMARY KEY ("token_hash")
);

-- CreateIndex
CREATE UNIQUE INDEX "conversations_booking_id_key" ON "conversations"("booking_id");

-- CreateIndex
CREATE INDEX "conversations_property_id_last_message_at_id_idx" ON "conversations"("property_id", "last_message_at" DESC, "id");

-- CreateIndex
CREATE INDEX "conversations_last_message_at_id_idx" ON "conversations"("last_message_at" DESC, "id");

-- CreateIndex
CREATE INDEX "conversations_property_id_type_reference_idx" ON "conversations"("property_id", "type", "reference");

-- CreateIndex
CREATE INDEX "conversations_change_seq_idx" ON "conversations"("change_seq");

-- CreateIndex
CREATE UNIQUE INDEX "messages_booking_id_key" ON "messages"("booking_id");

-- CreateIndex
CREATE UNIQUE INDEX "messages_client_key_key" ON "messages"("client_key");

-- CreateIndex
CREATE INDEX "messages_conversation_id_sent_at_id_idx" ON "messages"("conversation_id", "sent_at" DESC, "id");

-- CreateIndex
CREATE INDEX "messages_stored_at_idx" ON "messages"("stored_at");

-- CreateIndex
CREATE UNIQUE INDEX "attachments_booking_id_key" ON "attachments"("booking_id");

-- CreateIndex
CREATE INDEX "attachments_message_id_idx" ON "attachments"("message_id");

-- CreateIndex
CREATE UNIQUE INDEX "outbound_actions_client_key_key" ON "outbound_actions"("client_key");

-- CreateIndex
CREATE INDEX "outbound_actions_state_updated_at_idx" ON "outbound_actions"("state", "updated_at");

-- CreateIndex
CREATE INDEX "outbound_actions_conversation_id_idx" ON "outbound_actions"("conversation_id");

-- CreateIndex
CREATE INDEX "audit_log_created_at_idx" ON "audit_log"("created_at" DESC);

-- AddForeignKey
ALTER TABLE "properties" ADD CONSTRAINT "properties_connection_id_fkey" FOREIGN KEY ("connection_id") REFERENCES "booking_connections"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "properties" ADD CONSTRAINT "properties_welcome_reply_id_fkey" FOREIGN KEY ("welcome_reply_id") REFERENCES "saved_replies"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversations" ADD CONSTRAINT "conversations_property_id_fkey" FOREIGN KEY ("property_id") REFERENCES "properties"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "messages" ADD CONSTRAINT "messages_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "attachments" ADD CONSTRAINT "attachments_message_id_fkey" FOREIGN KEY ("message_id") REFERENCES "messages"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_reads" ADD CONSTRAINT "conversation_reads_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "conversation_reads" ADD CONSTRAINT "conversation_reads_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "outbound_actions" ADD CONSTRAINT "outbound_actions_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "saved_replies" ADD CONSTRAINT "saved_replies_property_id_fkey" FOREIGN KEY ("property_id") REFERENCES "properties"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "password_setup_tokens" ADD CONSTRAINT "password_setup_tokens_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Search indexes (GIN over the generated vectors).
CREATE INDEX "messages_search_vector_idx" ON "messages" USING GIN ("search_vector");
CREATE INDEX "conversations_search_vector_idx" ON "conversations" USING GIN ("search_vector");

-- "Needs reply" view: only waiting conversations are indexed, oldest first.
CREATE INDEX "conversations_needs_reply_idx" ON "conversations" ("property_id", "needs_reply_since", "id") WHERE "needs_reply_since" IS NOT NULL;
CREATE INDEX "conversations_needs_reply_all_idx" ON "conversations" ("needs_reply_since", "id") WHERE "needs_reply_since" IS NOT NULL;

-- Live updates. Every insert or update of a conversation takes the next value of one sequence
-- (the cursor a reconnecting browser resyncs from) and is announced on the `bellhop_changes`
-- channel. Anything that changes a message must also update its conversation row.
CREATE SEQUENCE "conversation_change_seq";

-- Prisma's WASM migration runner splits the file at every semicolon, even inside quotes, so the
-- plpgsql bodies are E'' strings that write their semicolons as \073.
CREATE FUNCTION bellhop_bump_conversation_change() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  NEW.change_seq := nextval(''conversation_change_seq'')\073
  RETURN NEW\073
END';

CREATE TRIGGER "conversations_change_seq" BEFORE INSERT OR UPDATE ON "conversations"
  FOR EACH ROW EXECUTE FUNCTION bellhop_bump_conversation_change();

CREATE FUNCTION bellhop_notify_conversation_change() RETURNS trigger LANGUAGE plpgsql AS E'
BEGIN
  PERFORM pg_notify(''bellhop_changes'', json_build_object(
    ''conversationId'', NEW.id, ''propertyId'', NEW.property_id, ''seq'', NEW.change_seq)::text)\073
  RETURN NULL\073
END';

CREATE TRIGGER "conversations_notify" AFTER INSERT OR UPDATE ON "conversations"
  FOR EACH ROW EXECUTE FUNCTION bellhop_notify_conversation_change();
