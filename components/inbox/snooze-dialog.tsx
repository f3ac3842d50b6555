"use client";

import { latestSnoozeUntil, snoozeUntilProblem } from "@/lib/inbox/snooze-window";
import { TimePickerDialog } from "./time-picker-dialog";

/** The snooze menu. `onSnooze(null)`: until the guest replies. */
export function SnoozeDialog({ onSnooze, onClose, pending, error }: { onSnooze: (until: Date | null) => void; onClose: () => void; pending: boolean; error: string | null }) {
  return (
    <TimePickerDialog
      id="snooze"
      title="Snooze"
      help="The conversation leaves the inbox, for the whole team, until then. A new message from the guest always brings it back."
      pickLabel="Snooze until then"
      extraChoices={(option) => (
        <li>
          <button type="button" className={option} disabled={pending} onClick={() => onSnooze(null)}>
            <span className="font-medium">Until the guest replies</span>
          </button>
        </li>
      )}
      latest={latestSnoozeUntil}
      problemWith={snoozeUntilProblem}
      onPick={onSnooze}
      onClose={onClose}
      pending={pending}
      error={error}
    />
  );
}
