// The snooze menu's choices, in the browser's local time (the front desk's clock, like the list's
// times): "Later today" is three hours from now, "Tomorrow morning" tomorrow at 09:00, "Next week" the
// coming Monday at 09:00 (a week ahead when today is Monday). Also the conversions for the
// <input type="datetime-local"> picker, whose value is a local time without a zone.
import { addDays, addHours, format, isValid, nextMonday, parseISO, set, startOfDay } from "date-fns";

export type SnoozePreset = { id: "later_today" | "tomorrow_morning" | "next_week"; label: string; until: Date };

export const MORNING_HOUR = 9;

export function snoozePresets(now: Date): SnoozePreset[] {
  const morning = (day: Date) => set(day, { hours: MORNING_HOUR, minutes: 0, seconds: 0, milliseconds: 0 });
  return [
    { id: "later_today", label: "Later today", until: addHours(now, 3) },
    { id: "tomorrow_morning", label: "Tomorrow morning", until: morning(addDays(startOfDay(now), 1)) },
    { id: "next_week", label: "Next week", until: morning(nextMonday(startOfDay(now))) },
  ];
}

/** A date as a datetime-local value ("2026-11-24T09:00"), in local time, to the minute. */
export function toDateTimeLocalValue(date: Date): string {
  return format(date, "yyyy-MM-dd'T'HH:mm");
}

/** A datetime-local value as a Date in local time; null when empty or not a date. */
export function fromDateTimeLocalValue(value: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/.test(value)) return null;
  const date = parseISO(value);
  return isValid(date) ? date : null;
}
