"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslations } from "use-intl";
import type { PreviewValues } from "@/lib/admin/get-preview-values";
import type { AdminPropertyView } from "@/lib/admin/list-admin-properties";
import type { SavedReplyView } from "@/lib/admin/list-saved-replies";
import { PLACEHOLDERS, renderReply, type PlaceholderName } from "@/lib/inbox/placeholders";
import { adminFetch, adminKeys, useErrorMessage, fieldErrors } from "./admin-api";
import { buttonClass, EditDeleteButtons, Field, inputClass, Notice, secondaryButtonClass, SectionCard } from "./form-controls";

type Draft = { id: string | null; title: string; body: string; propertyId: string | null };
const EMPTY: Draft = { id: null, title: "", body: "", propertyId: null };
const PLACEHOLDER_NAMES = Object.keys(PLACEHOLDERS) as PlaceholderName[];

export function SavedRepliesSection() {
  const errorMessage = useErrorMessage();
  const t = useTranslations("team.savedReplies");
  const replies = useQuery({ queryKey: adminKeys.savedReplies(), queryFn: () => adminFetch<{ replies: SavedReplyView[] }>("/api/admin/saved-replies") });
  const properties = useQuery({ queryKey: adminKeys.properties(), queryFn: () => adminFetch<{ properties: AdminPropertyView[] }>("/api/admin/properties") });
  const [draft, setDraft] = useState<Draft>(EMPTY);
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (id: string) => adminFetch<void>(`/api/admin/saved-replies/${id}`, { method: "DELETE" }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: adminKeys.all }),
  });
  const names = new Map((properties.data?.properties ?? []).map((property) => [property.id, property.name]));

  return (
    <SectionCard id="saved-replies" title={t("title")} description={t("description")}>
      {replies.isError && <Notice tone="error">{errorMessage(replies.error)}</Notice>}
      {replies.data && replies.data.replies.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">{t("empty")}</p>}
      {replies.data && replies.data.replies.length > 0 && (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800" data-testid="saved-reply-list">
          {replies.data.replies.map((reply) => (
            <li key={reply.id} className="flex flex-wrap items-start justify-between gap-3 px-3 py-2 text-sm">
              <div className="min-w-0 flex-1">
                <div className="font-medium">{reply.title}</div>
                <div className="text-xs text-slate-600 dark:text-slate-400">
                  {reply.propertyId ? names.get(reply.propertyId) ?? `#${reply.propertyId}` : t("allProperties")}
                  {reply.welcomeForPropertyIds.length > 0 && (
                    <>
                      {" · "}
                      {t("welcomeFor", { properties: reply.welcomeForPropertyIds.map((id) => names.get(id) ?? id).join(", ") })}
                    </>
                  )}
                </div>
                <p className="mt-1 line-clamp-2 whitespace-pre-line text-slate-600 dark:text-slate-400">{reply.body}</p>
              </div>
              <EditDeleteButtons
                name={reply.title}
                onEdit={() => setDraft({ id: reply.id, title: reply.title, body: reply.body, propertyId: reply.propertyId })}
                onDelete={() => remove.mutate(reply.id)}
                confirmText={t("confirmDelete", { title: reply.title })}
                deleting={remove.isPending}
              />
            </li>
          ))}
        </ul>
      )}
      {remove.isError && <Notice tone="error">{errorMessage(remove.error)}</Notice>}
      <ReplyEditor key={draft.id ?? "new"} draft={draft} properties={properties.data?.properties ?? []} onDone={() => setDraft(EMPTY)} />
    </SectionCard>
  );
}

