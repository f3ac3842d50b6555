"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "use-intl";
import type { AddPropertyResult } from "@/lib/admin/add-property";
import type { ConnectionView } from "@/lib/admin/get-connections";
import type { AdminPropertyView } from "@/lib/admin/list-admin-properties";
import type { SavedReplyView } from "@/lib/admin/list-saved-replies";
import { adminFetch, adminKeys, fieldErrors, useErrorMessage } from "./admin-api";
import { BackfillProgress } from "./backfill-progress";
import { buttonClass, Field, inputClass, Notice, secondaryButtonClass, SectionCard } from "./form-controls";

const TIME_ZONE_LIST = "property-time-zones";

export function PropertiesSection({ timeZones }: { timeZones: string[] }) {
  const properties = useQuery({
    queryKey: adminKeys.properties(),
    queryFn: () => adminFetch<{ properties: AdminPropertyView[] }>("/api/admin/properties"),
    // While an import runs, poll so the progress bar moves; stop once every import has settled.
    refetchInterval: (query) => (query.state.data?.properties.some((p) => p.backfillState === "pending" || p.backfillState === "running") ? 1500 : false),
  });
  const replies = useQuery({ queryKey: adminKeys.savedReplies(), queryFn: () => adminFetch<{ replies: SavedReplyView[] }>("/api/admin/saved-replies") });
  const t = useTranslations("settings.properties");
  const errorMessage = useErrorMessage();

  return (
    <SectionCard id="properties" title={t("title")} description={t("description")}>
      <Notice tone="info">{t("linkAllowlist")}</Notice>
      {properties.isError && <Notice tone="error">{errorMessage(properties.error)}</Notice>}
      {properties.data && (
        <div className="relative overflow-x-auto">
          {/* relative: the rows' sr-only labels (position: absolute) are then clipped by this box too;
              with the page as their containing block they sat outside the screen and a phone zoomed
              the whole page out to show them. */}
          <table className="w-full text-left text-sm" data-testid="property-table">
            <caption className="sr-only">{t("tableCaption")}</caption>
            <thead className="text-xs uppercase text-slate-600 dark:text-slate-400">
              <tr>
                <th scope="col" className="py-2 pr-3 font-medium">
                  {t("columnProperty")}
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  {t("columnTimeZone")}
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  {t("columnHistoryImport")}
                </th>
                <th scope="col" className="py-2 pr-3 font-medium">
                  {t("columnWelcomeMessage")}
                </th>
                <th scope="col" className="py-2 font-medium">
                  {t("columnEnabled")}
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-200 dark:divide-slate-800">
              {properties.data.properties.map((property) => (
                <PropertyRow key={property.id} property={property} replies={replies.data?.replies ?? []} />
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddPropertyForm />
      {/* One list of IANA zones for every time zone input in this section (add and edit). */}
      <datalist id={TIME_ZONE_LIST}>
        {timeZones.map((zone) => (
          <option key={zone} value={zone} />
        ))}
      </datalist>
    </SectionCard>
  );
}

function PropertyRow({ property, replies }: { property: AdminPropertyView; replies: SavedReplyView[] }) {
  const queryClient = useQueryClient();
  const t = useTranslations("settings.properties");
  const errorMessage = useErrorMessage();
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const closeEditor = () => {
    returnFocus.current = true;
    setEditing(false);
  };
  useEffect(() => {
    // Back to the button that opened the editor, so keyboard users keep their place.
    if (!editing && returnFocus.current) {
      returnFocus.current = false;
      editButton.current?.focus();
    }
  }, [editing]);
  const update = useMutation({
    mutationFn: (body: { enabled?: boolean; welcomeReplyId?: string | null }) =>
      adminFetch<{ property: AdminPropertyView }>(`/api/admin/properties/${property.id}`, { method: "PATCH", body }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: adminKeys.all }),
  });
  const usable = replies.filter((reply) => reply.propertyId === null || reply.propertyId === property.id);
  return (
    <tr data-testid={`property-row-${property.id}`} className="align-top">
      {editing ? (
        <td className="py-3 pr-3" colSpan={2}>
          <EditPropertyForm property={property} onDone={closeEditor} />
        </td>
      ) : (
        <>
          <td className="py-3 pr-3">
            <div className="font-medium">{property.name}</div>
            <div className="text-xs text-slate-600 dark:text-slate-400">
              #{property.id}
              {property.connectionName && <> · {property.connectionName}</>}
            </div>
            <button ref={editButton} type="button" className="mt-1 text-xs font-medium text-indigo-700 underline dark:text-indigo-400" onClick={() => setEditing(true)}>
              {t("edit")}
              <span className="sr-only"> {property.name}</span>
            </button>
            {update.isError && <p className="mt-1 text-xs text-red-700 dark:text-red-400">{errorMessage(update.error)}</p>}
          </td>
          <td className="py-3 pr-3">{property.timeZone}</td>
        </>
      )}
      <td className="py-3 pr-3">
        <BackfillProgress property={property} />
        <ReimportControl property={property} />
      </td>
      <td className="py-3 pr-3">
        <label className="sr-only" htmlFor={`welcome-${property.id}`}>
          {t("welcomeMessageFor", { name: property.name })}
        </label>
        <select
          id={`welcome-${property.id}`}
          className={inputClass}
          value={property.welcomeReplyId ?? ""}
          disabled={update.isPending}
          onChange={(event) => update.mutate({ welcomeReplyId: event.target.value || null })}
        >
          <option value="">{t("welcomeNone")}</option>
          {usable.map((reply) => (
            <option key={reply.id} value={reply.id}>
              {reply.title}
            </option>
          ))}
        </select>
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{t("welcomeHint")}</p>
      </td>
      <td className="py-3">
        <label className="flex items-center gap-2">
          <input type="checkbox" checked={property.enabled} disabled={update.isPending} onChange={(event) => update.mutate({ enabled: event.target.checked })} />
          <span className="sr-only">{t("syncProperty", { name: property.name })}</span>
          <span aria-hidden>{property.enabled ? t("on") : t("off")}</span>
        </label>
      </td>
    </tr>
  );
}

/** Inline edit of the display name and time zone; the server validates (IANA zone) and answers per field. */
function EditPropertyForm({ property, onDone }: { property: AdminPropertyView; onDone: () => void }) {
  const queryClient = useQueryClient();
  const [form, setForm] = useState({ name: property.name, timeZone: property.timeZone });
  const t = useTranslations("settings.properties");
  const errorMessage = useErrorMessage();
  const save = useMutation({
    mutationFn: (body: { name?: string; timeZone?: string }) => adminFetch<{ property: AdminPropertyView }>(`/api/admin/properties/${property.id}`, { method: "PATCH", body }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.all });
      onDone();
    },
  });
  const errors = fieldErrors(save.error);
  return (
    <form
      aria-label={t("editFormLabel", { name: property.name })}
      className="space-y-2"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        // Only what changed goes to the server (and so into the audit entry); nothing changed, nothing sent.
        const body = {
          ...(form.name !== property.name ? { name: form.name } : {}),
          ...(form.timeZone !== property.timeZone ? { timeZone: form.timeZone } : {}),
        };
        if (Object.keys(body).length === 0) onDone();
        else save.mutate(body);
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape" && !save.isPending) onDone();
      }}
    >
      <div className="grid gap-2 sm:grid-cols-2">
        <Field label={t("displayName")} error={errors.name}>
          {(props) => <input {...props} autoFocus className={inputClass} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
        </Field>
        <Field label={t("timeZone")} error={errors.timeZone} hint={t("timeZoneHint")}>
          {(props) => <input {...props} list={TIME_ZONE_LIST} className={inputClass} value={form.timeZone} onChange={(e) => setForm({ ...form, timeZone: e.target.value })} />}
        </Field>
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400">#{property.id}</p>
      {save.isError && Object.keys(errors).length === 0 && <Notice tone="error">{errorMessage(save.error)}</Notice>}
      <div className="flex gap-2">
        <button type="submit" className={buttonClass} disabled={save.isPending}>
          {save.isPending ? t("saving") : t("save")}
        </button>
        <button type="button" className={secondaryButtonClass} disabled={save.isPending} onClick={onDone}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}

/** "Re-import": restarts the property's history import, after an explicit confirmation. */
function ReimportControl({ property }: { property: AdminPropertyView }) {
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const t = useTranslations("settings.properties");
  const errorMessage = useErrorMessage();
  const restart = useMutation({
    mutationFn: () => adminFetch<{ property: AdminPropertyView }>(`/api/admin/properties/${property.id}/backfill`, { method: "POST" }),
    onSuccess: () => {
      setConfirming(false);
      void queryClient.invalidateQueries({ queryKey: adminKeys.all });
    },
  });
  const busy = property.backfillState === "pending" || property.backfillState === "running";
  if (confirming) {
    return (
      <div role="group" aria-label={t("confirmReimportLabel", { name: property.name })} className="mt-2 space-y-2 rounded-md border border-amber-200 bg-amber-50 p-2 text-xs text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100">
        <p>{t("confirmReimport", { name: property.name })}</p>
        <div className="flex gap-2">
          <button type="button" className={buttonClass} disabled={restart.isPending} onClick={() => restart.mutate()}>
            {restart.isPending ? t("starting") : t("confirmReimportButton")}
          </button>
          <button type="button" className={secondaryButtonClass} disabled={restart.isPending} onClick={() => setConfirming(false)}>
            {t("cancel")}
          </button>
        </div>
        {restart.isError && <p className="text-red-700 dark:text-red-400">{errorMessage(restart.error)}</p>}
      </div>
    );
  }
  return (
    <button
      type="button"
      className={`${secondaryButtonClass} mt-2 px-2 py-1 text-xs`}
      disabled={busy}
      title={busy ? t("importUnderWay") : undefined}
      onClick={() => {
        restart.reset();
        setConfirming(true);
      }}
    >
      {t("reimport")}
      <span className="sr-only"> {property.name}</span>
    </button>
  );
}

function AddPropertyForm() {
  const queryClient = useQueryClient();
  const connections = useQuery({ queryKey: adminKeys.connections(), queryFn: () => adminFetch<{ connections: ConnectionView[] }>("/api/admin/connections") });
  const [form, setForm] = useState({ id: "", name: "", timeZone: "Europe/Amsterdam", connectionId: "" });
  const [warning, setWarning] = useState<string | null>(null);
  const [added, setAdded] = useState<string | null>(null);
  const t = useTranslations("settings.properties");
  const errorMessage = useErrorMessage();
  const connectionId = form.connectionId || connections.data?.connections[0]?.id || "";
  const add = useMutation({
    mutationFn: () => adminFetch<AddPropertyResult>("/api/admin/properties", { method: "POST", body: { ...form, connectionId } }),
    onSuccess: (result) => {
      setWarning(result.warning);
      setAdded(result.property.name);
      setForm((current) => ({ ...current, id: "", name: "" }));
      void queryClient.invalidateQueries({ queryKey: adminKeys.all });
    },
  });
  const errors = fieldErrors(add.error);
  return (
    <form
      aria-label={t("addFormLabel")}
      className="space-y-3 rounded-md border border-dashed border-slate-300 p-4 dark:border-slate-700"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setAdded(null);
        add.mutate();
      }}
    >
      <h3 className="text-sm font-semibold">{t("addTitle")}</h3>
      <div className="grid gap-3 sm:grid-cols-4">
        <Field label={t("bookingPropertyId")} error={errors.id}>
          {(props) => <input {...props} inputMode="numeric" className={inputClass} value={form.id} onChange={(e) => setForm({ ...form, id: e.target.value })} />}
        </Field>
        <Field label={t("displayName")} error={errors.name}>
          {(props) => <input {...props} className={inputClass} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
        </Field>
        <Field label={t("timeZone")} error={errors.timeZone}>
          {(props) => <input {...props} list={TIME_ZONE_LIST} className={inputClass} value={form.timeZone} onChange={(e) => setForm({ ...form, timeZone: e.target.value })} />}
        </Field>
        <Field label={t("connection")} error={errors.connectionId}>
          {(props) => (
            <select {...props} className={inputClass} value={connectionId} onChange={(e) => setForm({ ...form, connectionId: e.target.value })}>
              {(connections.data?.connections ?? []).map((connection) => (
                <option key={connection.id} value={connection.id}>
                  {connection.name}
                </option>
              ))}
            </select>
          )}
        </Field>
      </div>
      {add.isError && Object.keys(errors).length === 0 && <Notice tone="error">{errorMessage(add.error)}</Notice>}
      {added && !warning && <Notice tone="ok">{t("added", { name: added })}</Notice>}
      {warning && <Notice tone="warn">{warning}</Notice>}
      <button type="submit" className={buttonClass} disabled={add.isPending || !connectionId}>
        {add.isPending ? t("checking") : t("add")}
      </button>
    </form>
  );
}
