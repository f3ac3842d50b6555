// The snooze menu's choices, in the browser's local time (the front desk's clock, like the list's
// times): "Later today" is three hours from now (called "In 3 hours" when that is past midnight: the
// night shift's), "Tomorrow morning" tomorrow at 09:00, "Next week" the coming Monday at 09:00 (a week
// ahead when today is Monday; on a Sunday that is tomorrow morning, so it is not offered twice). Also
// the conversions for the <input type="datetime-local"> picker, whose value is a local time without a
// zone.
import { addDays, addHours, isSameDay, nextMonday, set, startOfDay } from "date-fns";
import type { Messages } from "@/lib/i18n/english";

/** `t` of the composer.presets namespace: the choices' names in the page's language. */
export type PresetWords = (key: keyof Messages["composer"]["presets"]) => string;

export type SnoozePreset = { id: "later_today" | "tomorrow_morning" | "next_week"; label: string; until: Date };

export const MORNING_HOUR = 9;

export function snoozePresets(now: Date, words: PresetWords): SnoozePreset[] {
  const morning = (day: Date) => set(day, { hours: MORNING_HOUR, minutes: 0, seconds: 0, milliseconds: 0 });
  const later = addHours(now, 3);
  const tomorrowMorning = morning(addDays(startOfDay(now), 1));
  const nextWeek = morning(nextMonday(startOfDay(now)));
  return [
    { id: "later_today" as const, label: words(isSameDay(later, now) ? "laterToday" : "inThreeHours"), until: later },
    { id: "tomorrow_morning" as const, label: words("tomorrowMorning"), until: tomorrowMorning },
    ...(nextWeek.getTime() === tomorrowMorning.getTime() ? [] : [{ id: "next_week" as const, label: words("nextWeek"), until: nextWeek }]),
  ];
}

// By hand rather than date-fns's format/parseISO: those two added 6.4 kB (gzipped, measured) to the
// inbox's first load for one fixed pattern.

/** A date as a datetime-local value ("2026-11-24T09:00"), in local time, to the minute. */
export function toDateTimeLocalValue(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A datetime-local value ("2026-11-24T09:00", seconds optional) as a Date in local time; null when empty or not a date. */
export function fromDateTimeLocalValue(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/.exec(value);
  if (!match) return null;
  const [year, month, day, hours, minutes, seconds] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const date = new Date(year, month - 1, day, hours, minutes, seconds);
  // new Date() rolls 30 February over into March (and a time a daylight-saving change skips into the
  // next hour): such a value is not a date.
  const same = date.getFullYear() === year && date.getMonth() === month - 1 && date.getDate() === day && date.getHours() === hours && date.getMinutes() === minutes;
  return same ? date : null;
}
