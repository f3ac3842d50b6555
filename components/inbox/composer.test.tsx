// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, cleanup, fireEvent, screen } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { SavedDraft } from "@/lib/inbox/schemas";
import { conversationDetail } from "@/tests/conversation-detail";
import { renderInEnglish } from "@/tests/intl";
import { Composer, type ComposeMode } from "./composer";
import { markDraftSynced, readDraft, readDraftSync, writeDraft } from "./reply-drafts";
import { inboxKeys } from "./query-keys";
import type { PendingSend } from "./use-pending-sends";

const conversation = conversationDetail();

function setup({ draftOwner, mode, seenReplyAt, serverDraft = { draft: null, savedAt: null } }: { draftOwner?: string; mode?: ComposeMode; seenReplyAt?: string | null; serverDraft?: SavedDraft } = {}) {
  const client = new QueryClient();
  // The replies and uploads the box sends; its draft's own requests (use-draft-sync.ts) are answered
  // apart, as a server that has no draft of this conversation.
  const fetchMock = vi.fn(async () => Response.json({ messageId: "m1", created: true }, { status: 201 }));
  const draftServer = vi.fn(async (_url: string, init?: RequestInit) =>
    init?.method === "PUT" ? Response.json({ savedAt: new Date().toISOString() }) : Response.json(serverDraft),
  );
  vi.stubGlobal("fetch", (url: string, init?: RequestInit) => (String(url).endsWith("/draft") ? draftServer(url, init) : (fetchMock as (url: string, init?: RequestInit) => Promise<Response>)(url, init)));
  renderInEnglish(
    <QueryClientProvider client={client}>
      <Composer conversation={conversation} draftOwner={draftOwner} mode={mode} seenReplyAt={seenReplyAt} />
    </QueryClientProvider>,
  );
  const box = screen.getByRole("textbox") as HTMLTextAreaElement;
  return { client, fetchMock, draftServer, box };
}

/** Once the previous send has finished (the button is enabled again with text in the box). */
const sendable = () => vi.waitFor(() => expect((screen.getByRole("button", { name: "Send" }) as HTMLButtonElement).disabled).toBe(false));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
});

