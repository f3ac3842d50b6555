"use client";

import { useEffect, useRef } from "react";

const SHORTCUTS: [string, string][] = [
  ["j / k", "Next / previous conversation"],
  ["Enter", "Open the highlighted conversation"],
  ["x", "Choose the highlighted conversation (for a bulk action)"],
  ["Shift+click a checkbox", "Choose every conversation from the one chosen last"],
  ["r", "Reply"],
  ["n", "Internal note"],
  ["e", "Toggle “no reply needed”"],
  ["u", "Mark as unread"],
  ["s", "Star / unstar (your own)"],
  ["l", "Labels (the team's)"],
  ["z", "Snooze"],
  ["a", "Assign"],
  ["/", "Search"],
  ["c", "New message"],
  ["Esc", "Close the conversation"],
  ["Enter (in the reply)", "Send"],
  ["Shift+Enter", "New line"],
  ["Ctrl+Enter", "Send (also on a touch screen, where Enter is a new line)"],
  ["Alt+S (in the reply)", "Saved replies"],
  ["?", "This help"],
];

export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    if (!open && dialog.open) dialog.close();
  }, [open]);
  return (
    <dialog ref={ref} onClose={onClose} aria-labelledby="shortcuts-title" className="m-auto w-[min(26rem,94vw)] rounded-xl bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-black/40 dark:bg-slate-900 dark:text-slate-100">
      <div className="p-4">
        <h2 id="shortcuts-title" className="mb-3 text-base font-semibold">
          Keyboard shortcuts
        </h2>
        <p className="mb-3 text-xs text-slate-500 dark:text-slate-400">They do nothing while you are typing in a field.</p>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
          {SHORTCUTS.map(([keys, what]) => (
            <div key={keys} className="contents">
              <dt>
                <kbd className="kbd">{keys}</kbd>
              </dt>
              <dd className="text-slate-700 dark:text-slate-300">{what}</dd>
            </div>
          ))}
        </dl>
        <div className="mt-4 flex justify-end">
          <button type="button" className="btn-secondary" onClick={() => ref.current?.close()} autoFocus>
            Close
          </button>
        </div>
      </div>
    </dialog>
  );
}
