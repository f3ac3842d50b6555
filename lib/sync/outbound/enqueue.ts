// The web app's entry points for staff actions that go to Booking.com. Each one checks access and the
// request, writes the action to Postgres first (so the inbox shows it at once), then asks the worker to
// carry it out (pg-boss job; see boss.ts). Route handlers call these with the guard's Viewer.
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { AppError, validationError } from "../../api/errors";
import { assertPropertyAccess, type Viewer } from "../../auth/guard";
import { db } from "../../db";
import { sendLaterProblem } from "../../inbox/send-later-window";
import { guestWroteSince, guestWroteSinceSql } from "../../inbox/unseen-guest-message";
import { assertNoReplySince } from "../../inbox/unseen-reply";
import { Prisma } from "../../generated/prisma/client";
import { refreshConversationSummaries } from "../conversation-summary";
import { newestGuestMessageSql } from "../guest-wrote-again";
import { cleanFileName, MAX_ATTACHMENT_BYTES, sniffImageType } from "./attachment-check";
import { dispatchOutbound } from "./boss";
import { lastErrorColumns, sendErrorColumns } from "./errors";
import { attachmentGone, createReplyIn } from "./create-reply";

export const MAX_REPLY_CHARACTERS = 10_000;
export const MAX_ATTACHMENTS_PER_REPLY = 10;

const clientKeySchema = z.string().trim().min(8, "must be at least 8 characters").max(200).regex(/^[\w:.-]+$/, "may contain letters, digits, _ : . -");

const replyInput = z.object({
  conversationId: z.uuid(),
  content: z
    .string()
    .refine((text) => text.trim().length > 0, "A reply needs text (Booking.com also requires text when sending images).")
    .refine((text) => text.length <= MAX_REPLY_CHARACTERS, `A reply can have at most ${MAX_REPLY_CHARACTERS} characters.`),
  clientKey: clientKeySchema,
  attachmentIds: z.array(z.uuid()).max(MAX_ATTACHMENTS_PER_REPLY, `At most ${MAX_ATTACHMENTS_PER_REPLY} images per reply.`).default([]),
  // Send later (lib/inbox/send-later-window.ts): the same rule as the composer's picker.
  sendAt: z.iso
    .datetime({ offset: true, error: "must be a date and time" })
    .transform((value) => new Date(value))
    .superRefine((at, context) => {
      const problem = sendLaterProblem(at, new Date());
      if (problem) context.addIssue({ code: "custom", message: problem });
    })
    .optional(),
  seenReplyAt: z.iso.datetime({ offset: true, error: "must be a date and time" }).nullable().optional(),
});

function parse<T extends z.ZodType>(schema: T, input: unknown, what: string): z.output<T> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(result.error, what);
  return result.data;
}

