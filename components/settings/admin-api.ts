// The settings page's client for /api/admin: JSON in and out, the one error shape turned into an
// ApiError that keeps the field messages for the forms, and the query keys every section shares.
import { useCallback } from "react";
import { useTranslations } from "use-intl";

/** What the client says itself when the server could not answer in words (settings.errors). */
type OwnError = "network" | "requestFailed";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
    /** Set when `message` is the client's own English words, not the server's: errorMessage translates it. */
    readonly ownError: OwnError | null = null,
  ) {
    super(message);
  }
}

type ErrorBody = { error?: { code?: string; message?: string; fields?: Record<string, string> } };

export async function adminFetch<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, {
      method: init.method ?? "GET",
      headers: init.body === undefined ? undefined : { "content-type": "application/json" },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch {
    throw new ApiError(0, "network", "Bellhop could not be reached. Check your connection and try again.", {}, "network");
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = (body as ErrorBody).error;
    // The server's own message is shown as it is; only a missing one is ours to word.
    const message = error?.message ?? null;
    throw new ApiError(response.status, error?.code ?? "internal", message ?? `Request failed (${response.status})`, error?.fields ?? {}, message === null ? "requestFailed" : null);
  }
  return body as T;
}

/** Query keys: one factory so invalidations cannot drift from the queries they refresh. */
export const adminKeys = {
  all: ["admin"] as const,
  connections: () => ["admin", "connections"] as const,
  properties: () => ["admin", "properties"] as const,
  staff: () => ["admin", "staff"] as const,
  syncHealth: () => ["admin", "sync-health"] as const,
  savedReplies: () => ["admin", "saved-replies"] as const,
  labels: () => ["admin", "labels"] as const,
  previewValues: (propertyId: string | null) => ["admin", "preview-values", propertyId ?? "all"] as const,
  auditLog: (page: number) => ["admin", "audit-log", page] as const,
};

export function fieldErrors(error: unknown): Record<string, string> {
  return error instanceof ApiError ? error.fields : {};
}

/** `t` of the settings.errors namespace. */
type ErrorWords = (key: OwnError | "unknown", values?: { status: number }) => string;

/** The words for a failed request: the server's message as it is, else the client's own in the page's language. */
function errorMessage(error: unknown, words: ErrorWords): string {
  if (error instanceof ApiError && error.ownError) return words(error.ownError, { status: error.status });
  if (error instanceof Error) return error.message;
  return words("unknown");
}

/** errorMessage in the page's language. */
export function useErrorMessage(): (error: unknown) => string {
  const words = useTranslations("settings.errors");
  return useCallback((error: unknown) => errorMessage(error, words), [words]);
}
