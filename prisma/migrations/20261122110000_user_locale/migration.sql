-- Each staff member's language for Bellhop's screens, null to follow their browser. Checked against
-- the languages Bellhop speaks in code (lib/i18n/locales.ts), so adding a language needs no migration.
ALTER TABLE "users" ADD COLUMN "locale" TEXT;
