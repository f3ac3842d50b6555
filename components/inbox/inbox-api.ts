// The browser side of the inbox's HTTP API. Errors arrive in the one JSON shape and become ApiError,
// whose message is written for staff and can be shown as is.
import type { ConversationCounts } from "@/lib/inbox/count-conversations";
import type {
  Assignee,
  BulkAction,
  BulkResult,
  ConversationChanges,
  ConversationDetail,
  ConversationPage,
  ConversationPresence,
  PresenceActivity,
  PresenceInScope,
  SavedDraft,
  SavedReplyPreview,
  Snooze,
  ThreadPage,
} from "@/lib/inbox/schemas";
import type { Label } from "@/lib/inbox/label-colors";
import type { ListFilters } from "./query-keys";

/** The failures the browser itself describes (no server message to show): useErrorText translates them. */
export type OwnFailure = "unreachable" | "requestFailed" | "uploadInterrupted" | "uploadCancelled";

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Set when `message` is the browser's English, not the server's. */
    readonly ownFailure?: OwnFailure,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

async function request<T>(url: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, { ...init, headers: { Accept: "application/json", ...(init?.body ? { "Content-Type": "application/json" } : {}), ...init?.headers } });
  } catch {
    throw new ApiError(0, "network", "Bellhop cannot be reached. Check the connection.", "unreachable");
  }
  if (response.status === 401) {
    // A full page load on purpose: the session is gone, so every cached query is stale too.
    // eslint-disable-next-line @next/next/no-location-assign-relative-destination
    window.location.assign(`/sign-in?callbackUrl=${encodeURIComponent(window.location.pathname + window.location.search)}`);
  }
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) throw toApiError(response.status, body);
  return body as T;
}

export function toApiError(status: number, body: unknown): ApiError {
  const error = (body as { error?: { code?: unknown; message?: unknown } } | null)?.error;
  const code = typeof error?.code === "string" ? error.code : "internal";
  return typeof error?.message === "string" ? new ApiError(status, code, error.message) : new ApiError(status, code, `Request failed (${status}).`, "requestFailed");
}

export function fetchConversations(filters: ListFilters, cursor: string | null, signal?: AbortSignal): Promise<ConversationPage> {
  const params = new URLSearchParams({ view: filters.view, sort: filters.sort });
  if (filters.property) params.set("property", filters.property);
  if (filters.label) params.set("label", filters.label);
  if (filters.q.trim()) params.set("q", filters.q.trim());
  if (cursor) params.set("cursor", cursor);
  return request(`/api/conversations?${params}`, { signal });
}

export const fetchConversation = (id: string, signal?: AbortSignal) => request<ConversationDetail>(`/api/conversations/${id}`, { signal });

export function fetchThread(id: string, before: string | null, signal?: AbortSignal): Promise<ThreadPage> {
  return request(`/api/conversations/${id}/messages${before ? `?before=${encodeURIComponent(before)}` : ""}`, { signal });
}

export const fetchCounts = () => request<ConversationCounts>("/api/conversations/counts");
export const fetchChanges = (since: string) => request<ConversationChanges>(`/api/conversations/changes?since=${encodeURIComponent(since)}`);
export const fetchSavedReplies = (conversationId: string) => request<{ replies: SavedReplyPreview[] }>(`/api/saved-replies?conversationId=${conversationId}`);

export const postNote = (id: string, body: { content: string; clientKey: string }) =>
  request<{ noteId: string; created: boolean }>(`/api/conversations/${id}/notes`, { method: "POST", body: JSON.stringify(body) });
export const deleteNote = (id: string, noteId: string) => request<{ deleted: true }>(`/api/conversations/${id}/notes/${noteId}`, { method: "DELETE" });
export const fetchPresenceInScope = (signal?: AbortSignal) => request<PresenceInScope>("/api/conversations/presence", { signal });
export const fetchPresence = (id: string, signal?: AbortSignal) => request<ConversationPresence>(`/api/conversations/${id}/presence`, { signal });
export const putPresence = (id: string, body: { tabId: string; activity: PresenceActivity }, signal?: AbortSignal) =>
  request<ConversationPresence>(`/api/conversations/${id}/presence`, { method: "PUT", body: JSON.stringify(body), signal });
/** `keepalive`: also sent when the page is being closed. Best effort: a lost one expires by itself. */
export function leavePresence(id: string, tabId: string): Promise<void> {
  return fetch(`/api/conversations/${id}/presence?tab=${tabId}`, { method: "DELETE", keepalive: true }).then(
    () => undefined,
    () => undefined,
  );
}

/** `sendAt`: send later, at that time (the reply is `scheduled` until then). */
export const postReply = (id: string, body: { content: string; clientKey: string; attachmentIds?: string[]; sendAt?: string; seenReplyAt?: string | null }) =>
  request<{ messageId: string; created: boolean }>(`/api/conversations/${id}/messages`, { method: "POST", body: JSON.stringify(body) });
