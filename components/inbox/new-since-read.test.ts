import { describe, expect, it } from "vitest";
import type { ThreadMessage } from "@/lib/inbox/schemas";
import { earliestRead, newSinceRead, readBeforeOf } from "./new-since-read";

function message(id: string, senderType: ThreadMessage["senderType"], sentAt: string, arrivedAt = sentAt): ThreadMessage {
  return {
    id,
    senderType,
    senderName: null,
    authorName: null,
    messageType: "free_text",
    content: id,
    templateName: null,
    selfServiceTopic: null,
    sentAt,
    arrivedAt,
    readByGuest: false,
    sendState: null,
    sendError: null,
    clientKey: null,
    attachments: [],
    canDelete: false,
    activity: null,
  };
}

describe("newSinceRead", () => {
  const thread = [
    message("old question", "guest", "2026-11-20T09:00:00.000Z"),
    // Stamped before the read, delivered after it (a late queue poll, a repaired gap).
    message("late question", "guest", "2026-11-20T09:05:00.000Z", "2026-11-20T11:00:00.000Z"),
    message("answer", "property", "2026-11-20T10:00:00.000Z", "2026-11-20T10:30:00.000Z"),
    message("a note", "note", "2026-11-20T10:40:00.000Z"),
    message("new question", "guest", "2026-11-20T10:50:00.000Z"),
  ];

  it("marks the guest messages that arrived after the read, by arrival and not by Booking.com's time", () => {
    expect([...newSinceRead(thread, "2026-11-20T10:15:00.000Z")]).toEqual(["late question", "new question"]);
  });

  it("never marks the staff's own side, replies or notes, however late they arrived", () => {
    expect([...newSinceRead(thread, "2026-11-20T09:30:00.000Z")]).toEqual(["late question", "new question"]);
  });

  it("marks nothing when the read covers every arrival, or while it is not known", () => {
    expect(newSinceRead(thread, "2026-11-20T11:00:00.000Z").size).toBe(0);
    expect(newSinceRead(thread, undefined).size).toBe(0);
  });
});

describe("readBeforeOf", () => {
  it("is the read before the answer's, or for a conversation never read, the answer's own read", () => {
    expect(readBeforeOf({ readBefore: "2026-11-20T10:00:00.000Z", readAt: "2026-11-20T12:00:00.000Z" })).toBe("2026-11-20T10:00:00.000Z");
    expect(readBeforeOf({ readBefore: null, readAt: "2026-11-20T12:00:00.000Z" })).toBe("2026-11-20T12:00:00.000Z");
  });
});

describe("earliestRead", () => {
  it("keeps the earliest read it is told of, whichever answer comes first", () => {
    expect(earliestRead(undefined, "2026-11-20T10:00:00.000Z")).toBe("2026-11-20T10:00:00.000Z");
    expect(earliestRead("2026-11-20T10:00:00.000Z", "2026-11-20T12:00:00.000Z")).toBe("2026-11-20T10:00:00.000Z");
    expect(earliestRead("2026-11-20T12:00:00.000Z", "2026-11-20T10:00:00.000Z")).toBe("2026-11-20T10:00:00.000Z");
  });
});
