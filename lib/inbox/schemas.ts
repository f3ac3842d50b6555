// The inbox's boundary: zod schemas for every query string and body the inbox routes accept, and the
// JSON shapes they answer with. Components import the types only (`import type`), so zod stays out of
// the browser bundle unless a component needs a schema at run time.
import { z } from "zod";
import { BULK_MAX } from "./bulk-limit";
import { INBOX_SORTS, INBOX_VIEWS } from "./list-views";
import { REPORT_PERIODS } from "./report-periods";

export const PAGE_SIZE_MAX = 100;

export const listConversationsQuery = z.object({
  view: z.enum(INBOX_VIEWS).default("all"),
  sort: z.enum(INBOX_SORTS).default("recent"),
  property: z.string().regex(/^\d{1,20}$/, "must be a property id").optional(),
  /** Only the conversations that carry this label (lib/inbox/labels.ts). */
  label: z.uuid({ error: "must be a label id" }).optional(),
  q: z.string().trim().max(200).optional(),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(50),
});
export type ListConversationsInput = z.infer<typeof listConversationsQuery>;

export const conversationIdParam = z.uuid();

export const threadQuery = z.object({
  before: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(50),
});

export const changesQuery = z.object({ since: z.coerce.bigint().min(0n) });

export const sendReplyBody = z.strictObject({
  content: z.string().max(10_000),
  clientKey: z.uuid(),
  attachmentIds: z.array(z.uuid()).max(10).optional(),
  /** Send later, at this time (with an offset, e.g. from toISOString()); absent: now. */
  sendAt: z.iso.datetime({ offset: true, error: "must be a date and time, e.g. 2026-11-24T08:00:00.000Z" }).optional(),
  /** The newest reply to the guest the page shows (null: none); an answer by someone else since is a 409 (lib/inbox/unseen-reply.ts). Absent: no check. */
  seenReplyAt: z.iso.datetime({ offset: true, error: "must be a date and time, e.g. 2026-11-24T08:00:00.000Z" }).nullable().optional(),
});

const seenGuestMessageAt = z.iso.datetime({ offset: true, error: "must be a date and time, e.g. 2026-11-24T09:00:00.000Z" }).nullable().optional();

/** `seenGuestMessageAt`: the newest guest message the page shows (null: none); setting the mark after a newer one is a 409. */
export const noReplyNeededBody = z.strictObject({ value: z.boolean(), clientKey: z.uuid().optional(), seenGuestMessageAt });

/** `until`: when it wakes (with an offset, e.g. from toISOString()); null: until the guest replies. */
export const snoozeBody = z.strictObject({
  until: z.iso.datetime({ offset: true, error: "must be a date and time, e.g. 2026-11-24T09:00:00.000Z" }).nullable(),
  /** The newest guest message the staff member has seen (null: none); a newer one makes it a 409. */
  seenGuestMessageAt,
});

/** `userId`: the staff member to assign it to; null: unassign. */
export const assigneeBody = z.strictObject({ userId: z.uuid({ error: "must be a user id" }).nullable() });

export const findByReservationBody = z.strictObject({
  propertyId: z.string().regex(/^\d{1,20}$/, "Choose a property."),
  reservation: z
    .string()
    .trim()
    .regex(/^\d{4,20}$/, "A reservation number is digits only, e.g. 4338284887."),
});

export const savedRepliesQuery = z.object({ conversationId: z.uuid() });

/** The response-time report: a period in days and, optionally, one property. */
export const reportQuery = z.object({
  days: z.enum(REPORT_PERIODS.map(String) as ["7", "30", "90"], { error: "The period is 7, 30 or 90 days." }).default("30").transform(Number),
  property: z.string().regex(/^\d{1,20}$/, "must be a property id").optional(),
});
export type ReportQuery = z.infer<typeof reportQuery>;

/** Putting one of the team's labels on a conversation (`applied`), or taking it off. */
export const conversationLabelBody = z.strictObject({
  labelId: z.uuid({ error: "must be a label id" }),
  applied: z.boolean({ error: "applied must be true or false." }),
});


const isoTime = z.iso.datetime({ offset: true, error: "must be a date and time, e.g. 2026-11-24T09:00:00.000Z" });

/**
 * One action on several conversations, chosen in the list. "read" is this staff member's own (it does not
 * set Booking.com's read tag: nobody opened the threads). "no_reply_needed" and "snooze" take, per
 * conversation, the newest guest message the list showed (`seenGuestMessageAt`), as the thread does.
 */
