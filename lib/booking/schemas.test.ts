import { describe, expect, it } from "vitest";
import { BookingApiError } from "./errors";
import * as examples from "./doc-examples.fixture";
import {
  attachmentChunkDataSchema,
  attachmentDownloadDataSchema,
  attachmentInfoDataSchema,
  attachmentUploadDataSchema,
  confirmDataSchema,
  conversationListDataSchema,
  conversationPageDataSchema,
  formatFieldPath,
  parseBare,
  parseBookingTimestamp,
  parseEnvelope,
  postMessageDataSchema,
  queueDataSchema,
  readErrorMessages,
  readRuid,
  searchJobDataSchema,
  searchResultDataSchema,
  tagDataSchema,
  tokenExchangeSchema,
} from "./schemas";

const PROPERTY_PARTICIPANT = "9f6be5fd-b3a8-5691-9cf9-9ab6c6217327";
const GUEST_PARTICIPANT = "5fe782b1-6545-55b7-8b75-588945b5f960";

describe("doc examples: conversations (seed 002)", () => {
  it("parses the POST message response with ok as the string \"true\"", () => {
    expect(parseEnvelope(postMessageDataSchema, examples.postMessageResponse, "conversations.postMessage")).toEqual({
      messageId: "a547bac0-e156-11ea-9735-f5b2c8769b48",
      guestHasAccount: true,
    });
  });

  it("parses the v1.2 conversation list into camelCase domain objects", () => {
    const page = parseEnvelope(conversationListDataSchema, examples.conversationListV12, "conversations.list");
    expect(page.nextPageId).toBe("0bec3400-ec41-11ea-8080-808080808080");
    expect(page.conversations).toHaveLength(2);
    const [first, second] = page.conversations;
    expect(first).toEqual({
      conversationId: "a7dd5868-670c-597f-a5b8-8f6d917614bf",
      reference: "3454799008",
      type: "reservation",
      access: "read_write",
      participants: [
        { participantId: GUEST_PARTICIPANT, type: "guest", name: "Test Booker" },
        // The property id is a number in the example; it comes out as a string.
        { participantId: PROPERTY_PARTICIPANT, type: "property", propertyId: "6378711" },
      ],
      messages: [
        {
          messageId: "fc7db690-3ba2-11eb-a68b-c77d6a75020f",
          messageType: "free_text",
          content: "hello there 2",
          timestamp: new Date("2020-12-11T11:21:17.177Z"),
          senderId: PROPERTY_PARTICIPANT,
          senderType: "property",
          attachmentIds: [],
          readBy: [],
        },
      ],
    });
    expect(second?.messages[0]).toMatchObject({
      messageType: "automatically_sent_template",
      attributes: { templateId: "12345", templateName: "Welcome Template" },
    });
  });

  it("parses the v1.0 conversation list: no message_type, attributes or guest name", () => {
    const page = parseEnvelope(conversationListDataSchema, examples.conversationListV10, "conversations.list");
    const [first, second] = page.conversations;
    expect(first?.participants[0]).toEqual({ participantId: GUEST_PARTICIPANT, type: "guest" });
    expect(first?.messages[0]?.messageType).toBeUndefined();
    expect(second?.messages[0]?.attributes).toBeUndefined();
  });

  it("merges the stray tags-only messages[] element into the message before it (by id, v1.2)", () => {
    const page = parseEnvelope(conversationPageDataSchema, examples.conversationByIdV12, "conversations.get");
    expect(page.nextPageId).toBe("74fdb6d0-4083-11eb-ac3f-89046bdff5d4");
    expect(page.conversation.noReplyNeeded).toBe(true);
    expect(page.conversation.messages).toEqual([
      {
        messageId: "17b0e930-490b-11eb-aa2f-77d68f9d163f",
        messageType: "free_text",
        content: "Hello world.",
        timestamp: new Date("2020-12-28T12:49:15.587Z"),
        senderId: PROPERTY_PARTICIPANT,
        senderType: "property",
        attachmentIds: ["f2526680-18f6-11eb-a45f-114c8501fcdb"],
        readBy: [GUEST_PARTICIPANT],
      },
    ]);
  });

  it("parses the by-id v1.0 example", () => {
    const page = parseEnvelope(conversationPageDataSchema, examples.conversationByIdV10, "conversations.get");
    expect(page.conversation.messages).toHaveLength(1);
    expect(page.conversation.messages[0]?.messageType).toBeUndefined();
    expect(page.conversation.messages[0]?.readBy).toEqual([GUEST_PARTICIPANT]);
  });

  it("parses the by-type examples, which have no next_page_id and no conversation tags", () => {
    for (const example of [examples.conversationByTypeV12, examples.conversationByTypeV10]) {
      const page = parseEnvelope(conversationPageDataSchema, example, "conversations.getByReference");
      expect(page.nextPageId).toBeNull();
      expect(page.conversation.reference).toBe("3257971028");
      expect(page.conversation.noReplyNeeded).toBeUndefined();
      expect(page.conversation.messages).toHaveLength(1);
      expect(page.conversation.messages[0]?.readBy).toEqual([GUEST_PARTICIPANT]);
    }
  });

  it("drops a tags-only element that has no message before it", () => {
    const body = structuredClone(examples.conversationByIdV12) as { data: { conversation: { messages: unknown[] } } };
    body.data.conversation.messages.reverse();
    const page = parseEnvelope(conversationPageDataSchema, body, "conversations.get");
    expect(page.conversation.messages).toHaveLength(1);
    expect(page.conversation.messages[0]?.readBy).toEqual([]);
  });
});

