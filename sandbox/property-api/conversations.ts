import { z } from "zod";
import { HttpError, badRequest, notFound } from "../http/http-error";
import { parseJsonBody, type Reply, type RequestContext } from "../http/router";
import { decodeCursor, encodeCursor } from "../world/ids";
import { conversationAccess, propertyCanSendUntilMs } from "../world/messaging-window";
import { CONVERSATION_TYPES, type ConversationRecord, type MessageRecord } from "../world/types";
import type { World } from "../world/world";
import { okReply, wantsV12 } from "./envelope";
import { conversationScope, propertyScope, refuseInRequestToBook } from "./lookup";
import { isoUtc, renderConversationHead, renderConversationMessage, visibleInConversation } from "./render";

// The conversation endpoints. All return `ok` as the string "true".
// Paging: 50 per page, newest first, `next_page_id` is an opaque cursor (a time UUID carrying the
// sort key of the last item shown, like Booking's "…-8080-808080808080" ids). The cursor is a
// position in time, not an offset, so activity between pages behaves like the real API: a
// conversation with new activity jumps to the top (and is not repeated further down), and a message
// added while paging a thread is not on the later pages. On the last page `next_page_id` is "", as
// the search endpoint documents; the docs leave it open for conversations (open question 5).

export const PAGE_SIZE = 50;
const MAX_CONTENT_LENGTH = 20_000;

function readCursor(ctx: RequestContext): { ms: number; seq: number } | null {
  const pageId = ctx.query.get("page_id");
  if (pageId === null || pageId === "") return null;
  const cursor = decodeCursor(pageId);
  if (!cursor) throw badRequest(`Invalid page_id "${pageId}"; pass the next_page_id of the previous page.`);
  return cursor;
}

/** Items sorted newest first by (time, seq); returns the page after `cursor` and the next cursor. */
function pageAfter<T>(items: readonly T[], key: (item: T) => { ms: number; seq: number }, cursor: { ms: number; seq: number } | null): { page: T[]; next: string } {
  let start = 0;
  if (cursor) {
    // Binary search for the first item strictly older than the cursor.
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const k = key(items[mid] as T);
      const older = k.ms < cursor.ms || (k.ms === cursor.ms && k.seq < cursor.seq);
      if (older) hi = mid;
      else lo = mid + 1;
    }
    start = lo;
  }
  const page = items.slice(start, start + PAGE_SIZE);
  const last = page[page.length - 1];
  const hasMore = start + PAGE_SIZE < items.length;
  return { page, next: hasMore && last !== undefined ? encodeCursor(key(last).ms, key(last).seq) : "" };
}

export function listConversations(ctx: RequestContext): Reply {
  const { property } = propertyScope(ctx);
  const v12 = wantsV12(ctx);
  const cursor = readCursor(ctx);
  const now = ctx.world.clock.now();
  const { page, next } = pageAfter(ctx.world.conversationsByActivity(property.id), (c) => ({ ms: c.lastActivityMs, seq: c.seq }), cursor);
  const conversations = page.map((conversation) => {
    // "With the most recent message per conversation": only the latest one the caller may see.
    const latest = latestVisibleMessage(ctx.world, conversation, v12);
    return {
      ...renderConversationHead(ctx.world, conversation, v12, now),
      messages: latest ? [renderConversationMessage(ctx.world, conversation, latest, v12)] : [],
    };
  });
  return okReply({ ok: "true", conversations, next_page_id: next });
}

function latestVisibleMessage(world: World, conversation: ConversationRecord, v12: boolean): MessageRecord | undefined {
  for (let i = conversation.messageIds.length - 1; i >= 0; i--) {
    const message = world.messages.get(conversation.messageIds[i] ?? "");
    if (message && visibleInConversation(message, v12)) return message;
  }
  return undefined;
}

function conversationPage(ctx: RequestContext, conversation: ConversationRecord): Reply {
  const v12 = wantsV12(ctx);
  const cursor = readCursor(ctx);
  const newestFirst = ctx.world
    .messagesOf(conversation)
    .filter((message) => visibleInConversation(message, v12))
    .reverse();
  const { page, next } = pageAfter(newestFirst, (m) => ({ ms: m.timestampMs, seq: m.seq }), cursor);
  return okReply({
    conversation: {
      ...renderConversationHead(ctx.world, conversation, v12, ctx.world.clock.now()),
      messages: page.map((message) => renderConversationMessage(ctx.world, conversation, message, v12)),
    },
    next_page_id: next,
    ok: "true",
  });
}

export function getConversation(ctx: RequestContext): Reply {
  const { conversation } = conversationScope(ctx);
  return conversationPage(ctx, conversation);
}

export function getConversationByReference(ctx: RequestContext): Reply {
  const { property } = propertyScope(ctx);
  const type = ctx.params.conversationType ?? "";
  if (!(CONVERSATION_TYPES as readonly string[]).includes(type)) {
    throw badRequest(`conversation_type must be one of ${CONVERSATION_TYPES.join(", ")}, got "${type}".`);
  }
  const reference = ctx.query.get("conversation_reference");
  if (reference === null || reference === "") throw badRequest("conversation_reference is a required query parameter.");
  if (!/^\d+$/.test(reference)) throw badRequest(`conversation_reference must be a number (a reservation id), got "${reference}".`);
  const conversation = ctx.world.findByReference(property.id, type as ConversationRecord["type"], reference);
  if (!conversation) throw notFound(`No ${type} conversation with reference ${reference} for property ${property.id}.`);
  return conversationPage(ctx, conversation);
}

const postMessageBody = z.object({
  message: z.object({
    content: z
      .string()
      .max(MAX_CONTENT_LENGTH)
      .refine((text) => text.trim().length > 0, "must not be empty (an attachment cannot be sent without text)"),
    attachment_ids: z.array(z.string().min(1)).max(10).optional(),
  }),
});

export function postMessage(ctx: RequestContext): Reply {
  const { property, conversation } = conversationScope(ctx);
  const body = parseJsonBody(ctx, postMessageBody);
  const attachmentIds = body.message.attachment_ids ?? [];
  if (attachmentIds.length > 0) refuseInRequestToBook(conversation, "Attachments");
  for (const id of attachmentIds) {
    const attachment = ctx.world.attachments.get(id);
    if (!attachment || attachment.conversationId !== conversation.id) {
      throw badRequest(`Unknown attachment_id "${id}": upload it to this conversation first.`);
    }
  }
  const now = ctx.world.clock.now();
  if (conversationAccess(conversation, property, now) === "read_only") {
    const closedAt = isoUtc(propertyCanSendUntilMs(conversation, property));
    throw new HttpError(
      ctx.options.windowClosedStatus,
      "window_closed",
      `This conversation is read_only: the messaging window closed at ${closedAt} (7 days after checkout or cancellation, or 14 days after the guest's last message).`,
    );
  }
  const message = ctx.world.addMessage({
    conversationId: conversation.id,
    sender: "property",
    type: "free_text",
    content: body.message.content,
    attachmentIds,
    origin: "property_api",
  });
  // `guest_has_account` is typed string in the table but a boolean in the example; we send the boolean.
  return okReply({ guest_has_account: conversation.guest.hasAccount, message_id: message.id, ok: "true" });
}
