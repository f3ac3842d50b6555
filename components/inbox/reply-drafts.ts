// Unsent text in a thread's box, kept in this browser (localStorage) per staff member and conversation,
// so opening another conversation, reloading, or closing the tab by mistake loses nothing: the box
// holds it again on return, in the mode it was written in (a note stays a note, never turning into a
// reply to the guest), and the list marks the row "Draft". A reply's images are kept once uploaded (by
// their attachment ids: the bytes are already in Bellhop, unsent, and the server checks again on
// sending that they still are); an upload still in progress cannot outlive the page. Sending or saving,
// or emptying the box, removes the draft; signing out removes every draft on this browser (a front
// desk's computer is shared); one untouched for DRAFT_TTL_MS is dropped.
// Each copy also says whether the server has it (use-draft-sync.ts, lib/inbox/drafts.ts): `syncedAt`,
// the server's time of the version it matches, or null for a change made here and not sent yet (an
// emptied box then stays as an empty entry until the server has heard it, so the other devices learn).
import { useSyncExternalStore } from "react";

/** An image of the reply, uploaded to Bellhop but not sent yet. */
export type DraftImage = { attachmentId: string; fileName: string };
export type ReplyDraft = { text: string; mode: "reply" | "note"; images?: DraftImage[] };

const KEY_PREFIX = "bellhop.draft.";
export const DRAFT_TTL_MS = 14 * 24 * 60 * 60 * 1000;

const keyFor = (userId: string, conversationId: string) => `${KEY_PREFIX}${userId}.${conversationId}`;

type Stored = { text: string; mode: "reply" | "note"; images: DraftImage[]; savedAt: number; syncedAt: string | null };
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
    const { text, mode, images, savedAt, syncedAt } = value as Record<string, unknown>;
    if (typeof text !== "string" || (mode !== "reply" && mode !== "note") || typeof savedAt !== "number") return null;
    if (now - savedAt > DRAFT_TTL_MS) return null;
    // Only a reply has images; entries of another shape are dropped, the text kept.
    const kept = mode === "reply" && Array.isArray(images) ? images.filter(isDraftImage).slice(0, MAX_IMAGES) : [];
    const synced = typeof syncedAt === "string" && !Number.isNaN(Date.parse(syncedAt)) ? syncedAt : null;
    // Empty: kept only while the server has not heard that the box was emptied.
    if (isEmpty({ text, images: kept }) && synced !== null) return null;
    return { text, mode, images: kept, savedAt, syncedAt: synced };
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
  return isEmpty(stored) ? null : { text: stored.text, mode: stored.mode, images: stored.images };
}

/** This browser's copy and whether the server has it; null when there is none. */
export function readDraftSync(userId: string, conversationId: string): { draft: ReplyDraft; syncedAt: string | null } | null {
  const stored = parse(storage()?.getItem(keyFor(userId, conversationId)) ?? null);
  return stored ? { draft: { text: stored.text, mode: stored.mode, images: stored.images }, syncedAt: stored.syncedAt } : null;
}

/** The server has this version (its time `savedAt`), if the copy here has not changed since it was sent. */
export function markDraftSynced(userId: string, conversationId: string, sent: ReplyDraft, savedAt: string): void {
  const store = storage();
  const key = keyFor(userId, conversationId);
  const stored = parse(store?.getItem(key) ?? null);
  if (!store || !stored || !sameContent(stored, sent)) return;
  try {
    if (isEmpty(stored)) store.removeItem(key);
    else store.setItem(key, JSON.stringify({ ...stored, syncedAt: savedAt } satisfies Stored));
  } catch {
    return;
  }
}

/** The server's copy is newer (written on another device): it replaces this one (null: the draft is gone). */
export function adoptDraft(userId: string, conversationId: string, draft: ReplyDraft | null, savedAt: string): void {
  const store = storage();
  if (!store) return;
  const key = keyFor(userId, conversationId);
  try {
    if (!draft || isEmpty({ text: draft.text, images: draft.images ?? [] })) store.removeItem(key);
    else store.setItem(key, JSON.stringify({ text: draft.text, mode: draft.mode, images: draft.mode === "reply" ? (draft.images ?? []) : [], savedAt: Date.now(), syncedAt: savedAt } satisfies Stored));
  } catch {
    return;
  }
  notify();
}

function isEmpty(draft: { text: string; images: DraftImage[] }): boolean {
  return draft.text.trim() === "" && draft.images.length === 0;
}

function sameContent(stored: Stored, draft: ReplyDraft): boolean {
  const images = draft.mode === "reply" ? (draft.images ?? []) : [];
  if (isEmpty(stored) && isEmpty({ text: draft.text, images })) return true;
  return stored.text === draft.text && stored.mode === draft.mode && stored.images.map((image) => image.attachmentId).join() === images.map((image) => image.attachmentId).join();
}

function isDraftImage(value: unknown): value is DraftImage {
  if (typeof value !== "object" || value === null) return false;
  const { attachmentId, fileName } = value as Record<string, unknown>;
  return typeof attachmentId === "string" && /^[0-9a-f-]{36}$/i.test(attachmentId) && typeof fileName === "string" && fileName.length <= 255;
}

/**
 * Keeps the box's text and a reply's uploaded images, as a change the server has not heard yet (nothing
 * in the box clears the draft; what is kept already, e.g. on opening, changes nothing).
 */
export function writeDraft(userId: string, conversationId: string, draft: ReplyDraft): void {
  const store = storage();
  if (!store) return;
  const key = keyFor(userId, conversationId);
  const stored = parse(store.getItem(key));
  const images = draft.mode === "reply" ? (draft.images ?? []) : [];
  if (stored ? sameContent(stored, draft) : isEmpty({ text: draft.text, images })) return;
  const hadDraft = stored !== null && !isEmpty(stored);
  try {
    store.setItem(key, JSON.stringify({ text: draft.text, mode: draft.mode, images, savedAt: Date.now(), syncedAt: null } satisfies Stored));
  } catch {
    // Storage full: the box still holds the text; only a reload would lose it.
    return;
  }
  if (hadDraft !== !isEmpty({ text: draft.text, images })) notify();
}

/** This staff member's copies changed on this browser and not sent to the server yet (before signing out). */
export function unsentDrafts(userId: string): { conversationId: string; draft: ReplyDraft }[] {
  const store = storage();
  if (!store) return [];
  const prefix = `${KEY_PREFIX}${userId}.`;
  const keys = Array.from({ length: store.length }, (_, index) => store.key(index)).filter((key): key is string => key?.startsWith(prefix) ?? false);
  return keys.flatMap((key) => {
    const stored = parse(store.getItem(key));
    return stored && stored.syncedAt === null ? [{ conversationId: key.slice(prefix.length), draft: { text: stored.text, mode: stored.mode, images: stored.images } }] : [];
  });
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

/**
 * Whether this browser holds a draft of this staff member in this conversation (the row's "Draft"):
 * "draft", "none" (emptied here, the server not told yet), or "unknown" (nothing here: the server's
 * list of drafts, written on other devices, tells).
 */
export function useLocalDraft(userId: string, conversationId: string): "draft" | "none" | "unknown" {
  return useSyncExternalStore(
    subscribe,
    () => {
      const stored = parse(storage()?.getItem(keyFor(userId, conversationId)) ?? null);
      return stored === null ? "unknown" : isEmpty(stored) ? "none" : "draft";
    },
    () => "unknown",
  );
}