describe("Composer", () => {
  it("sends on Enter with a browser-made key, and shows the reply at once", async () => {
    const { client, fetchMock, box } = setup();
    fireEvent.change(box, { target: { value: "See you tomorrow!" } });
    fireEvent.keyDown(box, { key: "Enter" });
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const [url, init] = fetchMock.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe(`/api/conversations/${conversation.id}/messages`);
    const body = JSON.parse(String(init.body)) as { content: string; clientKey: string };
    expect(body.content).toBe("See you tomorrow!");
    expect(body.clientKey).toMatch(/^[0-9a-f-]{36}$/);
    const pending = client.getQueryData<PendingSend[]>(inboxKeys.pendingSends(conversation.id));
    expect(pending?.[0]?.clientKey).toBe(body.clientKey);
    expect(box.value).toBe("");
  });

  it("adds a line on Shift+Enter instead of sending", () => {
    const { fetchMock, box } = setup();
    fireEvent.change(box, { target: { value: "Line one" } });
    const notPrevented = fireEvent.keyDown(box, { key: "Enter", shiftKey: true });
    expect(notPrevented).toBe(true); // the browser inserts the newline
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it("sends on Ctrl+Enter too (and Cmd+Enter)", async () => {
    const { fetchMock, box } = setup();
    fireEvent.change(box, { target: { value: "See you at nine." } });
    fireEvent.keyDown(box, { key: "Enter", ctrlKey: true });
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    fireEvent.change(box, { target: { value: "And breakfast is from seven." } });
    await sendable();
    fireEvent.keyDown(box, { key: "Enter", metaKey: true });
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
  });

  it("on a touch screen, Enter is a new line (a phone's return key must not send a half-written reply); Send and Ctrl+Enter send", async () => {
    // jsdom has no matchMedia: this one answers as a phone's browser does.
    vi.stubGlobal("matchMedia", (query: string) => ({ matches: query === "(pointer: coarse)", media: query }));
    const { fetchMock, box } = setup();
    fireEvent.change(box, { target: { value: "Line one" } });
    expect(fireEvent.keyDown(box, { key: "Enter" })).toBe(true); // not prevented: the browser inserts the newline
    expect(fetchMock).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    fireEvent.change(box, { target: { value: "Line two" } });
    await sendable();
    fireEvent.keyDown(box, { key: "Enter", ctrlKey: true });
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
  });

  it("blocks sending while a placeholder is left, and says which", () => {
    const { fetchMock, box } = setup();
    fireEvent.change(box, { target: { value: "Dear {guest_name}, welcome!" } });
    expect(screen.getByTestId("placeholder-warning").textContent).toContain("{guest_name}");
    expect((screen.getByRole("button", { name: "Send" }) as HTMLButtonElement).disabled).toBe(true);
    fireEvent.keyDown(box, { key: "Enter" });
    expect(fetchMock).not.toHaveBeenCalled();
    fireEvent.change(box, { target: { value: "Dear Ana, welcome!" } });
    expect((screen.getByRole("button", { name: "Send" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("does not send twice: Enter, Enter and a click before the first send is answered post once, and Send stays disabled until then", async () => {
    const { fetchMock, box } = setup();
    let answer: (response: Response) => void = () => {};
    fetchMock.mockImplementation(() => new Promise<Response>((resolve) => (answer = resolve)));
    fireEvent.change(box, { target: { value: "Once only" } });
    const send = screen.getByRole("button", { name: "Send" }) as HTMLButtonElement;
    // All three land before React re-renders (one batch, as when keys repeat faster than a frame):
    // every handler still sees the text and an enabled button, so only the in-flight guard stops them.
    act(() => {
      fireEvent.keyDown(box, { key: "Enter" });
      fireEvent.keyDown(box, { key: "Enter" });
      fireEvent.click(send);
    });
    expect(fetchMock).toHaveBeenCalledTimes(1);
    const button = screen.getByRole("button", { name: "Sending…" }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);

    // Typing again while the first reply is still posting does not start a second send either.
    fireEvent.change(box, { target: { value: "Once only" } });
    fireEvent.keyDown(box, { key: "Enter" });
    fireEvent.click(button);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    expect(button.disabled).toBe(true);

    await act(async () => answer(Response.json({ messageId: "m1", created: true }, { status: 201 })));
    await vi.waitFor(() => expect((screen.getByRole("button", { name: "Send" }) as HTMLButtonElement).disabled).toBe(false));
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });

  it("keeps unsent text for the staff member who wrote it: opened again, the box holds it; sent, it is gone", async () => {
    const { box } = setup({ draftOwner: "user-sam" });
    fireEvent.change(box, { target: { value: "Your room will be ready at 2 pm" } });
    cleanup(); // another conversation opened: this composer goes away
    const again = setup({ draftOwner: "user-sam" });
    expect(again.box.value).toBe("Your room will be ready at 2 pm");
    cleanup();
    expect(setup({ draftOwner: "user-ada" }).box.value).toBe(""); // a colleague on the same browser
    cleanup();
    const last = setup({ draftOwner: "user-sam" });
    fireEvent.keyDown(last.box, { key: "Enter" });
    await vi.waitFor(() => expect(last.fetchMock).toHaveBeenCalledTimes(1));
    expect(readDraft("user-sam", conversation.id)).toBeNull();
    cleanup();
    expect(setup({ draftOwner: "user-sam" }).box.value).toBe("");
  });

  it("takes the draft written on another device since, unless this one has changes the server has not heard", async () => {
    writeDraft("user-sam", conversation.id, { text: "Dear Ana", mode: "reply" });
    markDraftSynced("user-sam", conversation.id, { text: "Dear Ana", mode: "reply" }, "2026-11-22T09:00:00.000Z");
    const newer = { draft: { mode: "reply" as const, text: "Dear Ana, the garage is free for you.", images: [] }, savedAt: "2026-11-22T09:10:00.000Z" };
    const { box } = setup({ draftOwner: "user-sam", serverDraft: newer });
    await vi.waitFor(() => expect(box.value).toBe("Dear Ana, the garage is free for you."));
    expect(readDraftSync("user-sam", conversation.id)).toEqual({ draft: { text: "Dear Ana, the garage is free for you.", mode: "reply", images: [] }, syncedAt: "2026-11-22T09:10:00.000Z" });
    cleanup();

    // Changed here, offline: this copy stays, and goes to the server.
    writeDraft("user-sam", conversation.id, { text: "Dear Ana, see you at 3", mode: "reply" });
    const offline = setup({ draftOwner: "user-sam", serverDraft: newer });
    await vi.waitFor(() => expect(offline.draftServer).toHaveBeenCalledWith(expect.stringContaining("/draft"), expect.objectContaining({ method: "PUT" })));
    expect(offline.box.value).toBe("Dear Ana, see you at 3");
    const put = offline.draftServer.mock.calls.find(([, init]) => init?.method === "PUT")!;
    expect(JSON.parse(String(put[1]!.body))).toEqual({ mode: "reply", text: "Dear Ana, see you at 3", images: [] });
  });

  it("empties the box when its draft was sent or cleared on another device since", async () => {
    writeDraft("user-sam", conversation.id, { text: "Dear Ana", mode: "reply" });
    markDraftSynced("user-sam", conversation.id, { text: "Dear Ana", mode: "reply" }, "2026-11-22T09:00:00.000Z");
    const { box } = setup({ draftOwner: "user-sam", serverDraft: { draft: null, savedAt: "2026-11-22T09:10:00.000Z" } });
    await vi.waitFor(() => expect(box.value).toBe(""));
    expect(readDraft("user-sam", conversation.id)).toBeNull();
  });

  it("keeps a note's draft as a note, and forgets a box that was emptied", () => {
    const { box } = setup({ draftOwner: "user-sam", mode: "note" });
    fireEvent.change(box, { target: { value: "Guest asked about parking, check with Ana" } });
    expect(readDraft("user-sam", conversation.id)).toEqual({ text: "Guest asked about parking, check with Ana", mode: "note", images: [] });
    fireEvent.change(box, { target: { value: "  " } });
    expect(readDraft("user-sam", conversation.id)).toBeNull();
  });

  it("brings a kept reply's uploaded images back with its text, shown through Bellhop, and sends them with it", async () => {
    const image = { attachmentId: "0b5f5a52-3c1e-4d7f-9a0e-6f1d2c3b4a59", fileName: "entrance.png" };
    writeDraft("user-sam", conversation.id, { text: "This is the entrance.", mode: "reply", images: [image] });
    const { fetchMock, box } = setup({ draftOwner: "user-sam" });
    expect(box.value).toBe("This is the entrance.");
    expect(screen.getByAltText("Preview of entrance.png").getAttribute("src")).toBe(`/api/attachments/${image.attachmentId}`);
    expect(screen.getByRole("progressbar", { name: "Uploaded entrance.png" })).toBeTruthy(); // done, not "Uploading"
    fireEvent.click(screen.getByRole("button", { name: "Remove entrance.png" }));
    expect(readDraft("user-sam", conversation.id)?.images).toEqual([]);
    cleanup();

    writeDraft("user-sam", conversation.id, { text: "This is the entrance.", mode: "reply", images: [image] });
    const again = setup({ draftOwner: "user-sam" });
    fireEvent.keyDown(again.box, { key: "Enter" });
    await vi.waitFor(() => expect(again.fetchMock).toHaveBeenCalledTimes(1));
    const body = JSON.parse(String((again.fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1].body)) as { attachmentIds?: string[] };
    expect(body.attachmentIds).toEqual([image.attachmentId]);
    expect(fetchMock).not.toHaveBeenCalled();
    await vi.waitFor(() => expect(readDraft("user-sam", conversation.id)).toBeNull());
  });

  it("says so when a kept image is gone, and does not send without it", () => {
    const image = { attachmentId: "0b5f5a52-3c1e-4d7f-9a0e-6f1d2c3b4a59", fileName: "entrance.png" };
    writeDraft("user-sam", conversation.id, { text: "This is the entrance.", mode: "reply", images: [image] });
    const { fetchMock, box } = setup({ draftOwner: "user-sam" });
    fireEvent.error(screen.getByAltText("Preview of entrance.png"));
    expect(screen.getByRole("alert").textContent).toBe("No longer available: remove it and upload it again.");
    expect(readDraft("user-sam", conversation.id)?.images).toEqual([]);
    fireEvent.keyDown(box, { key: "Enter" });
    expect(fetchMock).not.toHaveBeenCalled();
    expect((screen.getByRole("button", { name: "Send" }) as HTMLButtonElement).disabled).toBe(true);
  });

  it("gives the reply back when someone else answered the guest since, and sends it unchecked on the next press", async () => {
    const { fetchMock, box } = setup({ seenReplyAt: "2026-11-22T09:00:00.000Z" });
    const refusal = "Ana Admin replied to the guest after this conversation was loaded. Read that reply first; then send yours if it is still needed.";
    fetchMock.mockImplementationOnce(async () => Response.json({ error: { code: "replied_since", message: refusal } }, { status: 409 }));
    fireEvent.change(box, { target: { value: "Parking is free." } });
    fireEvent.keyDown(box, { key: "Enter" });
    await vi.waitFor(() => expect(screen.getByTestId("replied-since").textContent).toContain(refusal));
    expect(box.value).toBe("Parking is free.");
    const first = JSON.parse(String((fetchMock.mock.calls[0] as unknown as [string, RequestInit])[1].body)) as { seenReplyAt?: string };
    expect(first.seenReplyAt).toBe("2026-11-22T09:00:00.000Z");

    fireEvent.keyDown(box, { key: "Enter" });
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
    const second = JSON.parse(String((fetchMock.mock.calls[1] as unknown as [string, RequestInit])[1].body)) as { seenReplyAt?: string; content: string };
    expect(second).toMatchObject({ content: "Parking is free." });
    expect("seenReplyAt" in second).toBe(false);
    await vi.waitFor(() => expect(screen.queryByTestId("replied-since")).toBeNull());
    expect(box.value).toBe("");
  });
});
