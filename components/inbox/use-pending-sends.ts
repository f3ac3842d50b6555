"use client";

// Replies the staff member sent that the server has not confirmed yet (the POST is in flight or it
// failed to reach Bellhop). Kept in the query cache under their own key, never fetched, so they
// survive switching conversations; each keeps its clientKey so a retry is the same send, not a new one.
// Once the thread contains a message with that clientKey, the server's copy is shown instead.
import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { postReply } from "./inbox-api";
import { inboxKeys } from "./query-keys";

export type PendingSend = {
  clientKey: string;
  content: string;
  attachmentIds: string[];
  attachmentPreviews: string[];
  status: "posting" | "posted" | "error";
  error: string | null;
  createdAt: string;
};

export function usePendingSends(conversationId: string) {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: inboxKeys.pendingSends(conversationId),
    queryFn: () => [] as PendingSend[],
    initialData: [] as PendingSend[],
    staleTime: Infinity,
    gcTime: Infinity,
    enabled: false,
  });
  return { list: query.data, queryClient };
}

function patch(queryClient: QueryClient, conversationId: string, clientKey: string, change: Partial<PendingSend> | null) {
  queryClient.setQueryData<PendingSend[]>(inboxKeys.pendingSends(conversationId), (list = []) =>
    change === null ? list.filter((send) => send.clientKey !== clientKey) : list.map((send) => (send.clientKey === clientKey ? { ...send, ...change } : send)),
  );
}

/** Shows the reply at once, then posts it; the same function retries with the same key. */
export async function submitReply(queryClient: QueryClient, conversationId: string, send: PendingSend): Promise<void> {
  queryClient.setQueryData<PendingSend[]>(inboxKeys.pendingSends(conversationId), (list = []) => [
    ...list.filter((existing) => existing.clientKey !== send.clientKey),
    { ...send, status: "posting", error: null },
  ]);
  try {
    await postReply(conversationId, { content: send.content, clientKey: send.clientKey, attachmentIds: send.attachmentIds.length > 0 ? send.attachmentIds : undefined });
    patch(queryClient, conversationId, send.clientKey, { status: "posted" });
    await queryClient.invalidateQueries({ queryKey: inboxKeys.thread(conversationId) });
    void queryClient.invalidateQueries({ queryKey: inboxKeys.conversation(conversationId) });
    void queryClient.invalidateQueries({ queryKey: inboxKeys.lists() });
  } catch (error) {
    patch(queryClient, conversationId, send.clientKey, { status: "error", error: error instanceof Error ? error.message : "The reply could not be sent." });
  }
}

export function discardPendingSend(queryClient: QueryClient, conversationId: string, clientKey: string) {
  patch(queryClient, conversationId, clientKey, null);
}
