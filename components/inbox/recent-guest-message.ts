"use client";

import type { ConversationDetail } from "@/lib/inbox/schemas";
import { fetchConversation } from "./inbox-api";

/** A guest message older than this when it reaches the inbox is history (a new property's import), not news. */
const RECENT_MS = 10 * 60_000;

/**
 * The conversation a live change said a guest wrote in, when that message is news worth a notification
 * or a chime; null when it is history, or the conversation is gone or out of reach since (or the
 * network failed: nothing to announce then either).
 */
export async function recentGuestMessageIn(conversationId: string): Promise<ConversationDetail | null> {
  try {
    const conversation = await fetchConversation(conversationId);
    const at = conversation.lastGuestMessageAt ? Date.parse(conversation.lastGuestMessageAt) : Number.NaN;
    return Date.now() - at < RECENT_MS ? conversation : null;
  } catch {
    return null;
  }
}
