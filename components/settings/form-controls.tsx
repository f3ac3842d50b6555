"use client";

// Small, accessible form building blocks shared by the settings sections: every input has a label,
// and a server field message is tied to it with aria-describedby and aria-invalid.
import { useId, useMemo } from "react";
import { useLocale, useTranslations } from "use-intl";
import { FORMAT_REGION } from "@/lib/i18n/locales";
import { writeDate } from "../inbox/format-time";

export const inputClass =
  "w-full rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm shadow-sm focus:border-indigo-600 focus:outline-none focus:ring-2 focus:ring-indigo-600/30 disabled:opacity-60 aria-[invalid=true]:border-red-600 dark:border-slate-700 dark:bg-slate-900";

export const buttonClass =
  "inline-flex items-center justify-center rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-700 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 focus-visible:ring-offset-2 disabled:opacity-60 dark:focus-visible:ring-offset-slate-950";

export const secondaryButtonClass =
  "inline-flex items-center justify-center rounded-md border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-50 focus:outline-none focus-visible:ring-2 focus-visible:ring-indigo-600 disabled:opacity-60 dark:border-slate-700 dark:hover:bg-slate-900";

type FieldProps = {
  label: string;
  error?: string;
  hint?: React.ReactNode;
  children: (props: { id: string; "aria-invalid": boolean; "aria-describedby": string | undefined }) => React.ReactNode;
  className?: string;
};

export function Field({ label, error, hint, children, className }: FieldProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      {children({ id, "aria-invalid": Boolean(error), "aria-describedby": describedBy })}
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-slate-600 dark:text-slate-400">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="mt-1 text-sm text-red-700 dark:text-red-400" data-testid="field-error">
          {error}
        </p>
      )}
    </div>
  );
}

export function Notice({ tone, children, testId }: { tone: "ok" | "warn" | "error" | "info"; children: React.ReactNode; testId?: string }) {
  const tones = {
    ok: "border-emerald-200 bg-emerald-50 text-emerald-900 dark:border-emerald-900 dark:bg-emerald-950 dark:text-emerald-100",
    warn: "border-amber-200 bg-amber-50 text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100",
    error: "border-red-200 bg-red-50 text-red-900 dark:border-red-900 dark:bg-red-950 dark:text-red-100",
    info: "border-slate-200 bg-slate-50 text-slate-800 dark:border-slate-800 dark:bg-slate-900 dark:text-slate-200",
  } as const;
  return (
    // wrap-anywhere: an error can carry a long unbroken token or URL (Booking.com's request ids), which
    // otherwise ran past a phone's screen and made it zoom the whole page out.
    <div role={tone === "error" || tone === "warn" ? "alert" : "status"} data-testid={testId} className={`rounded-md border px-3 py-2 text-sm wrap-anywhere ${tones[tone]}`}>
      {children}
    </div>
  );
}

export function SectionCard({ id, title, description, children }: { id: string; title: string; description?: React.ReactNode; children: React.ReactNode }) {
  return (
    <section id={id} aria-labelledby={`${id}-heading`} className="scroll-mt-20 rounded-lg border border-slate-200 p-5 dark:border-slate-800">
      <h2 id={`${id}-heading`} className="text-lg font-semibold">
        {title}
      </h2>
      {description && <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{description}</p>}
      <div className="mt-4 space-y-4">{children}</div>
    </section>
  );
}

/**
 * A moment in the reader's own zone, in the page's language ("3 Mar 2026, 14:05" in English), or
 * "never" without one.
 */
export function useFormatTime(): (iso: string | null) => string {
  const locale = useLocale();
  const t = useTranslations("settings.formControls");
  return useMemo(() => {
    const format = new Intl.DateTimeFormat(FORMAT_REGION[locale], { dateStyle: "medium", timeStyle: "short" });
    return (iso: string | null) => (iso ? writeDate(format, new Date(iso)) : t("never"));
  }, [locale, t]);
}

/** A list row's Edit and Delete buttons; Delete asks `confirmText` first. `name` tells screen readers which row. */
export function EditDeleteButtons({ name, onEdit, onDelete, confirmText, deleting }: { name: string; onEdit: () => void; onDelete: () => void; confirmText: string; deleting: boolean }) {
  const t = useTranslations("settings.formControls");
  return (
    <span className="flex gap-2">
      <button type="button" className={secondaryButtonClass} onClick={onEdit}>
        {t("edit")}
        <span className="sr-only"> {name}</span>
      </button>
      <button
        type="button"
        className={secondaryButtonClass}
        disabled={deleting}
        onClick={() => {
          if (window.confirm(confirmText)) onDelete();
        }}
      >
        {t("delete")}
        <span className="sr-only"> {name}</span>
      </button>
    </span>
  );
}
