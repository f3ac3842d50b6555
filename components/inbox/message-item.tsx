"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslations } from "use-intl";
import type { Messages } from "@/lib/i18n/english";
import { linkify } from "@/lib/inbox/linkify";
import type { ConversationDetail, ThreadActivity, ThreadAttachment, ThreadMessage } from "@/lib/inbox/schemas";
import { AttachmentLightbox } from "./attachment-lightbox";
import { Badge } from "./conversation-row";
import { describeActivity } from "./describe-activity";
import { localZone } from "./format-time";
import { useTimeFormat } from "../use-time-format";
import { cancelScheduledReply, deleteNote, retryMessage } from "./inbox-api";
import { useRestoreDraft } from "./restore-draft";
import { inboxKeys } from "./query-keys";
import { markWords } from "./search-highlight";
import { discardPendingSend, submitReply, type PendingSend } from "./use-pending-sends";
import { useErrorText } from "./use-error-text";

/** Booking.com's self-service topics, by the name of their words in the catalogue (thread.message.topics). */
const SELF_SERVICE_TOPICS: Partial<Record<string, keyof Messages["thread"]["message"]["topics"]>> = {
  checkin: "checkin",
  checkout: "checkout",
  change_dates_nr: "changeDates",
  cancel_booking: "cancelBooking",
  booking_basic_waive_fee: "waiveFee",
  parking: "parking",
  free_text_parking: "parking",
  bed_type: "bedType",
  extra_crib: "extraCrib",
  extra_bed: "extraBed",
};
/** Booking.com only takes the answer to these in the Extranet; a reply here does not answer them. */
const EXTRANET_ONLY = new Set(["change_dates_nr", "booking_basic_waive_fee"]);

/** Where a virtualised thread places a row: measured by `ref`, positioned at `start` pixels. */
export type VirtualRow = { ref: (element: HTMLLIElement | null) => void; index: number; start: number; count: number };

function rowProps(row: VirtualRow | undefined, className: string) {
  if (!row) return { className };
  return {
    ref: row.ref,
    "data-index": row.index,
    // Only some rows are in the DOM: tell assistive technology where this one sits in the whole list.
    "aria-posinset": row.index + 1,
    "aria-setsize": row.count,
    className: `${className} absolute inset-x-0 top-0`,
    style: { transform: `translateY(${row.start}px)` },
  };
}

/**
 * `found`: the message a search matched, which the thread was opened at (ringed, and said so).
 * `highlightWords`: the list's search words (searchWords), marked wherever they occur in the text.
 * `isNew`: a guest message that arrived since this staff member last read the thread (new-since-read.ts);
 * `firstNew`: the first of them, which the thread scrolls to when it opens.
 */
export function MessageItem({
  message,
  conversation,
  row,
  found = false,
  highlightWords = [],
  isNew = false,
  firstNew = false,
}: {
  message: ThreadMessage;
  conversation: ConversationDetail;
  row?: VirtualRow;
  found?: boolean;
  highlightWords?: readonly string[];
  isNew?: boolean;
  firstNew?: boolean;
}) {
  const t = useTranslations("thread.message");
  const time = useTimeFormat();
  if (message.senderType === "note") return <NoteItem note={message} conversation={conversation} row={row} />;
  if (message.activity) return <ActivityItem message={message} activity={message.activity} conversation={conversation} row={row} />;
  const fromGuest = message.senderType === "guest";
  const who = fromGuest ? message.senderName?.trim() || conversation.guestName?.trim() || t("guest") : message.authorName ? t("viaBellhop", { name: message.authorName }) : message.senderName?.trim() || conversation.propertyName;
  return (
    <li
      {...rowProps(row, `flex flex-col ${fromGuest ? "items-start" : "items-end"}`)}
      data-testid="message"
      data-sender={message.senderType}
      data-message-type={message.messageType}
      data-send-state={message.sendState ?? undefined}
      data-found={found || undefined}
      data-new={isNew || undefined}
      data-first-new={firstNew || undefined}
      aria-current={found || undefined}
    >
      <div className="mb-1 flex max-w-[85%] flex-wrap items-center gap-x-2 gap-y-1 px-1 text-xs text-slate-600 dark:text-slate-400">
        <span className="font-medium text-slate-700 dark:text-slate-200">{who}</span>
        <time dateTime={message.sentAt} title={time.full(message.sentAt, conversation.propertyTimeZone)}>
          {time.messageTime(message.sentAt, conversation.propertyTimeZone)}
        </time>
        <MessageTypeLabel message={message} />
        {isNew ? (
          <Badge tone="indigo" title={t("newTitle")}>
            {t("new")}
          </Badge>
        ) : null}
        {found ? <span className="font-medium text-amber-800 dark:text-amber-300">{t("found")}</span> : null}
      </div>
      <div
        className={`max-w-[85%] rounded-2xl px-3.5 py-2 text-sm leading-relaxed break-words whitespace-pre-wrap shadow-sm ${
          fromGuest ? "rounded-tl-md border border-slate-200 bg-white text-slate-900 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-100" : "rounded-tr-md bg-indigo-600 text-white dark:bg-indigo-500"
        } ${message.sendState === "failed" ? "ring-2 ring-red-500" : found ? "ring-2 ring-amber-400 ring-offset-2 ring-offset-slate-50 dark:ring-offset-slate-900" : ""}`}
        data-testid="message-content"
      >
        <LinkifiedText text={message.content} onDark={!fromGuest} highlightWords={highlightWords} />
        {message.attachments.length > 0 ? <AttachmentStrip attachments={message.attachments} /> : null}
      </div>
      {message.messageType === "self_service_event" && message.selfServiceTopic && EXTRANET_ONLY.has(message.selfServiceTopic) ? (
        <p className="mt-1 max-w-[85%] rounded-md bg-amber-50 px-3 py-1.5 text-xs text-amber-900 dark:bg-amber-950/50 dark:text-amber-200" data-testid="extranet-notice">
          {t("extranetOnly")}
        </p>
      ) : null}
      {!fromGuest ? <OutboundStatus message={message} conversationId={conversation.id} readOnly={conversation.access === "read_only"} /> : null}
    </li>
  );
}

