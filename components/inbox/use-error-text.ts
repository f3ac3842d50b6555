"use client";

import { useCallback } from "react";
import { useTranslations } from "use-intl";
import { ApiError } from "./inbox-api";

/**
 * What a failed request says on screen: the server's message as it sent it (Bellhop's server speaks
 * English for now), or, when the browser had to describe the failure itself (no connection, an upload
 * cut off, a reply without a message), that description in the page's language.
 */
export function useErrorText(): (error: unknown) => string {
  const t = useTranslations("common.errors");
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && error.ownFailure) return t(error.ownFailure, { status: error.status });
      if (error instanceof Error && error.message) return error.message;
      return t("unknown");
    },
    [t],
  );
}
