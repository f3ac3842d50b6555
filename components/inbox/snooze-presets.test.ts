import { describe, expect, it } from "vitest";
import { englishTranslator } from "@/tests/intl";
import { fromDateTimeLocalValue, snoozePresets as presetsIn, toDateTimeLocalValue, type PresetWords } from "./snooze-presets";

const t = englishTranslator("composer");
const words: PresetWords = (key) => t(`presets.${key}`);
const snoozePresets = (now: Date) => presetsIn(now, words);

// Local-time constructors and getters throughout: the presets are in the browser's own zone, whatever
// zone runs the test.
const local = (year: number, month: number, day: number, hours = 0, minutes = 0) => new Date(year, month - 1, day, hours, minutes);
const until = (now: Date) => Object.fromEntries(snoozePresets(now).map((preset) => [preset.id, preset.until]));

describe("snooze presets", () => {
  it("later today is three hours ahead; tomorrow morning is 09:00 the next day; next week is Monday 09:00", () => {
    // Saturday 21 November 2026, 14:30.
    const presets = until(local(2026, 11, 21, 14, 30));
    expect(presets.later_today).toEqual(local(2026, 11, 21, 17, 30));
    expect(presets.tomorrow_morning).toEqual(local(2026, 11, 22, 9, 0));
    expect(presets.next_week).toEqual(local(2026, 11, 23, 9, 0));
    expect(snoozePresets(local(2026, 11, 21)).map((preset) => preset.label)).toEqual(["Later today", "Tomorrow morning", "Next week"]);
  });

  it("on a Monday, next week is the Monday after; on a Sunday, when that is tomorrow morning, it is not offered twice", () => {
    expect(until(local(2026, 11, 23, 8, 0)).next_week).toEqual(local(2026, 11, 30, 9, 0));
    const sunday = snoozePresets(local(2026, 11, 29, 10, 0));
    expect(sunday.map((preset) => [preset.label, preset.until])).toEqual([
      ["Later today", local(2026, 11, 29, 13, 0)],
      ["Tomorrow morning", local(2026, 11, 30, 9, 0)],
    ]);
  });

  it("late in the evening, tomorrow morning is still the next calendar day, and three hours ahead, past midnight, is called so", () => {
    const presets = snoozePresets(local(2026, 12, 31, 23, 15));
    expect(presets.map((preset) => [preset.id, preset.label, preset.until])).toEqual([
      ["later_today", "In 3 hours", local(2027, 1, 1, 2, 15)],
      ["tomorrow_morning", "Tomorrow morning", local(2027, 1, 1, 9, 0)],
      ["next_week", "Next week", local(2027, 1, 4, 9, 0)],
    ]);
    expect(snoozePresets(local(2026, 12, 31, 20, 59))[0]?.label).toBe("Later today");
  });

  it("reads and writes the datetime-local picker's value in local time", () => {
    expect(toDateTimeLocalValue(local(2026, 3, 5, 7, 4))).toBe("2026-03-05T07:04");
    expect(fromDateTimeLocalValue("2026-03-05T07:04")).toEqual(local(2026, 3, 5, 7, 4));
    expect(fromDateTimeLocalValue("2026-03-05T07:04:30")).toEqual(new Date(2026, 2, 5, 7, 4, 30));
    expect(fromDateTimeLocalValue("")).toBeNull();
    expect(fromDateTimeLocalValue("tomorrow")).toBeNull();
    expect(fromDateTimeLocalValue("2026-02-30T09:00")).toBeNull();
  });
});