/** The conversation, if the viewer may see it; otherwise 404 (never reveal other properties' data). */
async function visibleConversation(viewer: Viewer, conversationId: string) {
  const conversation = await db().conversation.findUnique({ where: { id: conversationId } });
  if (!conversation) throw AppError.worded("not_found", "conversations.notFound");
  try {
    assertPropertyAccess(viewer, conversation.propertyId);
  } catch {
    throw AppError.worded("not_found", "conversations.notFound");
  }
  return conversation;
}

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function enqueueReply(input: {
  viewer: Viewer;
  conversationId: string;
  content: string;
  clientKey: string;
  attachmentIds?: string[];
  /** Send later: an ISO date-time at least a minute and at most 30 days ahead. */
  sendAt?: string;
  /** The newest reply to the guest the page shows (lib/inbox/unseen-reply.ts); undefined: no check. */
  seenReplyAt?: string | null;
}): Promise<{ messageId: string; created: boolean }> {
  const { viewer } = input;
  const request = parse(replyInput, input, "reply");

  // The same key again (double click, retried request): the message it already created.
  const existing = await db().message.findUnique({ where: { clientKey: request.clientKey }, select: { id: true, conversationId: true } });
  if (existing) {
    // In English: the composer makes a new key for every reply, so only an API client reusing one meets this.
    if (existing.conversationId !== request.conversationId) throw new AppError("conflict", "This client key was already used for another conversation.");
    await visibleConversation(viewer, existing.conversationId);
    return { messageId: existing.id, created: false };
  }

  const conversation = await visibleConversation(viewer, request.conversationId);
  // The same words the worker stores on a reply that failed for this reason (./errors.ts READ_ONLY_REASON).
  if (conversation.access === "read_only") throw AppError.worded("unprocessable", "replies.readOnly");
  if (request.attachmentIds.length > 0) {
    if (conversation.type === "request_to_book") throw AppError.worded("unprocessable", "attachments.requestToBook");
    const attachments = await db().attachment.findMany({
      where: { id: { in: request.attachmentIds }, conversationId: conversation.id, messageId: null, bookingId: null },
      select: { id: true },
    });
    if (attachments.length !== new Set(request.attachmentIds).size) throw attachmentGone();
  }

  try {
    const { messageId, actionId } = await db().$transaction(async (tx) => {
      // Of the same key sent twice, the first wrote the reply (returned above): only a new one is checked.
      await assertNoReplySince(tx, conversation.id, viewer.id, request.seenReplyAt);
      return createReplyIn(tx, {
        conversationId: conversation.id,
        propertyId: conversation.propertyId,
        content: request.content,
        clientKey: request.clientKey,
        kind: "reply",
        authorId: viewer.id,
        senderName: viewer.name,
        attachmentIds: request.attachmentIds,
        ...(request.sendAt ? { sendAt: request.sendAt } : {}),
      });
    });
    await dispatchOutbound([actionId], request.sendAt);
    return { messageId, created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // Two requests with the same key raced: the other one won.
    const winner = await db().message.findUnique({ where: { clientKey: request.clientKey }, select: { id: true } });
    if (!winner) throw error;
    return { messageId: winner.id, created: false };
  }
}

const attachmentInput = z.object({
  conversationId: z.uuid(),
  fileName: z.string().max(255),
  bytes: z.instanceof(Uint8Array),
});

export async function storeOutboundAttachment(input: {
  viewer: Viewer;
  conversationId: string;
  fileName: string;
  bytes: Uint8Array;
}): Promise<{ attachmentId: string }> {
  const request = parse(attachmentInput, input, "attachment");
  const conversation = await visibleConversation(input.viewer, request.conversationId);
  if (conversation.type === "request_to_book") throw AppError.worded("unprocessable", "attachments.requestToBook");
  if (request.bytes.byteLength === 0) throw AppError.worded("bad_request", "attachments.fileEmpty");
  if (request.bytes.byteLength > MAX_ATTACHMENT_BYTES) throw AppError.worded("bad_request", "attachments.fileTooLarge");
  const type = sniffImageType(request.bytes);
  if (!type) throw AppError.worded("bad_request", "attachments.notJpegOrPng");
  const attachment = await db().attachment.create({
    data: {
      conversationId: conversation.id,
      fileName: cleanFileName(request.fileName, type),
      fileType: type,
      fileSize: request.bytes.byteLength,
      content: Buffer.from(request.bytes),
    },
    select: { id: true },
  });
  return { attachmentId: attachment.id };
}

export async function enqueueNoReplyNeeded(input: {
  viewer: Viewer;
  conversationId: string;
  value: boolean;
  clientKey?: string;
  /** Setting the mark: the newest guest message the page shows (lib/inbox/unseen-guest-message.ts). */
  seenGuestMessageAt?: string | null;
}): Promise<{ actionId: string; created: boolean }> {
  const request = parse(z.object({ conversationId: z.uuid(), value: z.boolean(), clientKey: clientKeySchema.optional() }), input, "request");
  const clientKey = request.clientKey ?? `nrn:${randomUUID()}`;
  const existing = await db().outboundAction.findUnique({ where: { clientKey }, select: { id: true, conversationId: true } });
  if (existing) {
    await visibleConversation(input.viewer, existing.conversationId);
    return { actionId: existing.id, created: false };
  }
  const conversation = await visibleConversation(input.viewer, request.conversationId);
  const actionId = await db().$transaction(async (tx) => {
    // Optimistic: the inbox shows the new state at once; needs_reply_since follows in the summary.
    // The thread's activity says whose call it was, when the mark really changes (read under the lock
    // the update takes, so two staff clicking at once leave one line).
    const [before] = await tx.$queryRaw<{ no_reply_needed: boolean; guest_wrote_since: boolean }[]>`
      select no_reply_needed, ${request.value ? guestWroteSinceSql(Prisma.sql`conversations.id`, input.seenGuestMessageAt) : Prisma.sql`false`} as guest_wrote_since
      from conversations where id = ${conversation.id}::uuid for update`;
    // Marking "no reply needed" on a page behind the guest would take an unread question out of Needs reply.
    if (before?.guest_wrote_since) throw guestWroteSince("noReplyNeeded");
    // The mark covers the guest's messages stored now; a later one takes it away again
    // (lib/sync/guest-wrote-again.ts). Taking it away by hand forgets what it covered.
    await tx.$executeRawUnsafe(
      `UPDATE conversations c SET no_reply_needed = $2, no_reply_needed_through = CASE WHEN $2 THEN ${newestGuestMessageSql("c")} END, updated_at = now()
        WHERE c.id = $1::uuid`,
      conversation.id,
      request.value,
    );
    if (before && before.no_reply_needed !== request.value) {
      await tx.conversationActivity.create({ data: { conversationId: conversation.id, actorId: input.viewer.id, kind: request.value ? "no_reply_needed" : "reply_needed" } });
    }
    await refreshConversationSummaries(tx, [conversation.id]);
    if (request.value) await tx.conversation.update({ where: { id: conversation.id }, data: { needsReplySince: null } });
    const action = await tx.outboundAction.create({
      data: {
        kind: request.value ? "set_no_reply_needed" : "clear_no_reply_needed",
        conversationId: conversation.id,
        clientKey,
        createdById: input.viewer.id,
      },
    });
    return action.id;
  });
  await dispatchOutbound([actionId]);
  return { actionId, created: true };
}

export async function enqueueMarkGuestMessagesRead(input: { viewer: Viewer; conversationId: string }): Promise<{ actionId: string | null; marked: number }> {
  const request = parse(z.object({ conversationId: z.uuid() }), input, "request");
  const conversation = await visibleConversation(input.viewer, request.conversationId);
  const unread = await db().message.findMany({
    where: { conversationId: conversation.id, senderType: "guest", readByProperty: false, bookingId: { not: null } },
    select: { id: true, bookingId: true },
  });
  if (unread.length === 0) return { actionId: null, marked: 0 };
  const actionId = await db().$transaction(async (tx) => {
    await tx.message.updateMany({ where: { id: { in: unread.map((message) => message.id) } }, data: { readByProperty: true } });
    // Touch the conversation so live clients hear about the read tags.
    await refreshConversationSummaries(tx, [conversation.id]);
    const action = await tx.outboundAction.create({
      data: {
        kind: "mark_read",
        conversationId: conversation.id,
        clientKey: `read:${randomUUID()}`,
        payload: { messageIds: unread.map((message) => message.bookingId) },
        createdById: input.viewer.id,
      },
    });
    return action.id;
  });
  await dispatchOutbound([actionId]);
  return { actionId, marked: unread.length };
}

/** Staff retry of a failed action (or of the action of a failed reply). */
export async function retryOutbound(input: { viewer: Viewer; messageId?: string; actionId?: string }): Promise<{ actionId: string }> {
  const request = parse(z.object({ messageId: z.uuid().optional(), actionId: z.uuid().optional() }).refine((value) => value.messageId || value.actionId, "give messageId or actionId"), input, "retry");
  const action = request.actionId
    ? await db().outboundAction.findUnique({ where: { id: request.actionId } })
    : await db().outboundAction.findFirst({ where: { messageId: request.messageId }, orderBy: { createdAt: "desc" } });
  if (!action) throw AppError.worded("not_found", "replies.actionNotFound");
  const conversation = await visibleConversation(input.viewer, action.conversationId);
  if (action.state === "cancelled") throw AppError.worded("conflict", "replies.cancelled");
  if (action.state !== "failed") throw AppError.worded("conflict", action.state === "succeeded" ? "replies.alreadySent" : "replies.stillSending");
  if ((action.kind === "reply" || action.kind === "welcome") && conversation.access === "read_only") {
    throw AppError.worded("unprocessable", "replies.readOnly");
  }
  await db().$transaction(async (tx) => {
    await tx.outboundAction.update({ where: { id: action.id }, data: { state: "queued", ...lastErrorColumns(null) } });
    if (action.messageId) {
      // An `unknown` reply stays unknown: the executor looks for it at Booking.com before posting again.
      await tx.message.updateMany({ where: { id: action.messageId, sendState: "failed" }, data: { sendState: "queued", ...sendErrorColumns(null) } });
      await refreshConversationSummaries(tx, [action.conversationId]);
    }
  });
  await dispatchOutbound([action.id]);
  return { actionId: action.id };
}

/**
 * Cancels a reply scheduled for later: its action, still waiting, becomes `cancelled` and the message
 * (with any images) is removed, in one transaction. The worker claims an action the same way (queued →
 * running, execute.ts), so exactly one of the two wins: once the reply has started to go, this is a 409.
 */
export async function cancelScheduled(input: { viewer: Viewer; messageId: string }): Promise<void> {
  const request = parse(z.object({ messageId: z.uuid() }), input, "cancel");
  const message = await db().message.findUnique({ where: { id: request.messageId }, select: { id: true, conversationId: true, sendState: true } });
  if (!message) throw AppError.worded("not_found", "replies.messageNotFound");
  await visibleConversation(input.viewer, message.conversationId);
  const tooLate = () => AppError.worded("conflict", "replies.noLongerWaiting");
  if (message.sendState !== "scheduled") throw tooLate();
  await db().$transaction(async (tx) => {
    const claimed = await tx.outboundAction.updateMany({ where: { messageId: message.id, state: "queued", runAfter: { not: null } }, data: { state: "cancelled" } });
    if (claimed.count === 0) throw tooLate();
    await tx.attachment.deleteMany({ where: { messageId: message.id } });
    const removed = await tx.message.deleteMany({ where: { id: message.id, sendState: "scheduled" } });
    if (removed.count === 0) throw tooLate();
    await refreshConversationSummaries(tx, [message.conversationId]);
  });
}
