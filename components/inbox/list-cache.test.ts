// The races between a patch of the cache and a fetch already in flight, with a real QueryClient: the
// fetch read the server before the change, and must not put the old value back when it lands.
import { QueryClient, QueryObserver } from "@tanstack/react-query";
import { afterEach, describe, expect, it, vi } from "vitest";
import { cancelConversationReads, refetchIfInFlight } from "./list-cache";
import { inboxKeys } from "./query-keys";

type Detail = { starred: boolean };

/** A stand-in for the server: each read answers when the test says, with the value stored at that moment of the read's start. */
function slowServer(initial: boolean) {
  let stored = initial;
  const pending: Array<() => void> = [];
  return {
    set: (value: boolean) => {
      stored = value;
    },
    read: (signal: AbortSignal) => {
      const value = stored;
      return new Promise<Detail>((resolve, reject) => {
        signal.addEventListener("abort", () => reject(new DOMException("aborted", "AbortError")));
        pending.push(() => resolve({ starred: value }));
      });
    },
    answerAll: () => {
      for (const answer of pending.splice(0)) answer();
    },
    reads: () => pending.length,
  };
}

const key = inboxKeys.conversation("c1");
let client: QueryClient;
let unsubscribe: () => void = () => {};

async function watched(server: ReturnType<typeof slowServer>) {
  client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  // An observer, as a mounted thread is: invalidating refetches only queries someone watches.
  const observer = new QueryObserver(client, { queryKey: key, queryFn: ({ signal }) => server.read(signal) });
  unsubscribe = observer.subscribe(() => {});
  server.answerAll();
  await vi.waitFor(() => expect(client.getQueryData<Detail>(key)).toEqual({ starred: false }));
}

afterEach(() => {
  unsubscribe();
  client.clear();
});

describe("refetchIfInFlight", () => {
  it("starts a fetch that read the server before a change again, so the change heard live stays", async () => {
    const server = slowServer(false);
    await watched(server);
    void client.invalidateQueries({ queryKey: key }); // a refetch (another change) reads starred: false
    expect(server.reads()).toBe(1);
    server.set(true); // the star is committed, and heard live:
    client.setQueryData<Detail>(key, { starred: true });
    refetchIfInFlight(client, key);
    server.answerAll(); // the old read is cancelled; the new one answers true
    await vi.waitFor(() => expect(client.getQueryState(key)?.fetchStatus).toBe("idle"));
    expect(client.getQueryData<Detail>(key)).toEqual({ starred: true });
  });

  it("leaves a query with no fetch in flight alone", async () => {
    const server = slowServer(false);
    await watched(server);
    client.setQueryData<Detail>(key, { starred: true });
    refetchIfInFlight(client, key);
    expect(server.reads()).toBe(0);
    expect(client.getQueryData<Detail>(key)).toEqual({ starred: true });
  });
});

describe("cancelConversationReads", () => {
  it("cancels a read in flight, so an optimistic patch made after it is not overwritten by its answer", async () => {
    const server = slowServer(false);
    await watched(server);
    void client.invalidateQueries({ queryKey: key });
    expect(client.getQueryState(key)?.fetchStatus).toBe("fetching");
    await cancelConversationReads(client, "c1");
    client.setQueryData<Detail>(key, { starred: true });
    server.answerAll();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(client.getQueryData<Detail>(key)).toEqual({ starred: true });
    expect(client.getQueryState(key)?.fetchStatus).toBe("idle");
  });
});
