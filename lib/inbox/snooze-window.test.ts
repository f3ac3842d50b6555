import { describe, expect, it } from "vitest";
import { snoozeUntilProblemKind } from "./snooze-window";

const NOW = new Date("2026-11-21T12:00:00Z");

describe("the snooze window", () => {
  it("accepts any time after now and up to a year ahead", () => {
    expect(snoozeUntilProblemKind(new Date("2026-11-21T12:00:01Z"), NOW)).toBeNull();
    expect(snoozeUntilProblemKind(new Date("2027-11-21T12:00:00Z"), NOW)).toBeNull();
  });

  // Each problem has its words in the server catalogue (snooze.int.test.ts reads them back through the API).
  it("refuses now, the past, more than a year ahead and an invalid date, each for its own reason", () => {
    expect(snoozeUntilProblemKind(NOW, NOW)).toBe("inPast");
    expect(snoozeUntilProblemKind(new Date("2026-01-01T00:00:00Z"), NOW)).toBe("inPast");
    expect(snoozeUntilProblemKind(new Date("2027-11-21T12:00:01Z"), NOW)).toBe("tooFar");
    expect(snoozeUntilProblemKind(new Date(Number.NaN), NOW)).toBe("chooseDateTime");
  });
});