/** An internal note: amber, marked as such, never with a send state (it is not sent anywhere). */
function NoteItem({ note, conversation, row }: { note: ThreadMessage; conversation: ConversationDetail; row?: VirtualRow }) {
  const errorText = useErrorText();
  const t = useTranslations("thread.note");
  const time = useTimeFormat();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const remove = useMutation({
    mutationFn: () => deleteNote(conversation.id, note.id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inboxKeys.thread(conversation.id) }),
  });
  return (
    <li {...rowProps(row, "flex flex-col items-end")} data-testid="message" data-sender="note">
      <div className="mb-1 flex max-w-[85%] flex-wrap items-center gap-x-2 gap-y-1 px-1 text-xs text-slate-600 dark:text-slate-400">
        <span className="font-medium text-slate-700 dark:text-slate-200">{note.authorName ?? t("formerColleague")}</span>
        <time dateTime={note.sentAt} title={time.full(note.sentAt, conversation.propertyTimeZone)}>
          {time.messageTime(note.sentAt, conversation.propertyTimeZone)}
        </time>
        <Badge tone="amber">{t("badge")}</Badge>
      </div>
      <div
        className="max-w-[85%] rounded-2xl rounded-tr-md border border-dashed border-amber-400 bg-amber-50 px-3.5 py-2 text-sm leading-relaxed break-words whitespace-pre-wrap text-amber-950 dark:border-amber-700 dark:bg-amber-950/50 dark:text-amber-50"
        data-testid="message-content"
      >
        <LinkifiedText text={note.content} onDark={false} />
      </div>
      {note.canDelete ? (
        <p className="mt-1 flex items-center gap-2 px-1 text-xs text-slate-600 dark:text-slate-400">
          {confirming ? (
            <>
              <span>{t("confirmDelete")}</span>
              <button type="button" className="btn-secondary py-0.5 text-xs" disabled={remove.isPending} onClick={() => remove.mutate()}>
                {remove.isPending ? t("deleting") : t("delete")}
              </button>
              <button type="button" className="btn-ghost py-0.5 text-xs" onClick={() => setConfirming(false)}>
                {t("keep")}
              </button>
            </>
          ) : (
            <button type="button" className="btn-ghost py-0.5 text-xs" onClick={() => setConfirming(true)}>
              {t("deleteNote")}
            </button>
          )}
          {remove.isError ? <span role="alert">{errorText(remove.error)}</span> : null}
        </p>
      ) : null}
    </li>
  );
}

