// createTimeFormat for a server component, in the request's language.
import { requestLocale, getServerTranslator } from "@/lib/i18n/request-locale";
import { createTimeFormat, type TimeFormat } from "./inbox/format-time";

export async function getServerTimeFormat(): Promise<TimeFormat> {
  return createTimeFormat(await requestLocale(), await getServerTranslator("common.time"));
}
