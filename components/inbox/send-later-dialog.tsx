"use client";

import { latestSendLater, sendLaterProblem } from "@/lib/inbox/send-later-window";
import { TimePickerDialog } from "./time-picker-dialog";

/** The composer's "Send later" menu: when the reply goes to the guest. */
export function SendLaterDialog({ onPick, onClose, pending, error }: { onPick: (at: Date) => void; onClose: () => void; pending: boolean; error: string | null }) {
  return (
    <TimePickerDialog
      id="send-later"
      title="Send later"
      help="The reply waits here until then, and can be cancelled until it goes. Times are your own clock."
      pickLabel="Send then"
      latest={latestSendLater}
      problemWith={sendLaterProblem}
      onPick={onPick}
      onClose={onClose}
      pending={pending}
      error={error}
    />
  );
}
