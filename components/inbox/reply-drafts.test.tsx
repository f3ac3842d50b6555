// @vitest-environment jsdom
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { DRAFT_TTL_MS, adoptDraft, clearAllDrafts, markDraftSynced, readDraft, readDraftSync, unsentDrafts, useLocalDraft, writeDraft } from "./reply-drafts";

afterEach(() => {
  cleanup();
  localStorage.clear();
});

function Marker({ userId, conversationId }: { userId: string; conversationId: string }) {
  return <span data-testid="marker">{useLocalDraft(userId, conversationId)}</span>;
}

describe("reply drafts", () => {
  it("are kept per staff member and conversation", () => {
    writeDraft("sam", "c1", { text: "Late check-in is fine", mode: "reply" });
    expect(readDraft("sam", "c1")).toEqual({ text: "Late check-in is fine", mode: "reply", images: [] });
    expect(readDraft("sam", "c2")).toBeNull();
    expect(readDraft("ada", "c1")).toBeNull();
  });

  it("keep a reply's uploaded images, even with no text, but never a note's, and drop entries of another shape", () => {
    const image = { attachmentId: "0b5f5a52-3c1e-4d7f-9a0e-6f1d2c3b4a59", fileName: "parking.png" };
    writeDraft("sam", "c1", { text: "", mode: "reply", images: [image] });
    expect(readDraft("sam", "c1")).toEqual({ text: "", mode: "reply", images: [image] });
    writeDraft("sam", "c1", { text: "", mode: "note", images: [image] });
    expect(readDraft("sam", "c1")).toBeNull();
    writeDraft("sam", "c1", { text: "Here is the entrance", mode: "note", images: [image] });
    expect(readDraft("sam", "c1")).toEqual({ text: "Here is the entrance", mode: "note", images: [] });

    const key = "bellhop.draft.sam.c1";
    const stored = (images: unknown) => JSON.stringify({ text: "See the photo", mode: "reply", images, savedAt: Date.now() });
    localStorage.setItem(key, stored([image, { attachmentId: "../../api/session", fileName: "x.png" }, { attachmentId: image.attachmentId }, "parking.png", null]));
    expect(readDraft("sam", "c1")?.images).toEqual([image]);
    localStorage.setItem(key, stored("not a list"));
    expect(readDraft("sam", "c1")).toEqual({ text: "See the photo", mode: "reply", images: [] });
  });

  it("drop what is too old or not what this code wrote, instead of putting it in the box", () => {
    const key = "bellhop.draft.sam.c1";
    localStorage.setItem(key, JSON.stringify({ text: "From last month", mode: "reply", savedAt: Date.now() - DRAFT_TTL_MS - 1 }));
    expect(readDraft("sam", "c1")).toBeNull();
    expect(localStorage.getItem(key)).toBeNull();
    for (const stored of ["{", "null", '"text"', JSON.stringify({ text: 42, mode: "reply", savedAt: Date.now() }), JSON.stringify({ text: "Hi", mode: "shout", savedAt: Date.now() })]) {
      localStorage.setItem(key, stored);
      expect(readDraft("sam", "c1")).toBeNull();
    }
  });

  it("are all gone on sign-out, whoever wrote them, and nothing else is touched", () => {
    writeDraft("sam", "c1", { text: "One", mode: "reply" });
    writeDraft("ada", "c2", { text: "Two", mode: "note" });
    localStorage.setItem("bellhop.notifications", "on");
    clearAllDrafts();
    expect(readDraft("sam", "c1")).toBeNull();
    expect(readDraft("ada", "c2")).toBeNull();
    expect(localStorage.getItem("bellhop.notifications")).toBe("on");
  });

  it("mark the row while there is one, also when another tab writes it", () => {
    render(<Marker userId="sam" conversationId="c1" />);
    expect(screen.getByTestId("marker").textContent).toBe("unknown");
    act(() => writeDraft("sam", "c1", { text: "Hello", mode: "reply" }));
    expect(screen.getByTestId("marker").textContent).toBe("draft");
    // Emptied here: no draft, whatever the server's list still says, until the server has heard it.
    act(() => writeDraft("sam", "c1", { text: "", mode: "reply" }));
    expect(screen.getByTestId("marker").textContent).toBe("none");
    act(() => markDraftSynced("sam", "c1", { text: "", mode: "reply" }, "2026-11-22T09:00:00.000Z"));
    expect(readDraftSync("sam", "c1")).toBeNull();
    // Another tab: the storage changes under this one, which hears a `storage` event.
    act(() => {
      localStorage.setItem("bellhop.draft.sam.c1", JSON.stringify({ text: "From the other tab", mode: "reply", savedAt: Date.now() }));
      window.dispatchEvent(new StorageEvent("storage", { key: "bellhop.draft.sam.c1" }));
    });
    expect(screen.getByTestId("marker").textContent).toBe("draft");
  });

  it("say whether the server has them: a change made here is unsent until the server answers for that very text", () => {
    writeDraft("sam", "c1", { text: "Dear Ana", mode: "reply" });
    expect(readDraftSync("sam", "c1")).toEqual({ draft: { text: "Dear Ana", mode: "reply", images: [] }, syncedAt: null });
    markDraftSynced("sam", "c1", { text: "Dear Ana", mode: "reply" }, "2026-11-22T09:00:00.000Z");
    expect(readDraftSync("sam", "c1")?.syncedAt).toBe("2026-11-22T09:00:00.000Z");
    // Writing what is kept already (the box opening with it) changes nothing.
    writeDraft("sam", "c1", { text: "Dear Ana", mode: "reply" });
    expect(readDraftSync("sam", "c1")?.syncedAt).toBe("2026-11-22T09:00:00.000Z");
    // A change while an older text was on its way: that answer does not cover it.
    writeDraft("sam", "c1", { text: "Dear Ana, the garage", mode: "reply" });
    markDraftSynced("sam", "c1", { text: "Dear Ana", mode: "reply" }, "2026-11-22T09:01:00.000Z");
    expect(readDraftSync("sam", "c1")?.syncedAt).toBeNull();
    // A draft written before copies said so is one the server has not heard of.
    localStorage.setItem("bellhop.draft.sam.c2", JSON.stringify({ text: "Old", mode: "reply", savedAt: Date.now() }));
    expect(readDraftSync("sam", "c2")?.syncedAt).toBeNull();
  });

  it("list a staff member's copies the server has not heard yet, emptied boxes included, and nobody else's", () => {
    writeDraft("sam", "c1", { text: "Unsent", mode: "reply" });
    writeDraft("sam", "c2", { text: "Sent", mode: "reply" });
    markDraftSynced("sam", "c2", { text: "Sent", mode: "reply" }, "2026-11-22T09:00:00.000Z");
    writeDraft("sam", "c3", { text: "Was here", mode: "note" });
    markDraftSynced("sam", "c3", { text: "Was here", mode: "note" }, "2026-11-22T09:00:00.000Z");
    writeDraft("sam", "c3", { text: "", mode: "note" });
    writeDraft("ada", "c4", { text: "Ada's", mode: "reply" });
    expect(unsentDrafts("sam").sort((a, b) => a.conversationId.localeCompare(b.conversationId))).toEqual([
      { conversationId: "c1", draft: { text: "Unsent", mode: "reply", images: [] } },
      { conversationId: "c3", draft: { text: "", mode: "note", images: [] } },
    ]);
  });

  it("take the server's newer copy, from another device, in place of this one, or its clearing", () => {
    writeDraft("sam", "c1", { text: "Dear Ana", mode: "reply" });
    adoptDraft("sam", "c1", { text: "Guest called: parking agreed", mode: "note" }, "2026-11-22T09:05:00.000Z");
    expect(readDraftSync("sam", "c1")).toEqual({ draft: { text: "Guest called: parking agreed", mode: "note", images: [] }, syncedAt: "2026-11-22T09:05:00.000Z" });
    adoptDraft("sam", "c1", null, "2026-11-22T09:06:00.000Z");
    expect(readDraft("sam", "c1")).toBeNull();
    expect(readDraftSync("sam", "c1")).toBeNull();
  });
});
