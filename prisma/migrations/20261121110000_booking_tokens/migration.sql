-- Booking.com token exchanges per machine account, shared by every process so that together they stay
-- within Booking's 30 tokens per hour and reuse one token (lib/sync/token-store.ts).

-- CreateTable
CREATE TABLE "booking_tokens" (
    "id" UUID NOT NULL,
    "account_key" TEXT NOT NULL,
    "issued_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "token_encrypted" TEXT,
    "token_digest" TEXT,
    "expires_at" TIMESTAMPTZ(3),
    "rejected" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "booking_tokens_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "booking_tokens_account_key_issued_at_idx" ON "booking_tokens"("account_key", "issued_at");

