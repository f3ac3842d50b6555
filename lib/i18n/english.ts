// The English catalogue, imported statically: it is the reference every other language is checked
// against (lib/i18n/catalog.test.ts), the fallback for a key a translation lacks, and the type that
// makes `t("…")` with an unknown key a compile error (lib/i18n/app-config.d.ts).
import common from "@/messages/common/en.json";
import composer from "@/messages/composer/en.json";
import inbox from "@/messages/inbox/en.json";
import reports from "@/messages/reports/en.json";
import server from "@/messages/server/en.json";
import settings from "@/messages/settings/en.json";
import team from "@/messages/team/en.json";
import thread from "@/messages/thread/en.json";

export const englishMessages = { common, inbox, thread, composer, settings, team, reports, server };

export type Messages = typeof englishMessages;
export type Namespace = keyof Messages;
export const NAMESPACES = Object.keys(englishMessages) as Namespace[];

/** What a page's client components get (lib/i18n/messages.ts, loadPageMessages): every area but `server`, whose words only API errors use. */
export type PageMessages = Omit<Messages, "server">;
