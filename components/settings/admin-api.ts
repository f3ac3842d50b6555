// The settings page's client for /api/admin: JSON in and out, the one error shape turned into an
// ApiError that keeps the field messages for the forms, and the query keys every section shares.
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: Record<string, string> = {},
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
    throw new ApiError(0, "network", "Bellhop could not be reached. Check your connection and try again.");
  }
  if (response.status === 204) return undefined as T;
  const body: unknown = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = (body as ErrorBody).error;
    throw new ApiError(response.status, error?.code ?? "internal", error?.message ?? `Request failed (${response.status})`, error?.fields ?? {});
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

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : "Something went wrong.";
}
