// How far ahead a snooze may wake: after now, and at most a year ahead (a longer "snooze" is a forgotten
// conversation). No zod and no server imports: the snooze picker in the browser checks the same rule
// before it sends, and lib/inbox/snooze-conversation.ts enforces it.
import { addYears } from "date-fns";

export const SNOOZE_MAX_YEARS = 1;

/** Why a time cannot be a wake time: the server words it by this name (messages/server, `snooze.*`). */
export type SnoozeProblem = "chooseDateTime" | "inPast" | "tooFar";

/** Why `until` cannot be a wake time at `now`; null when it can. */
export function snoozeUntilProblemKind(until: Date, now: Date): SnoozeProblem | null {
  if (Number.isNaN(until.getTime())) return "chooseDateTime";
  if (until.getTime() <= now.getTime()) return "inPast";
  if (until.getTime() > latestSnoozeUntil(now).getTime()) return "tooFar";
  return null;
}

export function latestSnoozeUntil(now: Date): Date {
  return addYears(now, SNOOZE_MAX_YEARS);
}
