// The language of the page being rendered (server components only).
import { headers } from "next/headers";
import { cache } from "react";
import { createTranslator, type NamespaceKeys, type NestedKeyOf } from "use-intl/core";
import { loadViewer } from "../auth/guard";
import { sessionUserIdFromCookies } from "../auth/session-token";
import type { Messages } from "./english";
import { localeOfRequest, type Locale } from "./locales";
import { loadMessages } from "./messages";

/**
 * The signed-in staff member's own choice; else this browser's last choice (the cookie, which the
 * sign-in page's picker sets); else the browser's languages. Once per request (React's cache).
 */
export const requestLocale = cache(async (): Promise<Locale> => {
  const requestHeaders = await headers();
  const userId = await sessionUserIdFromCookies(requestHeaders.get("cookie")).catch(() => undefined);
  // The page itself decides what a missing or ended session means; here it only means "no choice".
  const viewer = userId ? await loadViewer(userId).catch(() => undefined) : undefined;
  return localeOfRequest(requestHeaders, viewer?.locale ?? null);
});

/** `t` for a server component, in the request's language; `namespace` as useTranslations takes it ("reports", "common.time"). */
export async function getServerTranslator<N extends NamespaceKeys<Messages, NestedKeyOf<Messages>>>(namespace: N) {
  const locale = await requestLocale();
  return createTranslator({ locale, messages: await loadMessages(locale), namespace });
}