/** One quiet, centred line: what the team did and when (assigned, snoozed…). */
function ActivityItem({ message, activity, conversation, row }: { message: ThreadMessage; activity: ThreadActivity; conversation: ConversationDetail; row?: VirtualRow }) {
  const t = useTranslations("thread");
  const time = useTimeFormat();
  return (
    <li {...rowProps(row, "flex justify-center")} data-testid="activity" data-activity-kind={activity.kind}>
      <p className="max-w-[85%] px-2 text-center text-xs text-slate-600 dark:text-slate-400">
        <span>{describeActivity(activity, localZone(), time, t)}</span>
        <span aria-hidden> · </span>
        <time dateTime={message.sentAt} title={time.full(message.sentAt, conversation.propertyTimeZone)}>
          {time.messageTime(message.sentAt, conversation.propertyTimeZone)}
        </time>
      </p>
    </li>
  );
}

function MessageTypeLabel({ message }: { message: ThreadMessage }) {
  const t = useTranslations("thread.message");
  switch (message.messageType) {
    case "free_text":
      return null;
    case "automatically_sent_template":
      return <Badge tone="sky">{message.templateName ? t("automaticTemplateNamed", { name: message.templateName }) : t("automaticTemplate")}</Badge>;
    case "self_service_event": {
      const topic = message.selfServiceTopic;
      const known = topic ? SELF_SERVICE_TOPICS[topic] : undefined;
      return <Badge tone="violet">{topic ? t("selfServiceTopic", { topic: known ? t(`topics.${known}`) : topic }) : t("selfService")}</Badge>;
    }
    case "request_to_book_event":
      return <Badge tone="violet">{t("requestToBook")}</Badge>;
    case "email":
      return <Badge tone="slate">{t("email")}</Badge>;
    default:
      return <Badge tone="slate">{message.messageType.replaceAll("_", " ")}</Badge>;
  }
}

/** `readOnly`: Booking.com closed the conversation, so a failed reply has no retry (the composer's notice says why). */
function OutboundStatus({ message, conversationId, readOnly }: { message: ThreadMessage; conversationId: string; readOnly: boolean }) {
  const errorText = useErrorText();
  const t = useTranslations("thread.send");
  const time = useTimeFormat();
  const queryClient = useQueryClient();
  const retry = useMutation({
    mutationFn: () => retryMessage(conversationId, message.id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKeys.thread(conversationId) }),
  });
  const restoreDraft = useRestoreDraft();
  // Edit is Cancel, then the text back in the composer: only once the cancel has won (the reply may be
  // going out at this very moment, and then there is nothing to edit). A reply with images cannot be
  // taken back whole (cancelling deletes them), so it is cancelled and written again instead.
  const cancel = useMutation({
    mutationFn: (_intent: "cancel" | "edit") => cancelScheduledReply(conversationId, message.id),
    onSuccess: (_result, intent) => {
      if (intent === "edit") restoreDraft?.(message.content);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKeys.thread(conversationId) }),
  });
  const editable = restoreDraft !== null && message.attachments.length === 0;
  const state = message.sendState;
  if (state === "scheduled") {
    // In the reader's own clock, as the send-later menu offered it.
    const zone = localZone();
    return (
      <p className="mt-1 flex flex-wrap items-center justify-end gap-2 px-1 text-xs text-sky-800 dark:text-sky-300" data-testid="send-state">
        <span title={time.full(message.sentAt, zone)}>{t("scheduledFor", { time: time.snoozeUntil(message.sentAt, zone) })}</span>
        {editable ? (
          <button type="button" className="btn-secondary py-0.5 text-xs" disabled={cancel.isPending} onClick={() => cancel.mutate("edit")} title={t("editTitle")}>
            {t("edit")}
          </button>
        ) : null}
        <button type="button" className="btn-secondary py-0.5 text-xs" disabled={cancel.isPending} onClick={() => cancel.mutate("cancel")}>
          {cancel.isPending && cancel.variables === "cancel" ? t("cancelling") : t("cancel")}
        </button>
        {cancel.isError ? <span role="alert" className="text-red-700 dark:text-red-400">{errorText(cancel.error)}</span> : null}
      </p>
    );
  }
  if (state === "failed") {
    return (
      <p role="alert" className="mt-1 flex flex-wrap items-center justify-end gap-2 text-xs text-red-700 dark:text-red-400" data-testid="send-failed">
        <span>{message.sendError ? t("notSentBecause", { error: message.sendError }) : t("notSent")}</span>
        {readOnly ? null : (
          <button type="button" className="btn-secondary py-0.5 text-xs" disabled={retry.isPending} onClick={() => retry.mutate()}>
            {retry.isPending ? t("retrying") : t("retry")}
          </button>
        )}
        {retry.isError ? <span>{errorText(retry.error)}</span> : null}
      </p>
    );
  }
  const label = state === "queued" || state === "sending" || state === "unknown" ? t("sending") : message.readByGuest ? t("readByGuest") : t("sent");
  return (
    <p className="mt-1 px-1 text-xs text-slate-600 dark:text-slate-400" data-testid="send-state">
      {label}
    </p>
  );
}

