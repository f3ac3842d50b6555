"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { useTranslations } from "use-intl";
import { localZone } from "./format-time";
import { useTimeFormat } from "../use-time-format";
import { fromDateTimeLocalValue, snoozePresets, toDateTimeLocalValue } from "./snooze-presets";

/**
 * A "when?" menu as a modal <dialog> (focus stays inside, Esc closes, the rest of the page is inert):
 * the preset times, any extra choices, and a date-and-time picker, all in the browser's zone. Shared by
 * snooze and send later. Mounted only while open, so the preset times are computed when it opens.
 */
export function TimePickerDialog({
  id,
  title,
  help,
  pickLabel,
  extraChoices,
  latest,
  problemWith,
  onPick,
  onClose,
  pending,
  error,
}: {
  /** Prefix of the element ids and the dialog's test id (`${id}-dialog`). */
  id: string;
  title: string;
  help: string;
  /** The picker's submit button, e.g. "Snooze until then". */
  pickLabel: string;
  /** Choices after the presets (e.g. "Until the guest replies"), given the class of a choice. */
  extraChoices?: (optionClassName: string) => ReactNode;
  latest: (now: Date) => Date;
  /** Why this time cannot be chosen, in words for staff; null when it can. */
  problemWith: (at: Date, now: Date) => string | null;
  onPick: (at: Date) => void;
  onClose: () => void;
  pending: boolean;
  error: string | null;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  const [now] = useState(() => new Date());
  const t = useTranslations("composer.timePicker");
  const presetWords = useTranslations("composer.presets");
  const presets = snoozePresets(now, presetWords);
  const zone = localZone();
  const time = useTimeFormat();
  const [picked, setPicked] = useState(() => toDateTimeLocalValue(presets[1]!.until));
  const [pickProblem, setPickProblem] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    // The first choice, so Enter takes it and Tab walks the others.
    first.current?.focus();
  }, []);

  const pick = () => {
    const at = fromDateTimeLocalValue(picked);
    const problem = at === null ? t("chooseDateTime") : problemWith(at, new Date());
    setPickProblem(problem);
    if (at !== null && problem === null) onPick(at);
  };
  const message = pickProblem ?? error;
  const option =
    "flex w-full items-center justify-between gap-3 rounded-lg px-3 py-2 text-left text-sm hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none disabled:opacity-50 dark:hover:bg-slate-800";

  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby={`${id}-title`} aria-describedby={`${id}-help`} data-testid={`${id}-dialog`} className="m-auto w-[min(24rem,94vw)] rounded-xl bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-black/40 dark:bg-slate-900 dark:text-slate-100">
      <div className="space-y-3 p-4">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          {title}
        </h2>
        <p id={`${id}-help`} className="text-sm text-slate-600 dark:text-slate-400">
          {help}
        </p>
        <ul className="-mx-1 space-y-0.5">
          {presets.map((preset, index) => (
            <li key={preset.id}>
              <button type="button" className={option} disabled={pending} onClick={() => onPick(preset.until)} ref={index === 0 ? first : undefined}>
                <span className="font-medium">{preset.label}</span>
                <span className="text-slate-600 tabular-nums dark:text-slate-400">{time.snoozeUntil(preset.until.toISOString(), zone)}</span>
              </button>
            </li>
          ))}
          {extraChoices?.(option)}
        </ul>
        <form
          noValidate
          className="space-y-1 border-t border-slate-200 pt-3 dark:border-slate-800"
          onSubmit={(event) => {
            event.preventDefault();
            pick();
          }}
        >
          <label htmlFor={`${id}-at`} className="block text-sm font-medium">
            {t("pickLabel")}
          </label>
          <div className="flex gap-2">
            <input
              id={`${id}-at`}
              type="datetime-local"
              className="input min-w-0 flex-1"
              value={picked}
              min={toDateTimeLocalValue(now)}
              max={toDateTimeLocalValue(latest(now))}
              onChange={(event) => {
                setPicked(event.target.value);
                setPickProblem(null);
              }}
              aria-invalid={pickProblem !== null}
              aria-errormessage={pickProblem !== null ? `${id}-error` : undefined}
            />
            <button type="submit" className="btn-primary" disabled={pending}>
              {pickLabel}
            </button>
          </div>
        </form>
        {message ? (
          <p id={`${id}-error`} role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950/50 dark:text-red-200">
            {message}
          </p>
        ) : null}
        <div className="flex justify-end">
          <button type="button" className="btn-ghost" onClick={() => ref.current?.close()}>
            {t("cancel")}
          </button>
        </div>
      </div>
    </dialog>
  );
}
