"use client";

// Replies the staff member sent that the server has not confirmed yet (the POST is in flight or it
// failed to reach Bellhop). Kept in the query cache under their own key, never fetched, so they
// survive switching conversations; each keeps its clientKey so a retry is the same send, not a new one.
// Once the thread contains a message with that clientKey, the server's copy is shown instead.
import { useQuery, useQueryClient, type QueryClient } from "@tanstack/react-query";
import { ApiError, postReply } from "./inbox-api";
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

/**
 * Shows the reply at once, then posts it; the same function retries with the same key (a retry is not
 * checked again). `seenReplyAt`: the newest reply to the guest the page shows (lib/inbox/unseen-reply.ts).
 * Refused because someone else has answered the guest since: the reply is taken off the thread (nothing
 * was written) and the server's message returned, for the composer to give the text back with it.
 * `describeError`: what the failed reply says, in the page's language (useErrorText).
 */
export async function submitReply(
  queryClient: QueryClient,
  conversationId: string,
  send: PendingSend,
  seenReplyAt: string | null | undefined,
  describeError: (error: unknown) => string,
): Promise<{ repliedSince: string } | null> {
  queryClient.setQueryData<PendingSend[]>(inboxKeys.pendingSends(conversationId), (list = []) => [
    ...list.filter((existing) => existing.clientKey !== send.clientKey),
    { ...send, status: "posting", error: null },
  ]);
  try {
    await postReply(conversationId, { content: send.content, clientKey: send.clientKey, attachmentIds: send.attachmentIds.length > 0 ? send.attachmentIds : undefined, seenReplyAt });
    patch(queryClient, conversationId, send.clientKey, { status: "posted" });
    await queryClient.invalidateQueries({ queryKey: inboxKeys.thread(conversationId) });
    void queryClient.invalidateQueries({ queryKey: inboxKeys.conversation(conversationId) });
    void queryClient.invalidateQueries({ queryKey: inboxKeys.lists() });
    return null;
  } catch (error) {
    if (error instanceof ApiError && error.code === "replied_since") {
      patch(queryClient, conversationId, send.clientKey, null);
      void queryClient.invalidateQueries({ queryKey: inboxKeys.thread(conversationId) });
      return { repliedSince: error.message };
    }
    patch(queryClient, conversationId, send.clientKey, { status: "error", error: describeError(error) });
    return null;
  }
}

export function discardPendingSend(queryClient: QueryClient, conversationId: string, clientKey: string) {
  patch(queryClient, conversationId, clientKey, null);
}