export const bulkActionBody = z.strictObject({
  conversationIds: z.array(z.uuid({ error: "must be conversation ids" })).min(1, "Choose at least one conversation.").max(BULK_MAX, `At most ${BULK_MAX} conversations at once.`),
  action: z.discriminatedUnion(
    "type",
    [
      z.strictObject({ type: z.literal("read") }),
      z.strictObject({ type: z.literal("unread") }),
      z.strictObject({ type: z.literal("no_reply_needed"), value: z.boolean(), seenGuestMessageAt: z.record(z.string(), isoTime.nullable()).optional() }),
      z.strictObject({ type: z.literal("label"), labelId: z.uuid({ error: "must be a label id" }), applied: z.boolean() }),
      /** `until` null: until the guest replies. */
      z.strictObject({ type: z.literal("snooze"), until: isoTime.nullable(), seenGuestMessageAt: z.record(z.string(), isoTime.nullable()).optional() }),
      /** `userId` null: unassign. */
      z.strictObject({ type: z.literal("assign"), userId: z.uuid({ error: "must be a user id" }).nullable() }),
    ],
    { error: "action.type must be read, unread, no_reply_needed, label, snooze or assign" },
  ),
});
export type BulkAction = z.infer<typeof bulkActionBody>["action"];

/** Each conversation's outcome, in the order asked; one refused (gone, out of scope, a 409…) does not stop the others. */
export type BulkResult = { results: ({ conversationId: string; ok: true } | { conversationId: string; ok: false; error: { code: string; message: string } })[] };

/**
 * The bulk bar's assign picker: who may be given conversations of all these properties (`?property=`
 * once per property of the chosen conversations).
 */
export const assigneesQuery = z.object({
  property: z
    .array(z.string().regex(/^\d{1,20}$/, "must be a property id"))
    .min(1, "Name at least one property.")
    .max(BULK_MAX, `At most ${BULK_MAX} properties at once.`),
});

/** Starring a conversation, or taking the star away: the viewer's own. */
export const starBody = z.strictObject({ starred: z.boolean({ error: "starred must be true or false." }) });

export const NOTE_MAX_LENGTH = 10_000;
export const addNoteBody = z.strictObject({
  content: z.string().trim().min(1, "Write something first.").max(NOTE_MAX_LENGTH, `A note can be at most ${NOTE_MAX_LENGTH.toLocaleString("en")} characters.`),
  clientKey: z.uuid(),
});
export const noteIdParam = z.uuid();

/** The most images a reply takes (sendReplyBody), and so a draft keeps. */
const DRAFT_IMAGES_MAX = 10;
/**
 * A draft as the box holds it (lib/inbox/drafts.ts). No text and no images clears it. Only a reply
 * has images: a note never goes to the guest.
 */
export const draftImageSchema = z.strictObject({ attachmentId: z.uuid(), fileName: z.string().min(1).max(255) });
export const saveDraftBody = z
  .strictObject({
    mode: z.enum(["reply", "note"]),
    text: z.string().max(NOTE_MAX_LENGTH, `A draft can be at most ${NOTE_MAX_LENGTH.toLocaleString("en")} characters.`),
    images: z.array(draftImageSchema).max(DRAFT_IMAGES_MAX).default([]),
  })
  .refine((draft) => draft.mode === "reply" || draft.images.length === 0, { message: "A note has no images.", path: ["images"] });
export type SaveDraftInput = z.infer<typeof saveDraftBody>;
export type DraftImage = z.infer<typeof draftImageSchema>;
/** A staff member's draft in a conversation, and when it last changed (a cleared one has no draft). */
export type SavedDraft = { draft: { mode: "reply" | "note"; text: string; images: DraftImage[] } | null; savedAt: string | null };

export const PRESENCE_ACTIVITIES = ["viewing", "replying"] as const;
export type PresenceActivity = (typeof PRESENCE_ACTIVITIES)[number];

/** A browser tab saying it has the conversation open (and whether a reply is being written in it). */
export const presenceBody = z.strictObject({ tabId: z.uuid(), activity: z.enum(PRESENCE_ACTIVITIES) });
export const presenceLeaveQuery = z.object({ tab: z.uuid() });

// ---- response shapes -------------------------------------------------------------------------

export type ConversationListItem = {
  id: string;
  propertyId: string;
  propertyName: string;
  type: "reservation" | "request_to_book";
  reference: string;
  guestName: string | null;
  access: "read_write" | "read_only";
  noReplyNeeded: boolean;
  lastMessageAt: string | null;
  lastMessagePreview: string | null;
  lastMessageSender: "guest" | "property" | null;
  /** The guest's newest message (a bulk "no reply needed" says it was seen, as the thread's toggle does). */
  lastGuestMessageAt: string | null;
  needsReplySince: string | null;
  unread: boolean;
  /** null unless snoozed right now (a snooze whose time has passed is over, even before the worker clears it). */
  snooze: Snooze | null;
  /** Who it is assigned to; null when unassigned. */
  assignee: Assignee | null;
  /** Starred by the viewer (stars are each staff member's own). */
  starred: boolean;
  /** The team's labels on it, in the order they were put on (ids of GET /api/labels). */
  labelIds: string[];
  /** When the soonest reply scheduled for later goes (send later); null: none is waiting. */
  scheduledReplyAt: string | null;
  /** Search results only: the newest message that matched (null: the name or reservation number did). */
  searchHit?: SearchHit | null;
};

