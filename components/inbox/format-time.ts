// Times in the property's time zone (what the front desk and the guest mean by "10:00"), via Intl;
// date-fns for the relative "waiting 3 h" figures. Formatters are cached: creating Intl objects per
// row is the slow part of rendering a long list.
import { differenceInMinutes } from "date-fns";

const cache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${timeZone}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat("en-GB", { timeZone, ...options });
    cache.set(key, format);
  }
  return format;
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

/** Full timestamp for a title attribute, e.g. "Tue 3 Mar 2026, 14:05:09 CET". */
export function formatFull(iso: string, timeZone: string): string {
  return formatter(timeZone, { weekday: "short", day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit", second: "2-digit", timeZoneName: "short" }).format(new Date(iso));
}

/** Compact time for a list row or a message: "14:05" today, "3 Mar" this year, else "3 Mar 2024". */
export function formatShort(iso: string, timeZone: string, now: Date = new Date()): string {
  const date = new Date(iso);
  const day = (value: Date) => formatter(timeZone, { year: "numeric", month: "2-digit", day: "2-digit" }).format(value);
  if (day(date) === day(now)) return formatter(timeZone, { hour: "2-digit", minute: "2-digit" }).format(date);
  if (date.getUTCFullYear() === now.getUTCFullYear()) return formatter(timeZone, { day: "numeric", month: "short" }).format(date);
  return formatter(timeZone, { day: "numeric", month: "short", year: "numeric" }).format(date);
}

/** Message time: "3 Mar, 14:05" in the property's zone. */
export function formatMessageTime(iso: string, timeZone: string): string {
  return formatter(timeZone, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
}

/** When a snooze ends: "Mon 24 Nov, 09:00". */
export function formatSnoozeUntil(iso: string, timeZone: string): string {
  return formatter(timeZone, { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(new Date(iso));
}

/** How long a guest has waited: "5 min", "3 h", "2 d". */
export function formatWaiting(sinceIso: string, now: Date = new Date()): string {
  const minutes = Math.max(0, differenceInMinutes(now, new Date(sinceIso)));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

/** A duration for a report: "–" without data, "under 1 min", "12 min", "3 h 05 min", "2 d 4 h". */
export function formatDuration(minutes: number | null): string {
  if (minutes === null) return "–";
  if (minutes < 1) return "under 1 min";
  const totalMinutes = Math.round(minutes);
  if (totalMinutes < 60) return `${totalMinutes} min`;
  if (totalMinutes < 24 * 60) return `${Math.floor(totalMinutes / 60)} h ${String(totalMinutes % 60).padStart(2, "0")} min`;
  const totalHours = Math.round(minutes / 60);
  return `${Math.floor(totalHours / 24)} d ${totalHours % 24} h`;
}

/** A zone's offset from UTC in minutes at an instant, e.g. +60 for Amsterdam in winter, -300 for New York. */
export function zoneOffsetMinutes(timeZone: string, at: Date): number {
  const name = formatter(timeZone, { timeZoneName: "longOffset" }).formatToParts(at).find((part) => part.type === "timeZoneName")?.value ?? "GMT";
  // "GMT" for UTC itself, else "GMT+05:30" / "GMT-03:00".
  const match = /^GMT([+-])(\d{2}):(\d{2})$/.exec(name);
  if (!match) return 0;
  const minutes = Number(match[2]) * 60 + Number(match[3]);
  return match[1] === "-" ? -minutes : minutes;
}

/**
 * When a thread's times (the property's zone) are not the reader's own clock (the list's), says so:
 * "Amsterdam time, 1 h ahead of you". Null when both clocks read the same at that instant, so the
 * front desk at the hotel itself never sees it.
 */
export function describeZoneDifference(propertyZone: string, readerZone: string, at: Date = new Date()): string | null {
  const difference = zoneOffsetMinutes(propertyZone, at) - zoneOffsetMinutes(readerZone, at);
  if (difference === 0) return null;
  const size = Math.abs(difference);
  const amount = size % 60 === 0 ? `${size / 60} h` : size < 60 ? `${size} min` : `${Math.floor(size / 60)} h ${size % 60} min`;
  const place = propertyZone.split("/").at(-1)!.replaceAll("_", " ");
  return `${place} time, ${amount} ${difference > 0 ? "ahead of" : "behind"} you`;
}
