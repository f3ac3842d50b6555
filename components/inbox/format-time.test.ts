import { describe, expect, it } from "vitest";
import { createTranslator } from "use-intl/core";
import { loadMessages } from "@/lib/i18n/messages";
import { englishTime } from "@/tests/intl";
import { createTimeFormat, writeDate } from "./format-time";

const formatDuration = englishTime.duration;
const formatWaiting = englishTime.waiting;
const describeZoneDifference = englishTime.zoneDifference;

describe("formatDuration", () => {
  it("says there is no figure, then rounds to minutes, hours and minutes, or days and hours", () => {
    expect(formatDuration(null)).toBe("–");
    expect(formatDuration(0)).toBe("under 1 min");
    expect(formatDuration(0.99)).toBe("under 1 min");
    expect(formatDuration(1)).toBe("1 min");
    expect(formatDuration(59.4)).toBe("59 min");
    // 59.6 rounds to a whole hour, not "60 min".
    expect(formatDuration(59.6)).toBe("1 h 00 min");
    expect(formatDuration(125)).toBe("2 h 05 min");
    expect(formatDuration(24 * 60 - 1)).toBe("23 h 59 min");
    expect(formatDuration(24 * 60)).toBe("1 d 0 h");
    expect(formatDuration(3 * 24 * 60 + 4 * 60 + 20)).toBe("3 d 4 h");
  });
});

describe("formatWaiting", () => {
  it("shows minutes, then hours, then days", () => {
    const now = new Date("2026-03-01T12:00:00Z");
    expect(formatWaiting("2026-03-01T11:55:00Z", now)).toBe("5 min");
    expect(formatWaiting("2026-03-01T09:00:00Z", now)).toBe("3 h");
    expect(formatWaiting("2026-02-26T12:00:00Z", now)).toBe("3 d");
  });
});

describe("describeZoneDifference", () => {
  const winter = new Date("2026-11-21T12:00:00Z");
  const summer = new Date("2026-07-01T12:00:00Z");

  it("is silent when the property's clock and the reader's read the same", () => {
    expect(describeZoneDifference("Europe/Amsterdam", "Europe/Amsterdam", winter)).toBeNull();
    // Different names, same offset at that instant.
    expect(describeZoneDifference("Europe/Amsterdam", "Europe/Berlin", winter)).toBeNull();
    expect(describeZoneDifference("Europe/Lisbon", "UTC", winter)).toBeNull();
  });

  it("says how far ahead or behind the property's clock is, at that instant", () => {
    expect(describeZoneDifference("Europe/Amsterdam", "UTC", winter)).toBe("Amsterdam time, 1 h ahead of you");
    expect(describeZoneDifference("Europe/Amsterdam", "UTC", summer)).toBe("Amsterdam time, 2 h ahead of you");
    expect(describeZoneDifference("Europe/Lisbon", "Europe/Amsterdam", winter)).toBe("Lisbon time, 1 h behind you");
    expect(describeZoneDifference("America/New_York", "Europe/Amsterdam", winter)).toBe("New York time, 6 h behind you");
    expect(describeZoneDifference("Asia/Kolkata", "UTC", winter)).toBe("Kolkata time, 5 h 30 min ahead of you");
    expect(describeZoneDifference("Asia/Kathmandu", "Asia/Kolkata", winter)).toBe("Kathmandu time, 15 min ahead of you");
  });
});

describe("in another language", () => {
  it("writes dates by that language's conventions and its own words for durations", async () => {
    const time = createTimeFormat("de", createTranslator({ locale: "de", messages: await loadMessages("de"), namespace: "common.time" }));
    expect(time.messageTime("2026-03-03T13:05:00Z", "Europe/Berlin")).toBe("3. März, 14:05");
    expect(time.snoozeUntil("2026-11-23T08:00:00Z", "UTC")).toMatch(/^Mo\.?, 23\. Nov\.?, 08:00$/);
    expect(englishTime.messageTime("2026-03-03T13:05:00Z", "Europe/Berlin")).toBe("3 Mar, 14:05");
  });

  it("writes French's first of the month as an ordinal, and only the first", async () => {
    const time = createTimeFormat("fr", createTranslator({ locale: "fr", messages: await loadMessages("fr"), namespace: "common.time" }));
    expect(time.messageTime("2026-03-01T13:05:00Z", "Europe/Paris")).toBe("1er mars, 14:05");
    expect(time.snoozeUntil("2026-12-01T08:00:00Z", "UTC")).toMatch(/^mar\.? 1er déc\.?,? 08:00$/);
    expect(time.messageTime("2026-03-11T13:05:00Z", "Europe/Paris")).toBe("11 mars, 14:05");
    expect(time.messageTime("2026-03-21T13:05:00Z", "Europe/Paris")).toBe("21 mars, 14:05");
    expect(englishTime.messageTime("2026-03-01T13:05:00Z", "Europe/Berlin")).toBe("1 Mar, 14:05");
    expect(writeDate(new Intl.DateTimeFormat("fr-FR", { timeZone: "UTC", day: "numeric", month: "2-digit" }), new Date("2026-03-01T12:00:00Z"))).toBe("01/03");
  });
});
