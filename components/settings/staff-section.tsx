"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTranslations } from "use-intl";
import type { PasswordLink } from "@/lib/admin/create-password-link";
import type { CreateStaffResult } from "@/lib/admin/create-staff";
import type { AdminPropertyView } from "@/lib/admin/list-admin-properties";
import type { StaffView } from "@/lib/admin/list-staff";
import { adminFetch, adminKeys, useErrorMessage, fieldErrors } from "./admin-api";
import { buttonClass, Field, inputClass, Notice, secondaryButtonClass, SectionCard, useFormatTime } from "./form-controls";

type PropertyOption = Pick<AdminPropertyView, "id" | "name">;

export function StaffSection({ viewerId }: { viewerId: string }) {
  const errorMessage = useErrorMessage();
  const staff = useQuery({ queryKey: adminKeys.staff(), queryFn: () => adminFetch<{ users: StaffView[] }>("/api/admin/staff") });
  const properties = useQuery({ queryKey: adminKeys.properties(), queryFn: () => adminFetch<{ properties: AdminPropertyView[] }>("/api/admin/properties") });
  const options = properties.data?.properties ?? [];
  const t = useTranslations("team.staff");
  return (
    <SectionCard id="staff" title={t("title")} description={t("description")}>
      {staff.isError && <Notice tone="error">{errorMessage(staff.error)}</Notice>}
      {staff.data && (
        <ul className="divide-y divide-slate-200 rounded-md border border-slate-200 dark:divide-slate-800 dark:border-slate-800" data-testid="staff-list">
          {staff.data.users.map((user) => (
            <StaffRow key={user.id} user={user} properties={options} isSelf={user.id === viewerId} />
          ))}
        </ul>
      )}
      <CreateStaffForm properties={options} />
    </SectionCard>
  );
}

function StaffRow({ user, properties, isSelf }: { user: StaffView; properties: PropertyOption[]; isSelf: boolean }) {
  const errorMessage = useErrorMessage();
  const t = useTranslations("team.staff");
  const formatTime = useFormatTime();
  const queryClient = useQueryClient();
  const [link, setLink] = useState<PasswordLink | null>(null);
  const [editing, setEditing] = useState(false);
  const update = useMutation({
    mutationFn: (body: { role?: "admin" | "staff"; active?: boolean; propertyIds?: string[] }) =>
      adminFetch<{ user: StaffView }>(`/api/admin/staff/${user.id}`, { method: "PATCH", body }),
    onSuccess: () => {
      setEditing(false);
      void queryClient.invalidateQueries({ queryKey: adminKeys.all });
    },
  });
  const makeLink = useMutation({
    mutationFn: () => adminFetch<{ setupLink: PasswordLink }>(`/api/admin/staff/${user.id}/password-link`, { method: "POST" }),
    onSuccess: (result) => {
      setLink(result.setupLink);
      void queryClient.invalidateQueries({ queryKey: adminKeys.all });
    },
  });
  const names =
    user.role === "admin" ? t("row.everyProperty") : user.propertyIds.map((id) => properties.find((p) => p.id === id)?.name ?? `#${id}`).join(", ") || t("row.noPropertyYet");
  return (
    <li className={`space-y-2 px-3 py-3 ${user.active ? "" : "opacity-70"}`} data-testid={`staff-row-${user.email}`}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <div className="font-medium">
            {user.name} {isSelf && <span className="text-xs text-slate-600 dark:text-slate-400">{t("row.you")}</span>}
            {!user.active && <span className="ml-2 rounded bg-slate-200 px-1.5 py-0.5 text-xs dark:bg-slate-800">{t("row.deactivated")}</span>}
          </div>
          <div className="text-sm text-slate-600 dark:text-slate-400">{user.email}</div>
          <div className="text-sm">{names}</div>
          {user.setupLinkExpiresAt && (
            <div className="text-xs text-slate-600 dark:text-slate-400">{t("row.linkOutstanding", { time: formatTime(user.setupLinkExpiresAt) })}</div>
          )}
        </div>
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <label className="sr-only" htmlFor={`role-${user.id}`}>
            {t("row.roleOf", { name: user.name })}
          </label>
          <select
            id={`role-${user.id}`}
            className={inputClass.replace("w-full", "w-auto")}
            value={user.role}
            disabled={update.isPending || !user.active}
            onChange={(event) => update.mutate({ role: event.target.value === "admin" ? "admin" : "staff" })}
          >
            <option value="staff">{t("roles.staff")}</option>
            <option value="admin">{t("roles.admin")}</option>
          </select>
          {user.role === "staff" && user.active && (
            <button type="button" className={secondaryButtonClass} onClick={() => setEditing((value) => !value)} aria-expanded={editing}>
              {t("row.editProperties")}
            </button>
          )}
          {user.active && (
            <button type="button" className={secondaryButtonClass} disabled={makeLink.isPending} onClick={() => makeLink.mutate()}>
              {t("row.makeLink")}
            </button>
          )}
          {!isSelf && (
            <button type="button" className={secondaryButtonClass} disabled={update.isPending} onClick={() => update.mutate({ active: !user.active })}>
              {user.active ? t("row.deactivate") : t("row.reactivate")}
            </button>
          )}
        </div>
      </div>
      {editing && (
        <PropertyPicker
          legend={t("row.propertiesOf", { name: user.name })}
          properties={properties}
          initial={user.propertyIds}
          busy={update.isPending}
          onSave={(propertyIds) => update.mutate({ propertyIds })}
        />
      )}
      {update.isError && <Notice tone="error">{errorMessage(update.error)}</Notice>}
      {makeLink.isError && <Notice tone="error">{errorMessage(makeLink.error)}</Notice>}
      {link && <LinkNotice link={link} />}
    </li>
  );
}

