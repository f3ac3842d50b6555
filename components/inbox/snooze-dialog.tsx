"use client";

import { useEffect, useRef, useState } from "react";
import { latestSnoozeUntil, snoozeUntilProblem } from "@/lib/inbox/snooze-window";
import { formatSnoozeUntil, localZone } from "./format-time";
import { fromDateTimeLocalValue, snoozePresets, toDateTimeLocalValue } from "./snooze-presets";

/**
 * The snooze menu, a modal <dialog> (focus stays inside, Esc closes, the rest of the page is inert).
 * Mounted only while open, so the preset times are computed when it opens. `onSnooze(null)`: until the
 * guest replies.
 */
export function SnoozeDialog({ onSnooze, onClose, pending, error }: { onSnooze: (until: Date | null) => void; onClose: () => void; pending: boolean; error: string | null }) {
  const ref = useRef<HTMLDialogElement>(null);
  const first = useRef<HTMLButtonElement>(null);
  const [now] = useState(() => new Date());
  const presets = snoozePresets(now);
  const zone = localZone();
  const [picked, setPicked] = useState(() => toDateTimeLocalValue(presets[1]!.until));
  const [pickProblem, setPickProblem] = useState<string | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    // The first choice, so Enter snoozes for three hours and Tab walks the others.
    first.current?.focus();
  }, []);

  const pick = () => {
    const until = fromDateTimeLocalValue(picked);
    const problem = until === null ? "Choose a date and time." : snoozeUntilProblem(until, new Date());
    setPickProblem(problem);
    if (until !== null && problem === null) onSnooze(until);
  };
  const message = pickProblem ?? error;
  const option =
    "flex w-full items-center justify-between gap-3 rounded-lg px-3 py-2 text-left text-sm hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:outline-none disabled:opacity-50 dark:hover:bg-slate-800";

  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby="snooze-title" aria-describedby="snooze-help" data-testid="snooze-dialog" className="m-auto w-[min(24rem,94vw)] rounded-xl bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-black/40 dark:bg-slate-900 dark:text-slate-100">
      <div className="space-y-3 p-4">
        <h2 id="snooze-title" className="text-base font-semibold">
          Snooze
        </h2>
        <p id="snooze-help" className="text-sm text-slate-600 dark:text-slate-400">
          The conversation leaves the inbox, for the whole team, until then. A new message from the guest always brings it back.
        </p>
        <ul className="-mx-1 space-y-0.5">
          {presets.map((preset, index) => (
            <li key={preset.id}>
              <button type="button" className={option} disabled={pending} onClick={() => onSnooze(preset.until)} ref={index === 0 ? first : undefined}>
                <span className="font-medium">{preset.label}</span>
                <span className="text-slate-600 tabular-nums dark:text-slate-400">{formatSnoozeUntil(preset.until.toISOString(), zone)}</span>
              </button>
            </li>
          ))}
          <li>
            <button type="button" className={option} disabled={pending} onClick={() => onSnooze(null)}>
              <span className="font-medium">Until the guest replies</span>
            </button>
          </li>
        </ul>
        <form
          noValidate
          className="space-y-1 border-t border-slate-200 pt-3 dark:border-slate-800"
          onSubmit={(event) => {
            event.preventDefault();
            pick();
          }}
        >
          <label htmlFor="snooze-until" className="block text-sm font-medium">
            Or pick a date and time
          </label>
          <div className="flex gap-2">
            <input
              id="snooze-until"
              type="datetime-local"
              className="input min-w-0 flex-1"
              value={picked}
              min={toDateTimeLocalValue(now)}
              max={toDateTimeLocalValue(latestSnoozeUntil(now))}
              onChange={(event) => {
                setPicked(event.target.value);
                setPickProblem(null);
              }}
              aria-invalid={pickProblem !== null}
              aria-errormessage={pickProblem !== null ? "snooze-error" : undefined}
            />
            <button type="submit" className="btn-primary" disabled={pending}>
              Snooze until then
            </button>
          </div>
        </form>
        {message ? (
          <p id="snooze-error" role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950/50 dark:text-red-200">
            {message}
          </p>
        ) : null}
        <div className="flex justify-end">
          <button type="button" className="btn-ghost" onClick={() => ref.current?.close()}>
            Cancel
          </button>
        </div>
      </div>
    </dialog>
  );
}