describe("doc examples: queue, search, tags, attachments, token", () => {
  it("parses GET /messages/latest (v1.2), reading the zone-less data.timestamp as UTC", () => {
    const batch = parseEnvelope(queueDataSchema, examples.queueLatestV12, "messages.latest");
    expect(batch.numberOfMessages).toBe(3);
    expect(batch.requestTime).toEqual(new Date("2020-08-18T14:59:26.410Z"));
    expect(batch.messages).toEqual([
      {
        messageId: "4ad42260-e0aa-11ea-b1cb-0975761ce091",
        messageType: "free_text",
        content: "text…",
        timestamp: new Date("2020-08-17T16:54:19.270Z"),
        attachmentIds: ["522a4d03-e0aa-11ea-b1cb-0975761ce091"],
        attributes: { templateId: "12345", templateName: "Welcome Template" },
        replyTo: GUEST_PARTICIPANT,
        sender: { participantId: PROPERTY_PARTICIPANT, type: "property", name: "Test Property" },
        conversation: {
          propertyId: "1383087",
          conversationId: "f3a9c29d-45bb-5e2f-9f3c-0a1b2c3d4e5f",
          reference: "3812391309",
          type: "reservation",
        },
      },
    ]);
  });

  it("parses a v1.0 queue with GUEST/hotel participant types, a numeric reference and a zone-less timestamp", () => {
    const batch = parseEnvelope(queueDataSchema, examples.queueLatestV10MixedCase, "messages.latest");
    const [guestMessage, propertyMessage] = batch.messages;
    expect(guestMessage?.sender).toEqual({ participantId: GUEST_PARTICIPANT, type: "guest" });
    expect(guestMessage?.messageType).toBeUndefined();
    expect(guestMessage?.conversation.reference).toBe("3812391309");
    expect(guestMessage?.conversation.propertyId).toBeUndefined();
    expect(propertyMessage?.sender.type).toBe("property");
    expect(propertyMessage?.attachmentIds).toEqual([]);
    expect(propertyMessage?.timestamp).toEqual(new Date("2020-08-17T17:01:02.500Z"));
  });

  it("uses the number of returned messages when number_of_messages is missing", () => {
    const body = { data: { ok: true, messages: [] } };
    expect(parseEnvelope(queueDataSchema, body, "messages.latest")).toEqual({ messages: [], numberOfMessages: 0 });
  });

  it("parses the confirm response, and a confirm answer without data", () => {
    expect(parseEnvelope(confirmDataSchema, examples.confirmResponse, "messages.confirm")).toBeUndefined();
    expect(parseEnvelope(confirmDataSchema, { meta: { ruid: "x" } }, "messages.confirm")).toBeUndefined();
  });

  it("parses the search job with expires_at in the …Z[GMT] form", () => {
    expect(parseEnvelope(searchJobDataSchema, examples.searchStartResponse, "messages.search")).toEqual({
      jobId: "a934b220-4bd6-11eb-9f0c-1f0c8b3b9d5e",
      expiresAt: new Date("2021-01-01T14:52:38.860Z"),
    });
    // The table types job_id as an integer.
    expect(parseEnvelope(searchJobDataSchema, { data: { ok: true, job_id: 42 } }, "messages.search").jobId).toBe("42");
  });

  it("parses search results: hotel/guest types, message-level property_id, \"\" as the last page", () => {
    const page = parseEnvelope(searchResultDataSchema, examples.searchResultLastPage, "messages.searchResult");
    expect(page.ready).toBe(true);
    expect(page.nextPageId).toBeNull();
    expect(page.messages.map((m) => m.sender.type)).toEqual(["guest", "property"]);
    expect(page.messages[0]?.conversation.propertyId).toBe("6378711");
    expect(page.messages[0]?.attributes).toEqual({ selfServiceTopic: "checkin" });
  });

  it("reports a search result without messages, or with a pending status, as not ready", () => {
    expect(parseEnvelope(searchResultDataSchema, { data: { ok: true } }, "messages.searchResult")).toMatchObject({ ready: false, messages: [] });
    expect(
      parseEnvelope(searchResultDataSchema, { data: { ok: true, status: "PENDING", messages: [] } }, "messages.searchResult"),
    ).toMatchObject({ ready: false, status: "PENDING" });
  });

  it("parses the tag responses, including is_set as a string", () => {
    expect(parseEnvelope(tagDataSchema, examples.setNoReplyNeededResponse, "tags.setNoReplyNeeded")).toEqual({ tag: "no_reply_needed", isSet: true });
    expect(parseEnvelope(tagDataSchema, examples.clearNoReplyNeededResponse, "tags.clearNoReplyNeeded")).toEqual({ tag: "no_reply_needed", isSet: false });
    expect(parseEnvelope(tagDataSchema, examples.markReadResponse, "tags.markRead")).toEqual({ tag: "read", isSet: true });
    expect(parseEnvelope(tagDataSchema, examples.unmarkReadObservedResponse, "tags.unmarkRead")).toEqual({ tag: "read", isSet: true });
    expect(parseEnvelope(tagDataSchema, { data: { tag: "read", is_set: "false" } }, "tags.unmarkRead").isSet).toBe(false);
  });

  it("parses the attachment responses", () => {
    expect(parseEnvelope(attachmentUploadDataSchema, examples.attachmentUploadResponse, "attachments.upload")).toEqual({
      attachmentId: "795e5w90-0419-11eb-a306-e506dfed6417",
    });
    expect(parseEnvelope(attachmentChunkDataSchema, examples.chunkStartResponse, "attachments.uploadChunk")).toEqual({
      uploadId: "ab88c1d0-0419-11eb-a306-e506dfed6417",
      attachmentId: null,
    });
    expect(parseEnvelope(attachmentChunkDataSchema, examples.chunkResumeResponse, "attachments.uploadChunk")).toEqual({ uploadId: null, attachmentId: null });
    expect(parseEnvelope(attachmentChunkDataSchema, examples.chunkFinishResponse, "attachments.uploadChunk")).toEqual({
      uploadId: null,
      attachmentId: "8a9e3c10-0419-11eb-a306-e506dfed6417",
    });
    const download = parseEnvelope(attachmentDownloadDataSchema, examples.attachmentDownloadResponse, "attachments.download");
    expect(Array.from(download.content)).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(download.conversationId).toBe("267eef2d-43fe-5b94-afef-63de2ee4d6f8");
    expect(parseEnvelope(attachmentInfoDataSchema, examples.attachmentFileInfoResponse, "attachments.fileInfo")).toEqual({
      fileType: "image/jpeg",
      fileName: "test.jpg",
      fileSize: 655933,
    });
    // The Demand API sends sizes as strings ("92620"); accept that here too.
    expect(
      parseEnvelope(attachmentInfoDataSchema, { data: { file_type: "image/png", file_name: "a.png", file_size: "92620" } }, "attachments.fileInfo").fileSize,
    ).toBe(92620);
  });

  it("parses the token exchange body, bare or wrapped in data", () => {
    expect(parseBare(tokenExchangeSchema, examples.tokenExchangeResponse, "auth.tokenExchange")).toEqual({
      jwt: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJiZWxsaG9wIiwiZXhwIjoxNzAwMDAzNjAwfQ.c2ln",
      ruid: "UmFuZG9tSVYkc2RlIyh9Y",
    });
    expect(parseBare(tokenExchangeSchema, { meta: { ruid: "r1" }, data: { jwt: "a.b.c" } }, "auth.tokenExchange")).toEqual({ jwt: "a.b.c", ruid: "r1" });
  });
});