function ReplyEditor({ draft, properties, onDone }: { draft: Draft; properties: AdminPropertyView[]; onDone: () => void }) {
  const errorMessage = useErrorMessage();
  const t = useTranslations("team.savedReplies.editor");
  const queryClient = useQueryClient();
  const [form, setForm] = useState(draft);
  const [savedTitle, setSavedTitle] = useState<string | null>(null);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const preview = useQuery({
    queryKey: adminKeys.previewValues(form.propertyId),
    queryFn: () => adminFetch<PreviewValues>(`/api/admin/saved-replies/preview-values${form.propertyId ? `?propertyId=${form.propertyId}` : ""}`),
  });
  const save = useMutation({
    mutationFn: () =>
      adminFetch<{ reply: SavedReplyView }>(form.id ? `/api/admin/saved-replies/${form.id}` : "/api/admin/saved-replies", {
        method: form.id ? "PUT" : "POST",
        body: { title: form.title, body: form.body, propertyId: form.propertyId },
      }),
    onSuccess: (result) => {
      setSavedTitle(result.reply.title);
      void queryClient.invalidateQueries({ queryKey: adminKeys.all });
      onDone();
    },
  });
  const errors = fieldErrors(save.error);
  const rendered = renderReply(form.body, preview.data?.values ?? {});

  function insert(name: string) {
    const token = `{${name}}`;
    const area = bodyRef.current;
    const start = area?.selectionStart ?? form.body.length;
    const end = area?.selectionEnd ?? form.body.length;
    setForm({ ...form, body: form.body.slice(0, start) + token + form.body.slice(end) });
    requestAnimationFrame(() => {
      area?.focus();
      area?.setSelectionRange(start + token.length, start + token.length);
    });
  }

  return (
    <form
      aria-label={form.id ? t("editReply") : t("newReply")}
      className="space-y-3 rounded-md border border-dashed border-slate-300 p-4 dark:border-slate-700"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setSavedTitle(null);
        save.mutate();
      }}
    >
      <h3 className="text-sm font-semibold">{form.id ? t("editHeading", { title: draft.title }) : t("newReply")}</h3>
      <div className="grid gap-3 sm:grid-cols-2">
        <Field label={t("title")} error={errors.title}>
          {(props) => <input {...props} className={inputClass} value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} />}
        </Field>
        <Field label={t("availableFor")} error={errors.propertyId}>
          {(props) => (
            <select {...props} className={inputClass} value={form.propertyId ?? ""} onChange={(e) => setForm({ ...form, propertyId: e.target.value || null })}>
              <option value="">{t("allProperties")}</option>
              {properties.map((property) => (
                <option key={property.id} value={property.id}>
                  {property.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      <div className="flex flex-wrap items-center gap-2 text-xs">
        <span className="text-slate-600 dark:text-slate-400">{t("insert")}</span>
        {PLACEHOLDER_NAMES.map((name) => (
          <button key={name} type="button" className="rounded border border-slate-300 px-2 py-0.5 font-mono hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-900" title={t(`placeholders.${name}`)} onClick={() => insert(name)}>
            {`{${name}}`}
          </button>
        ))}
      </div>
      <Field label={t("text")} error={errors.body}>
        {(props) => <textarea {...props} ref={bodyRef} rows={5} className={inputClass} value={form.body} onChange={(e) => setForm({ ...form, body: e.target.value })} />}
      </Field>
      {rendered.unknown.length > 0 && (
        <Notice tone="warn" testId="unknown-placeholders">
          {t("unknownPlaceholders", {
            count: rendered.unknown.length,
            unknown: rendered.unknown.map((name) => `{${name}}`).join(", "),
            known: PLACEHOLDER_NAMES.map((name) => `{${name}}`).join(", "),
          })}
        </Notice>
      )}
      <div className="rounded-md bg-slate-50 p-3 text-sm dark:bg-slate-900" aria-live="polite">
        <div className="mb-1 text-xs text-slate-600 dark:text-slate-400">{!preview.data ? t("previewLoading") : preview.data.source.kind === "conversation" ? t("previewWithConversation", { property: preview.data.source.propertyName, reference: preview.data.source.reference }) : t("previewWithSamples")}</div>
        <p className="whitespace-pre-line" data-testid="reply-preview">
          {rendered.text || <span className="text-slate-600 dark:text-slate-400">{t("nothingToPreview")}</span>}
        </p>
      </div>
      {save.isError && Object.keys(errors).length === 0 && <Notice tone="error">{errorMessage(save.error)}</Notice>}
      {savedTitle && <Notice tone="ok">{t("saved", { title: savedTitle })}</Notice>}
      <div className="flex gap-2">
        <button type="submit" className={buttonClass} disabled={save.isPending}>
          {save.isPending ? t("saving") : form.id ? t("saveChanges") : t("saveReply")}
        </button>
        {form.id && (
          <button type="button" className={secondaryButtonClass} onClick={onDone}>
            {t("cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