export function PendingMessageItem({ send, conversationId, row }: { send: PendingSend; conversationId: string; row?: VirtualRow }) {
  const errorText = useErrorText();
  const t = useTranslations("thread.send");
  const queryClient = useQueryClient();
  return (
    <li {...rowProps(row, "flex flex-col items-end")} data-testid="message" data-sender="property" data-send-state={send.status === "error" ? "failed" : "queued"}>
      <div className={`max-w-[85%] rounded-2xl rounded-tr-md bg-indigo-600/80 px-3.5 py-2 text-sm leading-relaxed break-words whitespace-pre-wrap text-white ${send.status === "error" ? "ring-2 ring-red-500" : ""}`}>
        {send.content}
        {send.attachmentPreviews.length > 0 ? (
          <span className="mt-2 flex gap-2">
            {send.attachmentPreviews.map((url) => (
              // eslint-disable-next-line @next/next/no-img-element -- a local blob: preview
              <img key={url} src={url} alt="" className="size-16 rounded object-cover" />
            ))}
          </span>
        ) : null}
      </div>
      {send.status === "error" ? (
        <p role="alert" className="mt-1 flex items-center gap-2 text-xs text-red-700 dark:text-red-400" data-testid="send-failed">
          {t("notSentBecause", { error: send.error ?? "" })}
          <button type="button" className="btn-secondary py-0.5 text-xs" onClick={() => void submitReply(queryClient, conversationId, send, undefined, errorText)}>
            {t("retry")}
          </button>
          <button type="button" className="btn-ghost py-0.5 text-xs" onClick={() => discardPendingSend(queryClient, conversationId, send.clientKey)}>
            {t("discard")}
          </button>
        </p>
      ) : (
        <p className="mt-1 px-1 text-xs text-slate-600 dark:text-slate-400" data-testid="send-state">
          {t("sending")}
        </p>
      )}
    </li>
  );
}

function LinkifiedText({ text, onDark, highlightWords = [] }: { text: string; onDark: boolean; highlightWords?: readonly string[] }) {
  return (
    <>
      {linkify(text).map((segment, index) =>
        segment.kind === "text" ? (
          <span key={index}>
            {markWords(segment.text, highlightWords).map((part, partIndex) =>
              part.match ? (
                <mark key={partIndex} className="rounded-sm bg-amber-200 px-0.5 text-slate-900 dark:bg-amber-400/80 dark:text-slate-950">
                  {part.text}
                </mark>
              ) : (
                part.text
              ),
            )}
          </span>
        ) : (
          <a key={index} href={segment.href} target="_blank" rel="noopener noreferrer nofollow" className={`underline underline-offset-2 ${onDark ? "text-white" : "text-indigo-700 dark:text-indigo-300"}`}>
            {segment.text}
          </a>
        ),
      )}
    </>
  );
}

function AttachmentStrip({ attachments }: { attachments: ThreadAttachment[] }) {
  const t = useTranslations("thread.message");
  const [open, setOpen] = useState<ThreadAttachment | null>(null);
  return (
    <span className="mt-2 flex flex-wrap gap-2">
      {attachments.map((attachment) => (
        <button
          key={attachment.id}
          type="button"
          onClick={() => setOpen(attachment)}
          className="overflow-hidden rounded-lg border border-black/10 bg-white/10 focus-visible:ring-2 focus-visible:ring-indigo-400 focus-visible:outline-none"
          aria-label={attachment.fileName ? t("openImageNamed", { name: attachment.fileName }).trim() : t("openImage")}
          data-testid="attachment-thumbnail"
        >
          {/* eslint-disable-next-line @next/next/no-img-element -- served by our own authenticated route, not optimisable */}
          <img src={`/api/attachments/${attachment.id}`} alt={attachment.fileName ?? t("attachment")} loading="lazy" className="size-24 object-cover" />
        </button>
      ))}
      {open ? <AttachmentLightbox attachment={open} onClose={() => setOpen(null)} /> : null}
    </span>
  );
}
