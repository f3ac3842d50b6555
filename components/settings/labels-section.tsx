"use client";

// The team's labels (VIP, Late arrival, Invoice): admins add, rename, recolour and delete them here;
// every staff member puts them on conversations from the thread's Labels menu.
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { LABEL_COLORS, LABEL_NAME_MAX, LABELS_MAX, type Label, type LabelColor } from "@/lib/inbox/label-colors";
import { LabelDot } from "../inbox/label-chips";
import { adminFetch, adminKeys, errorMessage, fieldErrors } from "./admin-api";
import { buttonClass, EditDeleteButtons, Field, inputClass, Notice, secondaryButtonClass, SectionCard } from "./form-controls";

const COLOR_NAMES: Record<LabelColor, string> = {
  slate: "Grey",
  red: "Red",
  amber: "Amber",
  emerald: "Green",
  sky: "Sky blue",
  indigo: "Indigo",
  violet: "Violet",
  pink: "Pink",
};

export function LabelsSection() {
  const labels = useQuery({ queryKey: adminKeys.labels(), queryFn: () => adminFetch<{ labels: Label[] }>("/api/labels") });
  const [editing, setEditing] = useState<string | null>(null);
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: (id: string) => adminFetch<{ conversations: number }>(`/api/admin/labels/${id}`, { method: "DELETE" }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: adminKeys.all }),
  });
  const list = labels.data?.labels ?? [];

  return (
    <SectionCard id="labels" title="Labels" description="The team's own labels for conversations. Every staff member can put them on a conversation (l in a thread) and filter the inbox by them.">
      {labels.isError && <Notice tone="error">{errorMessage(labels.error)}</Notice>}
      {labels.data && list.length === 0 && <p className="text-sm text-slate-600 dark:text-slate-400">No labels yet.</p>}
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
                  confirmText={`Delete the label “${label.name}”? It is taken off every conversation that has it.`}
                  deleting={remove.isPending}
                />
              </li>
            ),
          )}
        </ul>
      )}
      {remove.isError && <Notice tone="error">{errorMessage(remove.error)}</Notice>}
      {remove.isSuccess && (
        <Notice tone="ok">
          Deleted; it was on {remove.data.conversations} conversation{remove.data.conversations === 1 ? "" : "s"}.
        </Notice>
      )}
      {list.length < LABELS_MAX ? (
        <div className="rounded-md border border-dashed border-slate-300 p-4 dark:border-slate-700">
          <LabelForm label={null} onDone={() => undefined} />
        </div>
      ) : (
        <p className="text-sm text-slate-600 dark:text-slate-400">The team has {LABELS_MAX} labels, the most it can have: delete one to add another.</p>
      )}
    </SectionCard>
  );
}

/** A new label (`label` null) or an existing one's name and colour. */
function LabelForm({ label, onDone }: { label: Label | null; onDone: () => void }) {
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
      aria-label={label ? `Edit the label ${label.name}` : "New label"}
      className="space-y-3"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setSaved(null);
        save.mutate();
      }}
    >
      {label ? null : <h3 className="text-sm font-semibold">New label</h3>}
      <div className="grid gap-3 sm:grid-cols-[1fr_10rem]">
        <Field label="Name" error={errors.name} hint={label ? undefined : `Up to ${LABEL_NAME_MAX} characters, e.g. VIP or Late arrival`}>
          {(props) => <input {...props} className={inputClass} value={name} maxLength={LABEL_NAME_MAX} onChange={(event) => setName(event.target.value)} />}
        </Field>
        <Field label="Colour" error={errors.color}>
          {(props) => (
            <select {...props} className={inputClass} value={color} onChange={(event) => setColor(event.target.value as LabelColor)}>
              {LABEL_COLORS.map((value) => (
                <option key={value} value={value}>
                  {COLOR_NAMES[value]}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {save.isError && Object.keys(errors).length === 0 && <Notice tone="error">{errorMessage(save.error)}</Notice>}
      {saved && <Notice tone="ok">Added “{saved}”.</Notice>}
      <div className="flex gap-2">
        <button type="submit" className={buttonClass} disabled={save.isPending}>
          {save.isPending ? "Saving…" : label ? "Save label" : "Add label"}
        </button>
        {label && (
          <button type="button" className={secondaryButtonClass} onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