/** A message a search found in a conversation: 400 characters of it from shortly before the first word found (`cut`: its start is left out). */
export type SearchHit = { messageId: string; content: string; cut: boolean; sentAt: string; sender: "guest" | "property" };

/** A staff member a conversation is (or may be) assigned to. */
export type Assignee = { id: string; name: string };

/** `until` null: until the guest replies. `by`: the name of who snoozed it (null if that user was deleted). */
export type Snooze = { until: string | null; by: string | null };

export type ConversationPage = { items: ConversationListItem[]; nextCursor: string | null };

export type ConversationDetail = ConversationListItem & {
  propertyTimeZone: string;
  messageCount: number;
  changeSeq: string;
  /**
   * Why Booking.com did not take the conversation's latest change of "no reply needed" (it failed for
   * good, so Booking.com shows the other state); null when it did, or is still trying.
   */
  noReplyNeededProblem: string | null;
  /**
   * When this staff member last read it (null: never, or marked unread since). The thread marks the
   * guest messages that arrived after it as new.
   */
  lastReadAt: string | null;
};

export type ThreadAttachment = {
  id: string;
  fileName: string | null;
  fileType: string | null;
  fileSize: number | null;
};

export type ThreadMessage = {
  id: string;
  /**
   * "note": an internal note of the staff (lib/inbox/notes.ts), shown among the messages, never sent.
   * "activity": something the team did (assigned, snoozed…), described by `activity`.
   */
  senderType: "guest" | "property" | "note" | "activity";
  senderName: string | null;
  authorName: string | null;
  messageType: string;
  content: string;
  templateName: string | null;
  selfServiceTopic: string | null;
  sentAt: string;
  /**
   * When the staff could first have seen it: the later of `sentAt` and Bellhop's storing it. A message
   * the queue delivered late, or a gap reconciliation repaired, has an older `sentAt` (and sits higher
   * in the thread) but arrived after it (lib/inbox/list-conversations.ts unreadSql compares the same).
   */
  arrivedAt: string;
  readByGuest: boolean;
  /** "scheduled": sent later, at `sentAt` (it can still be cancelled). */
  sendState: "scheduled" | "queued" | "sending" | "unknown" | "sent" | "failed" | null;
  sendError: string | null;
  clientKey: string | null;
  attachments: ThreadAttachment[];
  /** Notes only: whether this viewer may delete it (its author, or an admin). */
  canDelete: boolean;
  /** Activity only (null otherwise). */
  activity: ThreadActivity | null;
};

export const ACTIVITY_KINDS = [
  "assigned",
  "unassigned",
  "assignment_cleared",
  "snoozed",
  "unsnoozed",
  "no_reply_needed",
  "reply_needed",
  "no_reply_needed_on_booking",
  "reply_needed_on_booking",
  "snooze_ended",
  "snooze_ended_guest_wrote",
  "reply_needed_guest_wrote",
  "labelled",
  "unlabelled",
] as const;
/**
 * The team's action on the conversation (lib/inbox/assign-conversation.ts, snooze-conversation.ts, and
 * the "no reply needed" mark, lib/sync/outbound/enqueue.ts).
 * `actorName`: who did it (null: the account is gone); `subjectName`: whom it was assigned to or taken
 * from; `actorIsSubject`: they assigned (or unassigned) themselves, told by id, not by name;
 * `until`: when a snooze ends (null: until the guest replies).
 */
export type ThreadActivity = {
  kind: (typeof ACTIVITY_KINDS)[number];
  actorName: string | null;
  subjectName: string | null;
  actorIsSubject: boolean;
  until: string | null;
  /** labelled, unlabelled: the label's name when it was put on or taken off. */
  labelName: string | null;
};

/** Newest first; the client reverses for display. */
export type ThreadPage = { messages: ThreadMessage[]; nextCursor: string | null };

export type ConversationChanges = { seq: string; changes: { conversationId: string; seq: string }[]; truncated: boolean };

export type SavedReplyPreview = { id: string; title: string; text: string; missing: string[]; unknown: string[] };

/** The other staff members who have a conversation open; `refreshInMs`: when the soonest of them expires. */
export type ConversationPresence = { others: { userId: string; name: string; activity: PresenceActivity }[]; refreshInMs: number | null };
/** Colleagues' presence in every conversation the viewer may see, by conversation id (only those with someone in them). */
export type PresenceInScope = { conversations: Record<string, ConversationPresence["others"]>; refreshInMs: number | null };
