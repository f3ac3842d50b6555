"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useLocale, useTranslations } from "use-intl";
import { attachmentProblemKind, MAX_ATTACHMENT_BYTES } from "@/lib/inbox/image-type";
import { FORMAT_REGION } from "@/lib/i18n/locales";
import { placeholdersIn } from "@/lib/inbox/placeholders";
import type { ConversationDetail } from "@/lib/inbox/schemas";
import { ApiError, postReply, uploadAttachment } from "./inbox-api";
import { readDraft, writeDraft, type DraftImage, type ReplyDraft } from "./reply-drafts";
import type { RestoredDraft } from "./restore-draft";
import { inboxKeys } from "./query-keys";
import { SavedReplyPicker } from "./saved-reply-picker";
import { SendLaterDialog } from "./send-later-dialog";
import { useAddNote } from "./use-add-note";
import { useDraftSync } from "./use-draft-sync";
import { submitReply } from "./use-pending-sends";
import { useErrorText } from "./use-error-text";

export type ComposeMode = "reply" | "note";

/** An image in the box: uploading (no attachmentId yet), uploaded, failed, or kept from a draft (reply-drafts.ts). */
type Draft = { localId: string; fileName: string; previewUrl: string; progress: number; attachmentId: string | null; error: string | null; abort: () => void };

/** The attachment limit in staff's words: 10 for "up to 10 MB". */
const MAX_ATTACHMENT_MEGABYTES = MAX_ATTACHMENT_BYTES / (1024 * 1024);

type AttachmentWords = (key: "empty" | "tooLarge" | "notImage", values: { fileName: string; megabytes?: number }) => string;

/**
 * Why a file cannot be attached, in the page's language; null when it can. The rule is
 * lib/inbox/image-type.ts's (the upload route's too): it decides, this only says why.
 */
function attachmentRefusal(words: AttachmentWords, file: File, head: Uint8Array): string | null {
  const problem = attachmentProblemKind(file.size, head);
  return problem === null ? null : words(problem, { fileName: file.name, megabytes: MAX_ATTACHMENT_MEGABYTES });
}

/** The images of the box a draft keeps: those uploaded (the bytes wait in Bellhop, unsent). */
function uploadedImages(drafts: Draft[]): DraftImage[] {
  return drafts.flatMap((draft) => (draft.attachmentId && !draft.error ? [{ attachmentId: draft.attachmentId, fileName: draft.fileName }] : []));
}

/** A kept draft's images: uploaded already, so shown through Bellhop's attachment route. */
function keptImages(images: DraftImage[] | undefined): Draft[] {
  return (images ?? []).map(({ attachmentId, fileName }) => ({
    localId: attachmentId,
    fileName,
    previewUrl: `/api/attachments/${attachmentId}`,
    progress: 1,
    attachmentId,
    error: null,
    abort: () => undefined,
  }));
}

/**
 * The reply box. Enter sends, Shift+Enter breaks the line; on a touch screen Enter breaks the line and
 * the Send button sends (see enterSends). Every send gets a key made here
 * (crypto.randomUUID) that travels with it and with any retry, so the server sends it once at most.
 * Send (Enter or the button) while an image is still uploading waits for the upload and then sends
 * by itself, as the best mail clients do; changing the text or the attachments calls that off, and a
 * failed upload stops it with the upload's error.
 * It says when it holds a draft (`onDraftingChange`: colleagues then see "replying"), and warns when a
 * colleague is writing a reply to the same guest, before two answers go out. Unsent text is kept in
 * this browser per staff member and conversation (reply-drafts.ts), so it is there again on return.
 * In "note" mode the same box saves an internal note for the team instead (lib/inbox/notes.ts): no
 * attachments, no saved replies, nothing goes to the guest, and the box turns amber to say so.
 */
/**
 * Whether this key press sends (or saves a note). Enter does, Shift+Enter is a new line, and
 * Ctrl/Cmd+Enter always sends. On a touch screen (a phone's or a tablet's: the primary pointer is
 * coarse) the keyboard's return key is a new line, as in every phone's messaging app, and the Send
 * button sends: a reply that went to the guest half-written cannot be taken back. Not while an input
 * method is still composing a word (Japanese, Chinese), whose Enter picks the word.
 */
