// A staff member's language for Bellhop's screens (lib/i18n/locales.ts): kept on their account, so it
// follows them to every device, and in a cookie, so the sign-in page after they sign out speaks it too.
import { z } from "zod";
import { db } from "../db";
import { LOCALE_COOKIE, LOCALES, type Locale } from "../i18n/locales";
import type { Viewer } from "./guard";
import { forgetViewer } from "./viewer-cache";

export const localeSchema = z.enum(LOCALES, { error: `Choose one of: ${LOCALES.join(", ")}.` });

/** `null`: follow the browser's languages. */
export const setLocaleBody = z.object({ locale: localeSchema.nullable() }).strict();

export async function setStaffLocale(viewer: Viewer, locale: Locale | null): Promise<{ locale: Locale | null }> {
  await db().user.update({ where: { id: viewer.id }, data: { locale } });
  // The next page this process renders must already speak it (other processes hear the users trigger).
  forgetViewer(viewer.id);
  return { locale };
}

/** The Set-Cookie value that remembers (or, for `null`, forgets) the language in this browser. */
export function localeCookie(locale: Locale | null, secure: boolean): string {
  const attributes = `Path=/; SameSite=Lax${secure ? "; Secure" : ""}`;
  return locale ? `${LOCALE_COOKIE}=${locale}; Max-Age=31536000; ${attributes}` : `${LOCALE_COOKIE}=; Max-Age=0; ${attributes}`;
}
