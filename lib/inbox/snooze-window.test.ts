import { describe, expect, it } from "vitest";
import { snoozeUntilProblem } from "./snooze-window";

const NOW = new Date("2026-11-21T12:00:00Z");

describe("the snooze window", () => {
  it("accepts any time after now and up to a year ahead", () => {
    expect(snoozeUntilProblem(new Date("2026-11-21T12:00:01Z"), NOW)).toBeNull();
    expect(snoozeUntilProblem(new Date("2027-11-21T12:00:00Z"), NOW)).toBeNull();
  });

  it("refuses now, the past, more than a year ahead and an invalid date, in words for staff", () => {
    expect(snoozeUntilProblem(NOW, NOW)).toBe("Choose a time in the future.");
    expect(snoozeUntilProblem(new Date("2026-01-01T00:00:00Z"), NOW)).toBe("Choose a time in the future.");
    expect(snoozeUntilProblem(new Date("2027-11-21T12:00:01Z"), NOW)).toBe("A snooze can last at most one year.");
    expect(snoozeUntilProblem(new Date(Number.NaN), NOW)).toBe("Choose a date and time.");
  });
});