function PropertyPicker({ legend, properties, initial, busy, onSave }: { legend: string; properties: PropertyOption[]; initial: string[]; busy: boolean; onSave: (ids: string[]) => void }) {
  const t = useTranslations("team.staff.row");
  const [selected, setSelected] = useState<string[]>(initial);
  return (
    <fieldset className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
      <legend className="px-1 text-sm font-medium">{legend}</legend>
      <PropertyCheckboxes properties={properties} selected={selected} onChange={setSelected} />
      <button type="button" className={`${buttonClass} mt-2`} disabled={busy} onClick={() => onSave(selected)}>
        {t("saveAccess")}
      </button>
    </fieldset>
  );
}

function PropertyCheckboxes({ properties, selected, onChange }: { properties: PropertyOption[]; selected: string[]; onChange: (ids: string[]) => void }) {
  return (
    <div className="grid gap-1 sm:grid-cols-2">
      {properties.map((property) => (
        <label key={property.id} className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={selected.includes(property.id)}
            onChange={(event) => onChange(event.target.checked ? [...selected, property.id] : selected.filter((id) => id !== property.id))}
          />
          {property.name} <span className="text-xs text-slate-600 dark:text-slate-400">#{property.id}</span>
        </label>
      ))}
    </div>
  );
}

function LinkNotice({ link }: { link: PasswordLink }) {
  const t = useTranslations("team.staff.link");
  const formatTime = useFormatTime();
  const url = typeof window === "undefined" ? link.path : `${window.location.origin}${link.path}`;
  return (
    <Notice tone="info" testId="setup-link">
      <p>{t("passOn", { time: formatTime(link.expiresAt) })}</p>
      <input readOnly aria-label={t("field")} className={`${inputClass} mt-1 font-mono text-xs`} value={url} onFocus={(event) => event.target.select()} />
    </Notice>
  );
}

function CreateStaffForm({ properties }: { properties: PropertyOption[] }) {
  const errorMessage = useErrorMessage();
  const t = useTranslations("team.staff");
  const queryClient = useQueryClient();
  const empty = { name: "", email: "", role: "staff" as "staff" | "admin", setup: "password" as "password" | "link", password: "" };
  const [form, setForm] = useState(empty);
  const [propertyIds, setPropertyIds] = useState<string[]>([]);
  const [created, setCreated] = useState<CreateStaffResult | null>(null);
  const create = useMutation({
    mutationFn: () => adminFetch<CreateStaffResult>("/api/admin/staff", { method: "POST", body: { ...form, propertyIds } }),
    onSuccess: (result) => {
      setCreated(result);
      setForm(empty);
      setPropertyIds([]);
      void queryClient.invalidateQueries({ queryKey: adminKeys.all });
    },
  });
  const errors = fieldErrors(create.error);
  return (
    <form
      aria-label={t("create.title")}
      className="space-y-3 rounded-md border border-dashed border-slate-300 p-4 dark:border-slate-700"
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        setCreated(null);
        create.mutate();
      }}
    >
      <h3 className="text-sm font-semibold">{t("create.title")}</h3>
      <div className="grid gap-3 sm:grid-cols-3">
        <Field label={t("create.fullName")} error={errors.name}>
          {(props) => <input {...props} className={inputClass} value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />}
        </Field>
        <Field label={t("create.email")} error={errors.email}>
          {(props) => <input {...props} type="email" autoComplete="off" className={inputClass} value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />}
        </Field>
        <Field label={t("create.role")} error={errors.role}>
          {(props) => (
            <select {...props} className={inputClass} value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value === "admin" ? "admin" : "staff" })}>
              <option value="staff">{t("roles.staff")}</option>
              <option value="admin">{t("roles.admin")}</option>
            </select>
          )}
        </Field>
      </div>
      {form.role === "staff" && (
        <fieldset>
          <legend className="mb-1 text-sm font-medium">{t("create.properties")}</legend>
          <PropertyCheckboxes properties={properties} selected={propertyIds} onChange={setPropertyIds} />
          {errors.propertyIds && <p className="mt-1 text-sm text-red-700 dark:text-red-400">{errors.propertyIds}</p>}
        </fieldset>
      )}
      <fieldset>
        <legend className="mb-1 text-sm font-medium">{t("create.setup")}</legend>
        <div className="flex flex-wrap gap-4 text-sm">
          <label className="flex items-center gap-2">
            <input type="radio" name="setup" checked={form.setup === "password"} onChange={() => setForm({ ...form, setup: "password" })} />
            {t("create.setupPassword")}
          </label>
          <label className="flex items-center gap-2">
            <input type="radio" name="setup" checked={form.setup === "link"} onChange={() => setForm({ ...form, setup: "link", password: "" })} />
            {t("create.setupLink")}
          </label>
        </div>
      </fieldset>
      {form.setup === "password" && (
        <Field label={t("create.initialPassword")} error={errors.password} hint={t("create.passwordHint")} className="sm:w-1/2">
          {(props) => <input {...props} type="password" autoComplete="new-password" className={inputClass} value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />}
        </Field>
      )}
      {create.isError && Object.keys(errors).length === 0 && <Notice tone="error">{errorMessage(create.error)}</Notice>}
      {created && <Notice tone="ok">{t("create.created", { email: created.user.email })}</Notice>}
      {created?.setupLink && <LinkNotice link={created.setupLink} />}
      <button type="submit" className={buttonClass} disabled={create.isPending}>
        {create.isPending ? t("create.creating") : t("create.submit")}
      </button>
    </form>
  );
}
