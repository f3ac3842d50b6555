"use client";

// A draft follows the staff member to their other devices (lib/inbox/drafts.ts). The box writes this
// browser's copy at once (reply-drafts.ts); a moment after the typing stops, and when the box goes
// away (another conversation, a reload, a closed tab), the copy goes to the server. On opening, the
// server's copy replaces this one when it is newer than the version this one last matched, i.e. it was
// written or cleared on another device since, and the box has not been typed in meanwhile. A copy
// changed here and not sent yet (offline) is never replaced: it is sent. Times are compared only with
// times the server gave, never with this device's clock.
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { fetchDraft, fetchDraftConversationIds, putDraft } from "./inbox-api";
import { inboxKeys } from "./query-keys";
import { adoptDraft, markDraftSynced, readDraftSync, unsentDrafts, useLocalDraft, type ReplyDraft } from "./reply-drafts";

/** How long after the last keystroke the draft goes to the server. */
const SYNC_DELAY_MS = 800;

export function useDraftSync({
  owner,
  conversationId,
  draft,
  onAdopt,
}: {
  /** The signed-in staff member; none: no drafts are kept. */
  owner: string | undefined;
  conversationId: string;
  /** What the box holds now (already written to this browser's copy). */
  draft: ReplyDraft;
  /** The server's newer copy, for the box to show (null: it was cleared on another device). */
  onAdopt: (draft: ReplyDraft | null) => void;
}): void {
  const queryClient = useQueryClient();
  const server = useQuery({
    queryKey: inboxKeys.draft(conversationId),
    queryFn: ({ signal }) => fetchDraft(conversationId, signal),
    enabled: Boolean(owner),
    staleTime: 0,
    gcTime: 0,
    retry: false,
  });

  // What the box held when it opened: typed in since, it is not replaced.
  const content = contentKey(draft);
  const [opened] = useState(content);
  const decided = useRef(false);
  const latestAdopt = useRef(onAdopt);
  useEffect(() => {
    latestAdopt.current = onAdopt;
  });
  useEffect(() => {
    const answer = server.data;
    if (!owner || !answer || decided.current) return;
    decided.current = true;
    if (answer.savedAt === null || content !== opened) return;
    const here = readDraftSync(owner, conversationId);
    if (here && (here.syncedAt === null || Date.parse(here.syncedAt) >= Date.parse(answer.savedAt))) return;
    if (!here && !answer.draft) return;
    adoptDraft(owner, conversationId, answer.draft, answer.savedAt);
    latestAdopt.current(answer.draft);
  }, [owner, conversationId, server.data, content, opened]);

  // Sends this browser's copy if the server does not have it yet; the answer marks the copy as synced
  // only if it has not changed since it was sent. A failure leaves it unsent: it goes with the next
  // change, or the next time the box opens.
  const send = useRef((keepalive: boolean) => {
    if (!owner) return;
    const here = readDraftSync(owner, conversationId);
    if (!here || here.syncedAt !== null) return;
    void sendDraft(owner, conversationId, here.draft, keepalive).then((sent) => {
      if (sent) void queryClient.invalidateQueries({ queryKey: inboxKeys.drafts() });
    });
  });
  useEffect(() => {
    if (!owner) return;
    const timer = setTimeout(() => send.current(false), SYNC_DELAY_MS);
    return () => clearTimeout(timer);
  }, [owner, content]);
  // Going away: what is not sent yet goes now, and still arrives (keepalive) if the page is closing.
  useEffect(() => {
    const flush = () => send.current(true);
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, []);
}

/** Sends one copy; marks it synced if it has not changed since. False when it could not be sent. */
async function sendDraft(owner: string, conversationId: string, draft: ReplyDraft, keepalive: boolean): Promise<boolean> {
  try {
    const { savedAt } = await putDraft(conversationId, { mode: draft.mode, text: draft.text, images: draft.mode === "reply" ? (draft.images ?? []) : [] }, keepalive);
    markDraftSynced(owner, conversationId, draft, savedAt);
    return true;
  } catch {
    return false;
  }
}

/**
 * Before signing out, which removes this browser's copies: those not sent yet (typed a moment ago,
 * or while offline) go to the server, so that their writer finds them on their next device. At most
 * `timeoutMs`: signing out never waits long.
 */
export async function sendUnsentDrafts(owner: string, timeoutMs = 3_000): Promise<void> {
  const sends = unsentDrafts(owner).map(({ conversationId, draft }) => sendDraft(owner, conversationId, draft, true));
  await Promise.race([Promise.all(sends), new Promise((resolve) => setTimeout(resolve, timeoutMs))]);
}

function contentKey(draft: ReplyDraft): string {
  const images = draft.mode === "reply" ? (draft.images ?? []) : [];
  return JSON.stringify([draft.mode, draft.text, images.map((image) => image.attachmentId)]);
}

/**
 * Whether the staff member has a draft in this conversation (the row's "Draft"): this browser's copy
 * says so, or, with none here, the server's list does (a draft written on another device).
 */
export function useHasDraft(owner: string, conversationId: string): boolean {
  const here = useLocalDraft(owner, conversationId);
  const server = useQuery({
    queryKey: inboxKeys.drafts(),
    queryFn: ({ signal }) => fetchDraftConversationIds(signal),
    select: asSet,
    staleTime: 30_000,
    refetchOnWindowFocus: true,
  });
  return here === "draft" || (here === "unknown" && (server.data?.has(conversationId) ?? false));
}

function asSet(answer: { conversationIds: string[] }): ReadonlySet<string> {
  return new Set(answer.conversationIds);
}
