// @vitest-environment jsdom
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { cleanup, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import type { ConversationDetail, ThreadMessage } from "@/lib/inbox/schemas";
import { conversationDetail } from "@/tests/conversation-detail";
import { renderInEnglish } from "@/tests/intl";
import { MessageItem } from "./message-item";

const failedReply: ThreadMessage = {
  id: "0b5c7a7e-3d2f-4f7a-9a61-6c1f3e2d4b5a",
  senderType: "property",
  senderName: null,
  authorName: "Ada Admin",
  messageType: "free_text",
  content: "See you at 23:00!",
  templateName: null,
  selfServiceTopic: null,
  sentAt: "2026-11-20T10:00:00.000Z",
  arrivedAt: "2026-11-20T10:00:00.000Z",
  readByGuest: false,
  sendState: "failed",
  sendError: "Booking.com answered 500: Internal error",
  clientKey: "4c1d2e3f-5a6b-4c7d-8e9f-0a1b2c3d4e5f",
  attachments: [],
  canDelete: false,
  activity: null,
};

function show(conversation: ConversationDetail, message = failedReply) {
  renderInEnglish(
    <QueryClientProvider client={new QueryClient()}>
      <ul>
        <MessageItem message={message} conversation={conversation} />
      </ul>
    </QueryClientProvider>,
  );
  return screen.getByTestId("send-failed");
}

afterEach(cleanup);

describe("a reply that was not sent", () => {
  it("says why and offers a retry", () => {
    const failed = show(conversationDetail());
    expect(failed.textContent).toContain("Not sent: Booking.com answered 500: Internal error");
    expect(screen.getByRole("button", { name: "Retry" })).toBeTruthy();
  });

  it("offers no retry once Booking.com closed the conversation, since a retry can only be refused", () => {
    const failed = show(conversationDetail({ access: "read_only" }), { ...failedReply, sendError: "Booking.com closed this conversation for replies: the sending window ended." });
    expect(failed.textContent).toContain("Not sent: Booking.com closed this conversation for replies");
    expect(screen.queryByRole("button", { name: "Retry" })).toBeNull();
  });
});
