// Times in the property's time zone (what the front desk and the guest mean by "10:00"), via Intl in
// the page's language; date-fns for the relative "waiting 3 h" figures, whose words come from the
// catalogue (common.time). Formatters are cached: creating Intl objects per row is the slow part of
// rendering a long list.
import { differenceInMinutes } from "date-fns";
import { FORMAT_REGION, type Locale } from "@/lib/i18n/locales";
import type { Messages } from "@/lib/i18n/english";

type TimeWord = keyof Messages["common"]["time"];
/** `t` of the common.time namespace (useTranslations("common.time"), or createTranslator's). */
export type TimeWords = (key: TimeWord, values?: Record<string, string | number>) => string;

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(region: string, timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${region}|${timeZone}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(region, { timeZone, ...options });
    cache.set(key, format);
  }
  return format;
}

/**
 * `format` applied to `date`, with French's ordinal first of the month ("1er mars", which Intl writes
 * "1 mars"), when the month is a word. Other languages write the first as any day.
 */
export function writeDate(format: Intl.DateTimeFormat, date: Date): string {
  if (!format.resolvedOptions().locale.startsWith("fr")) return format.format(date);
  const parts = format.formatToParts(date);
  if (!parts.some((part) => part.type === "day" && part.value === "1") || !parts.some((part) => part.type === "month" && !/^\d+$/.test(part.value))) return format.format(date);
  return parts.map((part) => (part.type === "day" && part.value === "1" ? "1er" : part.value)).join("");
}

let zoneCache: string | undefined;
/**
 * The browser's own zone. The list spans properties, so it shows the front desk's own clock; threads use
 * the property's zone for messages. Snoozes are picked and shown in this zone too.
 */
export function localZone(): string {
  zoneCache ??= Intl.DateTimeFormat().resolvedOptions().timeZone;
  return zoneCache;
}

/** A zone's offset from UTC in minutes at an instant, e.g. +60 for Amsterdam in winter, -300 for New York. */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  const name = formatter("en-GB", timeZone, { timeZoneName: "longOffset" }).formatToParts(at).find((part) => part.type === "timeZoneName")?.value ?? "GMT";
  // "GMT" for UTC itself, else "GMT+05:30" / "GMT-03:00".
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}

export type TimeFormat = ReturnType<typeof createTimeFormat>;

/** Every way Bellhop writes a time, in `locale` (examples in English). */
export function createTimeFormat(locale: Locale, words: TimeWords) {
  const region = FORMAT_REGION[locale];
  const format = (iso: string, timeZone: string, options: Intl.DateTimeFormatOptions) => writeDate(formatter(region, timeZone, options), new Date(iso));
  const hoursAndMinutes = (total: number) => {
    const hours = Math.floor(total / 60);
    const minutes = total % 60;
    return hours === 0 ? words("minutes", { minutes }) : minutes === 0 ? words("hours", { hours }) : words("hoursMinutes", { hours, minutes });
  };
  return {
    /** Full timestamp for a title attribute, e.g. "Tue 3 Mar 2026, 14:05:09 CET". */
    full: (iso: string, timeZone: string) =>
      format(iso, timeZone, { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZoneName: "short" }),

    /** Compact time for a list row or a message: "14:05" today, "3 Mar" this year, else "3 Mar 2024". */
    short: (iso: string, timeZone: string, now: Date = new Date()) => {
      const day = (value: Date) => formatter(region, timeZone, { year: "numeric", month: "2-digit", day: "2-digit" }).format(value);
      const date = new Date(iso);
      if (day(date) === day(now)) return format(iso, timeZone, { hour: "2-digit", minute: "2-digit" });
      if (date.getUTCFullYear() === now.getUTCFullYear()) return format(iso, timeZone, { day: "numeric", month: "short" });
      return format(iso, timeZone, { day: "numeric", month: "short", year: "numeric" });
    },

    /** Message time: "3 Mar, 14:05" in the property's zone. */
    messageTime: (iso: string, timeZone: string) => format(iso, timeZone, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }),

    /** When a snooze ends or a scheduled reply goes: "Mon 24 Nov, 09:00". */
    snoozeUntil: (iso: string, timeZone: string) => format(iso, timeZone, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }),

    /** How long a guest has waited: "5 min", "3 h", "2 d". */
    waiting: (sinceIso: string, now: Date = new Date()) => {
      const minutes = Math.max(0, differenceInMinutes(now, new Date(sinceIso)));
      if (minutes < 60) return words("waitingMinutes", { count: minutes });
      const hours = Math.floor(minutes / 60);
      if (hours < 48) return words("waitingHours", { count: hours });
      return words("waitingDays", { count: Math.floor(hours / 24) });
    },

    /** A duration for a report: "–" without data, "under 1 min", "12 min", "3 h 05 min", "2 d 4 h". */
    duration: (minutes: number | null) => {
      if (minutes === null) return words("noFigure");
      if (minutes < 1) return words("underOneMinute");
      const totalMinutes = Math.round(minutes);
      if (totalMinutes < 60) return words("minutes", { minutes: totalMinutes });
      if (totalMinutes < 24 * 60) return words("hoursPaddedMinutes", { hours: Math.floor(totalMinutes / 60), minutes: String(totalMinutes % 60).padStart(2, "0") });
      const totalHours = Math.round(minutes / 60);
      return words("daysHours", { days: Math.floor(totalHours / 24), hours: totalHours % 24 });
    },

    /**
     * When a thread's times (the property's zone) are not the reader's own clock (the list's), says so:
     * "Amsterdam time, 1 h ahead of you". Null when both clocks read the same at that instant, so the
     * front desk at the hotel itself never sees it.
     */
    zoneDifference: (propertyZone: string, readerZone: string, at: Date = new Date()): string | null => {
      const difference = zoneOffsetMinutes(propertyZone, at) - zoneOffsetMinutes(readerZone, at);
      if (difference === 0) return null;
      const place = propertyZone.split("/").at(-1)!.replaceAll("_", " ");
      const amount = hoursAndMinutes(Math.abs(difference));
      return difference > 0 ? words("zoneAhead", { place, amount }) : words("zoneBehind", { place, amount });
    },
  };
}