export const cancelScheduledReply = (id: string, messageId: string) => request<{ cancelled: true }>(`/api/conversations/${id}/messages/${messageId}`, { method: "DELETE" });
export const retryMessage = (id: string, messageId: string) => request<{ ok: true }>(`/api/conversations/${id}/messages/${messageId}/retry`, { method: "POST" });
export const fetchDraft = (id: string, signal?: AbortSignal) => request<SavedDraft>(`/api/conversations/${id}/draft`, { signal });
/** `keepalive`: sent as the page goes away (another conversation, a reload, a closed tab) and still arrives. */
export const putDraft = (id: string, draft: { mode: "reply" | "note"; text: string; images: { attachmentId: string; fileName: string }[] }, keepalive = false) =>
  request<{ savedAt: string }>(`/api/conversations/${id}/draft`, { method: "PUT", body: JSON.stringify(draft), keepalive });
export const fetchDraftConversationIds = (signal?: AbortSignal) => request<{ conversationIds: string[] }>("/api/drafts", { signal });
export const markRead = (id: string) => request<{ unread: boolean; readBefore: string | null; readAt: string; guestArrivedAt: string | null }>(`/api/conversations/${id}/read`, { method: "POST" });
export const markUnread = (id: string) => request<{ unread: boolean }>(`/api/conversations/${id}/read`, { method: "DELETE" });
/** `seenGuestMessageAt`: as for putSnooze; the server checks it when the mark is set. */
export const putNoReplyNeeded = (id: string, value: boolean, seenGuestMessageAt: string | null | undefined) =>
  request<{ noReplyNeeded: boolean }>(`/api/conversations/${id}/no-reply-needed`, { method: "PUT", body: JSON.stringify({ value, clientKey: crypto.randomUUID(), seenGuestMessageAt }) });
/**
 * `until` null: until the guest replies. `seenGuestMessageAt`: the newest guest message the page shows
 * (null: none; undefined: not known), so the server refuses if the guest wrote since (409).
 */
export const putSnooze = (id: string, until: Date | null, seenGuestMessageAt: string | null | undefined) =>
  request<{ snooze: Snooze }>(`/api/conversations/${id}/snooze`, { method: "PUT", body: JSON.stringify({ until: until?.toISOString() ?? null, seenGuestMessageAt }) });
export const deleteSnooze = (id: string) => request<{ snooze: null }>(`/api/conversations/${id}/snooze`, { method: "DELETE" });
/** One action on the conversations chosen in the list; each one's outcome. */
export const postBulkAction = (conversationIds: string[], action: BulkAction) =>
  request<BulkResult>("/api/conversations/bulk", { method: "POST", body: JSON.stringify({ conversationIds, action }) });

/** The team's labels, by name. */
export const fetchLabels = (signal?: AbortSignal) => request<{ labels: Label[] }>("/api/labels", { signal }).then((body) => body.labels);

/** Puts one of the team's labels on the conversation, or takes it off; answers its labels now. */
export const putConversationLabel = (id: string, labelId: string, applied: boolean) =>
  request<{ labelIds: string[] }>(`/api/conversations/${id}/labels`, { method: "PUT", body: JSON.stringify({ labelId, applied }) });

/** The signed-in staff member's own star (their Starred view). */
export const putStar = (id: string, starred: boolean) => request<{ starred: boolean }>(`/api/conversations/${id}/star`, { method: "PUT", body: JSON.stringify({ starred }) });
/** `userId` null: unassign. */
export const putAssignee = (id: string, userId: string | null) =>
  request<{ assignee: Assignee | null }>(`/api/conversations/${id}/assignee`, { method: "PUT", body: JSON.stringify({ userId }) });
export const fetchAssignees = (id: string, signal?: AbortSignal) => request<{ assignees: Assignee[] }>(`/api/conversations/${id}/assignees`, { signal });
export const fetchAssigneesForProperties = (propertyIds: string[], signal?: AbortSignal) =>
  request<{ assignees: Assignee[] }>(`/api/assignees?${new URLSearchParams(propertyIds.map((id) => ["property", id])).toString()}`, { signal });
export const lookupReservation = (propertyId: string, reservation: string) =>
  request<{ conversationId: string }>("/api/conversations/lookup", { method: "POST", body: JSON.stringify({ propertyId, reservation }) });

/** XMLHttpRequest, not fetch: only XHR reports upload progress. The body is the raw file. */
export function uploadAttachment(conversationId: string, file: File, onProgress: (fraction: number) => void): { promise: Promise<{ attachmentId: string }>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<{ attachmentId: string }>((resolve, reject) => {
    xhr.open("POST", `/api/conversations/${conversationId}/attachments`);
    xhr.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    xhr.setRequestHeader("X-File-Name", encodeURIComponent(file.name));
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      const body: unknown = xhr.response;
      if (xhr.status >= 200 && xhr.status < 300 && body && typeof (body as { attachmentId?: unknown }).attachmentId === "string") {
        onProgress(1);
        resolve(body as { attachmentId: string });
      } else reject(toApiError(xhr.status, body));
    };
    xhr.onerror = () => reject(new ApiError(0, "network", "The upload was interrupted. Try again.", "uploadInterrupted"));
    xhr.onabort = () => reject(new ApiError(0, "aborted", "Upload cancelled.", "uploadCancelled"));
    xhr.send(file);
  });
  return { promise, abort: () => xhr.abort() };
}
