"use client";

// Unsent text in a thread's box, kept in this browser (localStorage) per staff member and conversation,
// so opening another conversation, reloading, or closing the tab by mistake loses nothing: the box
// holds it again on return, in the mode it was written in (a note stays a note, never turning into a
// reply to the guest), and the list marks the row "Draft". A reply's images are kept once uploaded (by
// their attachment ids: the bytes are already in Bellhop, unsent, and the server checks again on
// sending that they still are); an upload still in progress cannot outlive the page. Sending or saving,
// or emptying the box, removes the draft; signing out removes every draft on this browser (a front
// desk's computer is shared); one untouched for DRAFT_TTL_MS is dropped.
import { useSyncExternalStore } from "react";

/** An image of the reply, uploaded to Bellhop but not sent yet. */
export type DraftImage = { attachmentId: string; fileName: string };
export type ReplyDraft = { text: string; mode: "reply" | "note"; images?: DraftImage[] };

const KEY_PREFIX = "bellhop.draft.";
export const DRAFT_TTL_MS = 14 * 24 * 60 * 60 * 1000;

const keyFor = (userId: string, conversationId: string) => `${KEY_PREFIX}${userId}.${conversationId}`;

type Stored = { text: string; mode: "reply" | "note"; images: DraftImage[]; savedAt: number };
const MAX_IMAGES = 20;

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.localStorage;
  } catch {
    // Storage refused (a privacy setting): drafts then live only as long as the box.
    return null;
  }
}

/** What is stored, if it still has the shape this code writes and is not too old; anything else is dropped. */
function parse(raw: string | null, now = Date.now()): Stored | null {
  if (raw === null) return null;
  try {
    const value: unknown = JSON.parse(raw);
    if (typeof value !== "object" || value === null) return null;
    const { text, mode, images, savedAt } = value as Record<string, unknown>;
    if (typeof text !== "string" || (mode !== "reply" && mode !== "note") || typeof savedAt !== "number") return null;
    if (now - savedAt > DRAFT_TTL_MS) return null;
    // Only a reply has images; entries of another shape are dropped, the text kept.
    const kept = mode === "reply" && Array.isArray(images) ? images.filter(isDraftImage).slice(0, MAX_IMAGES) : [];
    if (text.trim() === "" && kept.length === 0) return null;
    return { text, mode, images: kept, savedAt };
  } catch {
    return null;
  }
}

export function readDraft(userId: string, conversationId: string): ReplyDraft | null {
  const store = storage();
  if (!store) return null;
  const key = keyFor(userId, conversationId);
  const stored = parse(store.getItem(key));
  if (!stored) {
    store.removeItem(key);
    return null;
  }
  return { text: stored.text, mode: stored.mode, images: stored.images };
}

function isDraftImage(value: unknown): value is DraftImage {
  if (typeof value !== "object" || value === null) return false;
  const { attachmentId, fileName } = value as Record<string, unknown>;
  return typeof attachmentId === "string" && /^[0-9a-f-]{36}$/i.test(attachmentId) && typeof fileName === "string" && fileName.length <= 255;
}

/** Keeps the box's text and a reply's uploaded images (nothing in the box removes the draft). */
export function writeDraft(userId: string, conversationId: string, draft: ReplyDraft): void {
  const store = storage();
  if (!store) return;
  const key = keyFor(userId, conversationId);
  const had = store.getItem(key) !== null;
  try {
    const images = draft.mode === "reply" ? (draft.images ?? []) : [];
    if (draft.text.trim() === "" && images.length === 0) store.removeItem(key);
    else store.setItem(key, JSON.stringify({ text: draft.text, mode: draft.mode, images, savedAt: Date.now() } satisfies Stored));
  } catch {
    // Storage full: the box still holds the text; only a reload would lose it.
    return;
  }
  if (had !== (store.getItem(key) !== null)) notify();
}

/** Every draft on this browser, whoever wrote it (signing out). */
export function clearAllDrafts(): void {
  const store = storage();
  if (!store) return;
  const keys = Array.from({ length: store.length }, (_, index) => store.key(index)).filter((key): key is string => key?.startsWith(KEY_PREFIX) ?? false);
  for (const key of keys) store.removeItem(key);
  notify();
}

const listeners = new Set<() => void>();
function notify() {
  for (const listener of listeners) listener();
}
function subscribe(listener: () => void) {
  listeners.add(listener);
  // Another tab wrote or removed a draft.
  const onStorage = (event: StorageEvent) => {
    if (event.key === null || event.key.startsWith(KEY_PREFIX)) listener();
  };
  window.addEventListener("storage", onStorage);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", onStorage);
  };
}

/** Whether this staff member has a draft in this conversation (the row's "Draft"). */
export function useHasDraft(userId: string, conversationId: string): boolean {
  return useSyncExternalStore(
    subscribe,
    () => parse(storage()?.getItem(keyFor(userId, conversationId)) ?? null) !== null,
    () => false,
  );
}
