"use client";

import { useTranslations } from "use-intl";
import { latestSendLater, SEND_LATER_MAX_DAYS, sendLaterProblem } from "@/lib/inbox/send-later-window";
import { TimePickerDialog } from "./time-picker-dialog";

/** The composer's "Send later" menu: when the reply goes to the guest. */
export function SendLaterDialog({ onPick, onClose, pending, error }: { onPick: (at: Date) => void; onClose: () => void; pending: boolean; error: string | null }) {
  const t = useTranslations("composer");
  // lib/inbox/send-later-window.ts decides (the server checks the same rule); this says why, in the page's language.
  const problemWith = (at: Date, now: Date): string | null => {
    if (sendLaterProblem(at, now) === null) return null;
    if (Number.isNaN(at.getTime())) return t("timePicker.chooseDateTime");
    if (at.getTime() > latestSendLater(now).getTime()) return t("sendLater.tooFar", { days: SEND_LATER_MAX_DAYS });
    return t("sendLater.tooSoon");
  };
  return (
    <TimePickerDialog
      id="send-later"
      title={t("sendLater.title")}
      help={t("sendLater.help")}
      pickLabel={t("sendLater.pick")}
      latest={latestSendLater}
      problemWith={problemWith}
      onPick={onPick}
      onClose={onClose}
      pending={pending}
      error={error}
    />
  );
}
