"use client";

// The team's labels (VIP, Late arrival, Invoice): admins add, rename, recolour and delete them here;
// every staff member puts them on conversations from the thread's Labels menu.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslations } from "use-intl";
import { LABEL_COLORS, LABEL_NAME_MAX, LABELS_MAX, type Label, type LabelColor } from "@/lib/inbox/label-colors";
import { LabelDot } from "../inbox/label-chips";
import { adminFetch, adminKeys, useErrorMessage, fieldErrors } from "./admin-api";
import { buttonClass, EditDeleteButtons, Field, inputClass, Notice, secondaryButtonClass, SectionCard } from "./form-controls";

export function LabelsSection() {
  const errorMessage = useErrorMessage();
  const t = useTranslations("team.labels");
  const labels = useQuery({ queryKey: adminKeys.labels(), queryFn: () => adminFetch<{ labels: Label[] }>("/api/labels") });
  const [editing, setEditing] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (id: string) => adminFetch<{ conversations: number }>(`/api/admin/labels/${id}`, { method: "DELETE" }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: adminKeys.all }),
  });
  const list = labels.data?.labels ?? [];

  return (
    <SectionCard id="labels" title={t("title")} description={t("description")}>
      {labels.isError && <Notice tone="error">{errorMessage(labels.error)}</Notice>}
      {labels.data && list.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">{t("empty")}</p>}
      {list.length > 0 && (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800" data-testid="label-list">
          {list.map((label) =>
            editing === label.id ? (
              <li key={label.id} className="px-3 py-2">
                <LabelForm label={label} onDone={() => setEditing(null)} />
              </li>
            ) : (
              <li key={label.id} className="flex flex-wrap items-center justify-between gap-3 px-3 py-2 text-sm">
                <span className="flex min-w-0 items-center gap-2">
                  <LabelDot color={label.color} />
                  <span className="truncate font-medium">{label.name}</span>
                </span>
                <EditDeleteButtons
                  name={label.name}
                  onEdit={() => setEditing(label.id)}
                  onDelete={() => remove.mutate(label.id)}
                  confirmText={t("confirmDelete", { name: label.name })}
                  deleting={remove.isPending}
                />
              </li>
            ),
          )}
        </ul>
      )}
      {remove.isError && <Notice tone="error">{errorMessage(remove.error)}</Notice>}
      {remove.isSuccess && <Notice tone="ok">{t("deleted", { count: remove.data.conversations })}</Notice>}
      {list.length < LABELS_MAX ? (
        <div className="rounded-md border border-dashed border-slate-300 p-4 dark:border-slate-700">
          <LabelForm label={null} onDone={() => undefined} />
        </div>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t("full", { max: LABELS_MAX })}</p>
      )}
    </SectionCard>
  );
}

/** A new label (`label` null) or an existing one's name and colour. */
function LabelForm({ label, onDone }: { label: Label | null; onDone: () => void }) {
  const errorMessage = useErrorMessage();
  const t = useTranslations("team.labels");
  const queryClient = useQueryClient();
  const [name, setName] = useState(label?.name ?? "");
  const [color, setColor] = useState<LabelColor>(label?.color ?? "slate");
  const [saved, setSaved] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => adminFetch<{ label: Label }>(label ? `/api/admin/labels/${label.id}` : "/api/admin/labels", { method: label ? "PUT" : "POST", body: { name, color } }),
    onSuccess: (result) => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.all });
      if (label) onDone();
      else {
        setSaved(result.label.name);
        setName("");
      }
    },
  });
  const errors = fieldErrors(save.error);
  return (
    <form
      aria-label={label ? t("form.editLabel", { name: label.name }) : t("form.newLabel")}
      className="space-y-3"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(null);
        save.mutate();
      }}
    >
      {label ? null : <h3 className="text-sm font-semibold">{t("form.newLabel")}</h3>}
      <div className="grid gap-3 sm:grid-cols-[1fr_10rem]">
        <Field label={t("form.name")} error={errors.name} hint={label ? undefined : t("form.nameHint", { max: LABEL_NAME_MAX })}>
          {(props) => <input {...props} className={inputClass} value={name} maxLength={LABEL_NAME_MAX} onChange={(event) => setName(event.target.value)} />}
        </Field>
        <Field label={t("form.colour")} error={errors.color}>
          {(props) => (
            <select {...props} className={inputClass} value={color} onChange={(event) => setColor(event.target.value as LabelColor)}>
              {LABEL_COLORS.map((value) => (
                <option key={value} value={value}>
                  {t(`colors.${value}`)}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {save.isError && Object.keys(errors).length === 0 && <Notice tone="error">{errorMessage(save.error)}</Notice>}
      {saved && <Notice tone="ok">{t("form.added", { name: saved })}</Notice>}
      <div className="flex gap-2">
        <button type="submit" className={buttonClass} disabled={save.isPending}>
          {save.isPending ? t("form.saving") : label ? t("form.save") : t("form.add")}
        </button>
        {label && (
          <button type="button" className={secondaryButtonClass} onClick={onDone}>
            {t("form.cancel")}
          </button>
        )}
      </div>
    </form>
  );
}
