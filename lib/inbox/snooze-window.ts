// How far ahead a snooze may wake: after now, and at most a year ahead (a longer "snooze" is a forgotten
// conversation). No zod and no server imports: the snooze picker in the browser checks the same rule
// before it sends, and lib/inbox/snooze-conversation.ts enforces it.
import { addYears } from "date-fns";

export const SNOOZE_MAX_YEARS = 1;

/** Why `until` cannot be a wake time at `now`, in words for staff; null when it can. */
export function snoozeUntilProblem(until: Date, now: Date): string | null {
  if (Number.isNaN(until.getTime())) return "Choose a date and time.";
  if (until.getTime() <= now.getTime()) return "Choose a time in the future.";
  if (until.getTime() > latestSnoozeUntil(now).getTime()) return "A snooze can last at most one year.";
  return null;
}

export function latestSnoozeUntil(now: Date): Date {
  return addYears(now, SNOOZE_MAX_YEARS);
}
