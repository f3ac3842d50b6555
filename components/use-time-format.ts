"use client";

import { useMemo } from "react";
import { useLocale, useTranslations } from "use-intl";
import { createTimeFormat, type TimeFormat } from "./inbox/format-time";

/** createTimeFormat in the page's language, made once per language. */
export function useTimeFormat(): TimeFormat {
  const locale = useLocale();
  const words = useTranslations("common.time");
  return useMemo(() => createTimeFormat(locale, words), [locale, words]);
}
