"use client";

// Saving an internal note from the composer. The key is made once per text: a retry after a failure
// (which may have reached the server after all) sends the same key, so the note is saved once; a
// changed text gets a new key.
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { postNote } from "./inbox-api";
import { inboxKeys } from "./query-keys";

export function useAddNote(conversationId: string) {
  const queryClient = useQueryClient();
  const [error, setError] = useState<string | null>(null);
  const attempt = useRef<{ content: string; clientKey: string } | null>(null);

  /** Resolves true once the note is saved and the thread refetched; false with `error` set. */
  const save = async (content: string): Promise<boolean> => {
    if (attempt.current?.content !== content) attempt.current = { content, clientKey: crypto.randomUUID() };
    setError(null);
    try {
      await postNote(conversationId, attempt.current);
      attempt.current = null;
      await queryClient.invalidateQueries({ queryKey: inboxKeys.thread(conversationId) });
      return true;
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : "The note could not be saved.");
      return false;
    }
  };
  return { save, error, clearError: () => setError(null) };
}