describe("broken responses become invalid_response errors naming endpoint and field", () => {
  function captureError(run: () => unknown): BookingApiError {
    try {
      run();
    } catch (error) {
      if (error instanceof BookingApiError) return error;
      throw error;
    }
    throw new Error("expected a BookingApiError");
  }

  function queueWith(change: (message: Record<string, unknown>) => void): unknown {
    const body = structuredClone(examples.queueLatestV12) as { data: { messages: Record<string, unknown>[] } };
    const message = body.data.messages[0];
    if (message) change(message);
    return body;
  }

  it("names a missing message_id", () => {
    const error = captureError(() => parseEnvelope(queueDataSchema, queueWith((m) => delete m.message_id), "messages.latest"));
    expect(error.kind).toBe("invalid_response");
    expect(error.endpoint).toBe("messages.latest");
    expect(error.fieldPath).toBe("data.messages[0].message_id");
    expect(error.message).toContain("messages.latest");
    expect(error.message).toContain("data.messages[0].message_id");
    // The ruid of the bad response is kept for Booking support.
    expect(error.ruid).toMatch(/^UmFuZG9tSVYkc2RlIyh9Y/);
  });

  it("names an unreadable timestamp", () => {
    const error = captureError(() => parseEnvelope(queueDataSchema, queueWith((m) => (m.timestamp = "yesterday")), "messages.latest"));
    expect(error.fieldPath).toBe("data.messages[0].timestamp");
    expect(error.message).toContain("yesterday");
  });

  it("names an unknown participant type", () => {
    const body = queueWith((m) => (m.sender = { participant_id: "p", metadata: { participant_type: "robot" } }));
    const error = captureError(() => parseEnvelope(queueDataSchema, body, "messages.latest"));
    expect(error.fieldPath).toBe("data.messages[0].sender.metadata.participant_type");
  });

  it("names a missing participant type", () => {
    const body = queueWith((m) => (m.sender = { participant_id: "p", metadata: {} }));
    const error = captureError(() => parseEnvelope(queueDataSchema, body, "messages.latest"));
    expect(error.fieldPath).toBe("data.messages[0].sender.metadata.participant_type");
  });

  it("names a missing data object and an ok=false", () => {
    expect(captureError(() => parseEnvelope(postMessageDataSchema, { meta: {} }, "conversations.postMessage")).fieldPath).toBe("data");
    expect(captureError(() => parseEnvelope(postMessageDataSchema, undefined, "conversations.postMessage")).fieldPath).toBe("(body)");
    const notOk = captureError(() => parseEnvelope(tagDataSchema, { data: { ok: "false", tag: "read", is_set: true } }, "tags.markRead"));
    expect(notOk.fieldPath).toBe("data.ok");
  });

  it("names a broken conversation message after a merged tags element", () => {
    const body = structuredClone(examples.conversationByIdV12) as { data: { conversation: { messages: Record<string, unknown>[] } } };
    body.data.conversation.messages.push({ message_id: "m2", content: "x", timestamp: "2020-12-28T12:49:15.587Z" });
    const error = captureError(() => parseEnvelope(conversationPageDataSchema, body, "conversations.get"));
    expect(error.fieldPath).toBe("data.conversation.messages[1].sender_id");
  });

  it("rejects base64 garbage in a download", () => {
    const error = captureError(() => parseEnvelope(attachmentDownloadDataSchema, { data: { file_content: "not base64!" } }, "attachments.download"));
    expect(error.fieldPath).toBe("data.file_content");
  });
});

