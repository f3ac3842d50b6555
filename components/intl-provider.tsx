"use client";

import { IntlErrorCode, IntlProvider, type IntlError } from "use-intl";
import type { PageMessages } from "@/lib/i18n/english";
import type { Locale } from "@/lib/i18n/locales";

/**
 * The page's language for every client component. The root layout passes the one catalogue this
 * page needs, so a language costs its own messages only, not every language's.
 */
export function AppIntlProvider({ locale, messages, children }: { locale: Locale; messages: PageMessages; children: React.ReactNode }) {
  return (
    <IntlProvider locale={locale} messages={messages} onError={reportIntlError}>
      {children}
    </IntlProvider>
  );
}

// A missing key or a malformed message is a bug to see in the console, not a crash: use-intl then
// shows the key's path, and catalog.test.ts keeps that from reaching a release. Not ENVIRONMENT_FALLBACK:
// use-intl warns that it has no time zone of its own, which would matter only to its date formatting;
// Bellhop writes every time with an explicit zone (components/inbox/format-time.ts).
function reportIntlError(error: IntlError): void {
  if (error.code === IntlErrorCode.ENVIRONMENT_FALLBACK) return;
  console.error(error);
}
