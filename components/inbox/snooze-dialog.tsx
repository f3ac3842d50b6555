"use client";

import { useTranslations } from "use-intl";
import { latestSnoozeUntil, snoozeUntilProblemKind } from "@/lib/inbox/snooze-window";
import { TimePickerDialog } from "./time-picker-dialog";

/** The snooze menu. `onSnooze(null)`: until the guest replies. */
export function SnoozeDialog({ onSnooze, onClose, pending, error }: { onSnooze: (until: Date | null) => void; onClose: () => void; pending: boolean; error: string | null }) {
  const t = useTranslations("composer");
  // lib/inbox/snooze-window.ts decides (the server checks the same rule); this says why, in the page's language.
  const problemWith = (until: Date, now: Date): string | null => {
    const problem = snoozeUntilProblemKind(until, now);
    if (problem === null) return null;
    return problem === "chooseDateTime" ? t("timePicker.chooseDateTime") : t(`snooze.${problem}`);
  };
  return (
    <TimePickerDialog
      id="snooze"
      title={t("snooze.title")}
      help={t("snooze.help")}
      pickLabel={t("snooze.pick")}
      extraChoices={(option) => (
        <li>
          <button type="button" className={option} disabled={pending} onClick={() => onSnooze(null)}>
            <span className="font-medium">{t("snooze.untilReply")}</span>
          </button>
        </li>
      )}
      latest={latestSnoozeUntil}
      problemWith={problemWith}
      onPick={onSnooze}
      onClose={onClose}
      pending={pending}
      error={error}
    />
  );
}