function enterSends(event: React.KeyboardEvent): boolean {
  if (event.key !== "Enter" || event.nativeEvent.isComposing) return false;
  if (event.ctrlKey || event.metaKey) return true;
  if (event.shiftKey) return false;
  return !window.matchMedia?.("(pointer: coarse)").matches;
}

export function Composer({
  conversation,
  autoFocus = false,
  onDraftingChange,
  colleaguesReplying = [],
  mode = "reply",
  onModeChange,
  restoredDraft = null,
  draftOwner,
  seenReplyAt,
}: {
  conversation: ConversationDetail;
  autoFocus?: boolean;
  onDraftingChange?: (drafting: boolean) => void;
  colleaguesReplying?: string[];
  mode?: ComposeMode;
  onModeChange?: (mode: ComposeMode) => void;
  /** A scheduled reply taken back for editing: its text goes into the box (after what is there). */
  restoredDraft?: RestoredDraft | null;
  /** The signed-in staff member: the box's unsent text is kept for them in this browser (reply-drafts.ts). */
  draftOwner?: string;
  /** The newest reply to the guest the thread shows (null: none; undefined: unknown, not checked). */
  seenReplyAt?: string | null;
}) {
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const t = useTranslations("composer");
  const attachmentWords = useTranslations("composer.attachments");
  const locale = useLocale();
  const [kept] = useState(() => (draftOwner ? readDraft(draftOwner, conversation.id) : null));
  const [text, setText] = useState(kept?.text ?? "");
  const [drafts, setDrafts] = useState<Draft[]>(() => keptImages(kept?.images));
  // What the box holds, kept in this browser at once and sent to the server a moment later (the draft
  // follows the staff member to their other devices, whose newer copy the box takes on opening).
  const keptNow: ReplyDraft = { text, mode, images: uploadedImages(drafts) };
  useEffect(() => {
    if (!draftOwner) return;
    writeDraft(draftOwner, conversation.id, { text, mode, images: uploadedImages(drafts) });
  }, [draftOwner, conversation.id, text, mode, drafts]);
  useDraftSync({
    owner: draftOwner,
    conversationId: conversation.id,
    draft: keptNow,
    onAdopt: (draft) => {
      setText(draft?.text ?? "");
      setDrafts(keptImages(draft?.images));
      if (draft && draft.mode !== mode) onModeChange?.(draft.mode);
    },
  });
  const [notice, setNotice] = useState<string | null>(null);
  // Someone else answered the guest since the page loaded (lib/inbox/unseen-reply.ts): the server's
  // message, and whether Send or Send later was refused. The reply is back in the box (or never left
  // it); the next Send or Send later goes anyway, unchecked.
  const [repliedSince, setRepliedSince] = useState<{ message: string; refused: "send" | "schedule" } | null>(null);
  const [pickerOpen, setPickerOpen] = useState(false);
  const [sending, setSending] = useState(false);
  /** Send was asked for while an upload was still running: it goes once every upload has finished. */
  const [sendWhenUploaded, setSendWhenUploaded] = useState(false);
  const textareaRef = useRef<HTMLTextAreaElement>(null);
  const backdropRef = useRef<HTMLDivElement>(null);
  const fileRef = useRef<HTMLInputElement>(null);
  const sendingRef = useRef(false);
  // Send later: one key per opening of the menu, so a double click on a time is one reply.
  const [later, setLater] = useState<{ clientKey: string } | null>(null);
  const schedule = useMutation({
    mutationFn: ({ at, clientKey, checked }: { at: Date; clientKey: string; checked: boolean }) =>
      postReply(conversation.id, {
        content: text,
        clientKey,
        attachmentIds: drafts.length > 0 ? drafts.map((draft) => draft.attachmentId!).filter(Boolean) : undefined,
        sendAt: at.toISOString(),
        seenReplyAt: checked ? seenReplyAt : undefined,
      }),
    onSuccess: () => {
      setLater(null);
      setText("");
      setDrafts([]);
      setNotice(null);
      setRepliedSince(null);
      void queryClient.invalidateQueries({ queryKey: inboxKeys.thread(conversation.id) });
      textareaRef.current?.focus();
    },
    onError: (error) => {
      // As for Send: a colleague answered meanwhile. Nothing was scheduled; the reply is still in the
      // box, and the other answer comes into the thread.
      if (!(error instanceof ApiError && error.code === "replied_since")) return;
      setLater(null);
      setRepliedSince({ message: error.message, refused: "schedule" });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.thread(conversation.id) });
      textareaRef.current?.focus();
    },
  });

  // Each restored draft once (by its id): the box takes its text, in reply mode, and the focus.
  const restoredId = useRef<number | null>(null);
  useEffect(() => {
    if (!restoredDraft || restoredId.current === restoredDraft.id) return;
    restoredId.current = restoredDraft.id;
    setText((current) => (current.trim() ? `${current}\n\n${restoredDraft.text}` : restoredDraft.text));
    onModeChange?.("reply");
    textareaRef.current?.focus();
  }, [restoredDraft, onModeChange]);

  const note = useAddNote(conversation.id);
  const noting = mode === "note";
  // Placeholders are filled only in replies to the guest; a note is the team's own words.
  const placeholders = noting ? [] : placeholdersIn(text);
  const uploading = drafts.some((draft) => !draft.attachmentId && !draft.error);
  const blocked = placeholders.length > 0;
  const needsText = drafts.length > 0 && text.trim() === "";
  const replyReady = !sending && !blocked && text.trim() !== "" && drafts.every((draft) => !draft.error);
  const canSend = noting ? !sending && text.trim() !== "" : replyReady && !uploading;
  const canSendWhenUploaded = !noting && replyReady && uploading;
  const editText = (value: string) => {
    setText(value);
    setSendWhenUploaded(false);
  };

  useEffect(() => {
    if (autoFocus) textareaRef.current?.focus();
  }, [autoFocus]);
  // Only a reply is "replying" for colleagues: a note does not answer the guest.
  const drafting = !noting && (text.trim() !== "" || drafts.length > 0);
  useEffect(() => {
    onDraftingChange?.(drafting);
  }, [drafting, onDraftingChange]);
  // Revoke the previews still open when the composer goes away (the drafts of the last render, not the first).
  const draftsOnUnmount = useRef(drafts);
  useEffect(() => {
    draftsOnUnmount.current = drafts;
  }, [drafts]);
  useEffect(() => {
    const latest = draftsOnUnmount;
    return () => latest.current.forEach((draft) => URL.revokeObjectURL(draft.previewUrl));
  }, []);

  const send = async () => {
    if (canSendWhenUploaded) {
      setSendWhenUploaded(true);
      return;
    }
    setSendWhenUploaded(false);
    if (!canSend || sendingRef.current) return;
    sendingRef.current = true;
    setSending(true);
    if (noting) {
      // Kept in the box until saved: a failed note can be sent again as it is.
      if (await note.save(text)) setText("");
      sendingRef.current = false;
      setSending(false);
      textareaRef.current?.focus();
      return;
    }
    const pending = {
      clientKey: crypto.randomUUID(),
      content: text,
      attachmentIds: drafts.map((draft) => draft.attachmentId!).filter(Boolean),
      attachmentPreviews: drafts.map((draft) => draft.previewUrl),
      status: "posting" as const,
      error: null,
      createdAt: new Date().toISOString(),
    };
    const attachments = drafts;
    const sendAnyway = repliedSince !== null;
    setText("");
    setDrafts([]);
    setNotice(null);
    setRepliedSince(null);
    try {
      const refused = await submitReply(queryClient, conversation.id, pending, sendAnyway ? undefined : seenReplyAt, (error) => (error instanceof Error ? errorText(error) : t("send.couldNotSend")));
      if (refused) {
        // Nothing was written: the reply goes back in the box (before anything typed since), images too.
        setText((typed) => (typed.trim() ? `${pending.content}\n\n${typed}` : pending.content));
        setDrafts((added) => [...attachments, ...added]);
        setRepliedSince({ message: refused.repliedSince, refused: "send" });
      }
    } finally {
      sendingRef.current = false;
      setSending(false);
      textareaRef.current?.focus();
    }
  };

  // The uploads have all finished: send what was asked for. send() of the latest render, which sees
  // the finished uploads; a failed one makes it stop there (the upload shows its error).
  const latestSend = useRef(send);
  useEffect(() => {
    latestSend.current = send;
  });
  useEffect(() => {
    if (sendWhenUploaded && !uploading) void latestSend.current();
  }, [sendWhenUploaded, uploading]);

  const addFiles = async (files: FileList | null) => {
    if (!files) return;
    for (const file of Array.from(files)) {
      // Checked by content (magic bytes), like the server does: a renamed PDF is refused here already.
      const head = new Uint8Array(await file.slice(0, 16).arrayBuffer());
      const problem = attachmentRefusal(attachmentWords, file, head);
      if (problem) {
        setNotice(problem);
        continue;
      }
      const localId = crypto.randomUUID();
      setSendWhenUploaded(false);
      const upload = uploadAttachment(conversation.id, file, (progress) => setDrafts((list) => list.map((draft) => (draft.localId === localId ? { ...draft, progress } : draft))));
      setDrafts((list) => [...list, { localId, fileName: file.name, previewUrl: URL.createObjectURL(file), progress: 0, attachmentId: null, error: null, abort: upload.abort }]);
      setNotice(null);
      upload.promise.then(
        ({ attachmentId }) => setDrafts((list) => list.map((draft) => (draft.localId === localId ? { ...draft, attachmentId, progress: 1 } : draft))),
        (error: unknown) => setDrafts((list) => list.map((draft) => (draft.localId === localId ? { ...draft, error: error instanceof Error ? errorText(error) : t("attachments.uploadFailed") } : draft))),
      );
    }
    if (fileRef.current) fileRef.current.value = "";
  };

  const removeDraft = (localId: string) => {
    setSendWhenUploaded(false);
    setDrafts((list) => {
      const draft = list.find((item) => item.localId === localId);
      if (draft) {
        draft.abort();
        URL.revokeObjectURL(draft.previewUrl);
      }
      return list.filter((item) => item.localId !== localId);
    });
  };

  const insert = (value: string) => {
    const area = textareaRef.current;
    const start = area?.selectionStart ?? text.length;
    const end = area?.selectionEnd ?? text.length;
    const next = text.slice(0, start) + value + text.slice(end);
    editText(next);
    setPickerOpen(false);
    requestAnimationFrame(() => {
      area?.focus();
      const firstGap = next.search(/\{[a-z_]+\}/);
      // Select the first unfilled placeholder, so typing replaces it.
      if (firstGap >= 0) area?.setSelectionRange(firstGap, next.indexOf("}", firstGap) + 1);
      else area?.setSelectionRange(start + value.length, start + value.length);
    });
  };

  return (
    <>
    <form
      className="border-t border-slate-200 bg-white px-3 py-3 sm:px-6 dark:border-slate-800 dark:bg-slate-950"
      aria-label={noting ? t("form.note") : t("form.reply")}
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <div className="mx-auto max-w-3xl">
        <div role="group" aria-label={t("mode.group")} className="mb-2 inline-flex rounded-lg border border-slate-300 p-0.5 text-xs dark:border-slate-700">
          <button type="button" aria-pressed={!noting} onClick={() => onModeChange?.("reply")} className="compose-mode">
            {t("mode.reply")}
          </button>
          <button
            type="button"
            aria-pressed={noting}
            onClick={() => onModeChange?.("note")}
            disabled={drafts.length > 0}
            title={drafts.length > 0 ? t("mode.noteBlockedTitle") : t("mode.noteTitle")}
            className="compose-mode aria-pressed:bg-amber-200 aria-pressed:text-amber-950 dark:aria-pressed:bg-amber-800 dark:aria-pressed:text-amber-50"
          >
            {t("mode.note")}
          </button>
        </div>
        {colleaguesReplying.length > 0 ? (
          <p role="status" className="mb-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950/60 dark:text-amber-200" data-testid="collision-warning">
            {t("collision", { names: new Intl.ListFormat(FORMAT_REGION[locale], { type: "conjunction" }).format(colleaguesReplying), count: colleaguesReplying.length })}
          </p>
        ) : null}
        {drafts.length > 0 ? (
          <ul className="mb-2 flex flex-wrap gap-2" aria-label={t("attachments.list")}>
            {drafts.map((draft) => (
              <li key={draft.localId} className="relative w-28 overflow-hidden rounded-lg border border-slate-200 text-xs dark:border-slate-700" data-testid="attachment-draft">
                {/* eslint-disable-next-line @next/next/no-img-element -- a local blob: preview, or a kept draft's upload through Bellhop */}
                <img
                  src={draft.previewUrl}
                  alt={t("attachments.preview", { fileName: draft.fileName })}
                  className="h-20 w-full object-cover"
                  onError={() => {
                    // A kept draft's upload that is gone (sent from elsewhere, or deleted as abandoned):
                    // said here, rather than when Send is refused.
                    if (draft.previewUrl.startsWith("blob:")) return;
                    setDrafts((list) => list.map((item) => (item.localId === draft.localId ? { ...item, attachmentId: null, error: t("attachments.gone") } : item)));
                  }}
                />
                <div className="px-1.5 py-1">
                  <p className="truncate">{draft.fileName}</p>
                  {draft.error ? (
                    <p className="text-red-700 dark:text-red-400" role="alert">
                      {draft.error}
                    </p>
                  ) : (
                    <progress className="upload-progress h-1.5 w-full" max={1} value={draft.progress} aria-label={draft.attachmentId ? t("attachments.uploaded", { fileName: draft.fileName }) : t("attachments.uploading", { fileName: draft.fileName })} data-testid="upload-progress">
                      {t("attachments.percent", { percent: Math.round(draft.progress * 100) })}
                    </progress>
                  )}
                </div>
                <button type="button" onClick={() => removeDraft(draft.localId)} className="absolute top-1 right-1 rounded-full bg-black/60 px-1.5 text-white" aria-label={t("attachments.remove", { fileName: draft.fileName })}>
                  ✕
                </button>
              </li>
            ))}
          </ul>
        ) : null}
        <div
          className={`relative rounded-xl border focus-within:ring-2 ${
            noting
              ? "border-amber-400 bg-amber-50 focus-within:ring-amber-400 dark:border-amber-700 dark:bg-amber-950/40"
              : blocked
                ? "border-amber-400 bg-white focus-within:ring-amber-400 dark:bg-slate-900"
                : "border-slate-300 bg-white focus-within:ring-indigo-500 dark:border-slate-700 dark:bg-slate-900"
          }`}
        >
          {/* The backdrop mirrors the text so unfilled placeholders can be highlighted behind it. */}
          <div ref={backdropRef} aria-hidden className="composer-text pointer-events-none absolute inset-0 overflow-hidden text-transparent">
            {highlight(text)}
          </div>
          <label htmlFor="reply-input" className="sr-only">
            {noting ? t("box.noteLabel") : t("box.replyLabel")}
          </label>
          <textarea
            id="reply-input"
            ref={textareaRef}
            value={text}
            rows={3}
            onChange={(event) => editText(event.target.value)}
            onScroll={(event) => {
              if (backdropRef.current) backdropRef.current.scrollTop = event.currentTarget.scrollTop;
            }}
            onKeyDown={(event) => {
              if (enterSends(event)) {
                event.preventDefault();
                void send();
              } else if (event.altKey && event.code === "KeyS" && !noting) {
                event.preventDefault();
                setPickerOpen(true);
              } else if (event.key === "Escape") {
                event.currentTarget.blur();
              }
            }}
            aria-invalid={blocked || undefined}
            aria-describedby="composer-hint"
            placeholder={noting ? t("box.notePlaceholder") : conversation.guestName?.trim() ? t("box.replyPlaceholder", { guest: conversation.guestName.trim() }) : t("box.replyPlaceholderNoName")}
            className="composer-text relative block max-h-60 min-h-[4.5rem] w-full resize-y bg-transparent outline-none placeholder:text-slate-400"
          />
        </div>
        {/* A container: the hint sits between the buttons only when the composer is wide enough for it
            (in German or French it is three times English's length); else on a line of its own below. */}
        <div className="@container mt-2 flex flex-wrap items-center gap-2">
          <input ref={fileRef} id="attach-input" type="file" accept="image/jpeg,image/png" multiple className="hidden" tabIndex={-1} onChange={(event) => void addFiles(event.target.files)} />
          {noting ? null : (
            <>
              <button type="button" className="btn-secondary" onClick={() => fileRef.current?.click()} title={t("attachments.attachTitle", { megabytes: MAX_ATTACHMENT_MEGABYTES })}>
                {t("attachments.attach")}
              </button>
              <SavedReplyPicker conversationId={conversation.id} open={pickerOpen} onOpenChange={setPickerOpen} onInsert={insert} />
            </>
          )}
          <p id="composer-hint" className="order-last min-w-0 basis-full text-xs text-slate-500 @4xl:order-none @4xl:basis-0 @4xl:flex-1 dark:text-slate-400" aria-live="polite">
            {noting ? (
              <span className="text-amber-800 dark:text-amber-300">
                {t.rich("hint.note", { keys: (chunks) => <span className="pointer-coarse:hidden">{chunks}</span> })}
              </span>
            ) : blocked ? (
              <span className="text-amber-800 dark:text-amber-300" data-testid="placeholder-warning">
                {t("hint.placeholders", { placeholders: placeholders.map((name) => `{${name}}`).join(", ") })}
              </span>
            ) : sendWhenUploaded ? (
              <span data-testid="send-when-uploaded">
                {t("hint.sendWhenUploaded")}{" "}
                <button type="button" className="underline" onClick={() => setSendWhenUploaded(false)}>
                  {t("hint.dontSendYet")}
                </button>
              </span>
            ) : needsText ? (
              <span>{t("hint.needsText")}</span>
            ) : (
              <span className="hidden sm:inline pointer-coarse:hidden">{t("hint.reply")}</span>
            )}
          </p>
          {/* Together, at the right: on a phone they wrap to their own line as one. */}
          <div className="ml-auto flex gap-2">
            {noting ? null : (
              <button
                type="button"
                className="btn-secondary"
                disabled={!canSend}
                onClick={() => {
                  schedule.reset();
                  setLater({ clientKey: crypto.randomUUID() });
                }}
                title={t("actions.sendLaterTitle")}
                aria-haspopup="dialog"
              >
                {t("actions.sendLater")}
              </button>
            )}
            <button type="submit" className="btn-primary" disabled={!(canSend || (canSendWhenUploaded && !sendWhenUploaded))}>
              {noting
                ? t(sending ? "actions.saving" : "actions.saveNote")
                : t(sending ? "actions.sending" : sendWhenUploaded ? "actions.sendingAfterUpload" : uploading ? "actions.sendWhenUploaded" : "actions.send")}
            </button>
          </div>
        </div>
        {noting && note.error ? (
          <p role="alert" className="mt-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950/50 dark:text-red-200" data-testid="note-error">
            {note.error}
          </p>
        ) : null}
        {repliedSince && !noting ? (
          <p role="alert" className="mt-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950/50 dark:text-amber-100" data-testid="replied-since">
            {repliedSince.message}{" "}
            {repliedSince.refused === "send" ? t("repliedSince.notSent") : t("repliedSince.notScheduled")}
          </p>
        ) : null}
        {notice ? (
          <p role="alert" className="mt-2 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950/50 dark:text-red-200" data-testid="attachment-error">
            {notice}
          </p>
        ) : null}
      </div>
    </form>
    {/* Outside the composer's form: a form inside a form would submit both (the reply at once). */}
    {later ? (
      <SendLaterDialog
        onPick={(at) => schedule.mutate({ at, clientKey: later.clientKey, checked: repliedSince === null })}
        onClose={() => setLater(null)}
        pending={schedule.isPending}
        error={schedule.isError ? errorText(schedule.error) : null}
      />
    ) : null}
    </>
  );
}

function highlight(text: string): React.ReactNode {
  const parts = text.split(/(\{[a-z_]+\})/g);
  return (
    <>
      {parts.map((part, index) =>
        /^\{[a-z_]+\}$/.test(part) ? (
          <mark key={index} className="rounded bg-amber-200 text-transparent dark:bg-amber-700/70">
            {part}
          </mark>
        ) : (
          <span key={index}>{part}</span>
        ),
      )}
      {/* A trailing newline needs a character after it to take up a line, as in the textarea. */}
      {"\u200b"}
    </>
  );
}