describe("parseBookingTimestamp", () => {
  it.each([
    ["2020-08-17T16:54:19.270Z", "2020-08-17T16:54:19.270Z"],
    ["2020-08-18T14:59:26.41", "2020-08-18T14:59:26.410Z"], // zone-less: UTC
    ["2020-12-24T07:41:11", "2020-12-24T07:41:11.000Z"],
    ["2021-01-01T14:52:38.860Z[GMT]", "2021-01-01T14:52:38.860Z"],
    ["2021-01-01T14:52:38.860[UTC]", "2021-01-01T14:52:38.860Z"],
    ["2021-01-01T16:52:38.123456789+02:00", "2021-01-01T14:52:38.123Z"],
    ["2021-01-01T09:52:38-0500", "2021-01-01T14:52:38.000Z"],
    ["2021-01-01 14:52:38.860Z", "2021-01-01T14:52:38.860Z"],
  ])("reads %s", (input, expected) => {
    expect(parseBookingTimestamp(input)?.toISOString()).toBe(expected);
  });

  it.each(["", "2020-02-30T00:00:00Z", "2020-13-01T00:00:00Z", "2020-01-01", "2021-01-01T14:52:38[Europe/Amsterdam]", "1608798071079"])(
    "rejects %s",
    (input) => {
      expect(parseBookingTimestamp(input)).toBeUndefined();
    },
  );
});

describe("error body helpers", () => {
  it("reads ruid and error messages from the undocumented errors[] shapes", () => {
    const body = {
      meta: { ruid: "RUID-1" },
      errors: [{ code: 497, message: "Authorization error" }, "plain text", { description: "desc" }, 5],
    };
    expect(readRuid(body)).toBe("RUID-1");
    expect(readErrorMessages(body)).toEqual(["497: Authorization error", "plain text", "desc"]);
    expect(readErrorMessages("Access denied")).toEqual(["Access denied"]);
    expect(readErrorMessages({ message: "To many requests" })).toEqual(["To many requests"]);
  });

  it("formats field paths", () => {
    expect(formatFieldPath(["data", "messages", 0, "sender", "metadata"])).toBe("data.messages[0].sender.metadata");
    expect(formatFieldPath([])).toBe("(body)");
  });
});
