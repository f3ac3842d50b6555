"use client";

// "Edit" on a reply scheduled for later cancels it and gives its text back to the composer. The
// thread provides this; a message deep in the virtualised list calls it without the list knowing.
import { createContext, useContext } from "react";

export type RestoredDraft = { text: string; id: number };

export const RestoreDraftContext = createContext<((text: string) => void) | null>(null);

/** The thread's composer taker, or null outside a thread (nothing to edit into). */
export function useRestoreDraft(): ((text: string) => void) | null {
  return useContext(RestoreDraftContext);
}
