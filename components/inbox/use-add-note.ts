"use client";

// Saving an internal note from the composer. The key is made once per text: a retry after a failure
// (which may have reached the server after all) sends the same key, so the note is saved once; a
// changed text gets a new key.
import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useTranslations } from "use-intl";
import { postNote } from "./inbox-api";
import { inboxKeys } from "./query-keys";
import { useErrorText } from "./use-error-text";

export function useAddNote(conversationId: string) {
  const errorText = useErrorText();
  const queryClient = useQueryClient();
  const t = useTranslations("composer.note");
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
      setError(failure instanceof Error ? errorText(failure) : t("couldNotSave"));
      return false;
    }
  };
  return { save, error, clearError: () => setError(null) };
}
