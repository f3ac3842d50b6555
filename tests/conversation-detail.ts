// A conversation as the thread view gets it (GET /api/conversations/[id]), for component tests.
import type { ConversationDetail } from "@/lib/inbox/schemas";

export function conversationDetail(overrides: Partial<ConversationDetail> = {}): ConversationDetail {
  return {
    id: "5f0c2a4e-8b1d-4c5e-9a77-1d2e3f4a5b6c",
    propertyId: "6819547",
    propertyName: "Casa do Rio Lisboa",
    type: "reservation",
    reference: "4338284887",
    guestName: "Ana Souza",
    access: "read_write",
    noReplyNeeded: false,
    lastMessageAt: null,
    lastMessagePreview: null,
    lastMessageSender: null,
    lastGuestMessageAt: null,
    needsReplySince: null,
    unread: false,
    snooze: null,
    assignee: null,
    starred: false,
    labelIds: [],
    scheduledReplyAt: null,
    propertyTimeZone: "Europe/Lisbon",
    messageCount: 0,
    changeSeq: "1",
    noReplyNeededProblem: null,
    lastReadAt: null,
    ...overrides,
  };
}
