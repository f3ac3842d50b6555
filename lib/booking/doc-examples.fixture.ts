import { SEED_EXAMPLES } from "../../sandbox/test/seed-examples";

// Literal response examples for the schema tests. Kept as data (not inlined in tests) so that they read as
// what they are: Booking's examples, quirks included. Do not "fix" them.

// ---------------------------------------------------------------------------------------------------------
// Source: /work/shared/seeds/002_19f9ec23eb385498.txt, a copy of Booking's "Managing conversations" page
// (developers.booking.com/connectivity/docs/messaging-api/managing-conversations). Copied verbatim.

// The seed page's examples are shared with the sandbox's seed-replay test (one copy of Booking's text).
function seedResponse(name: string): unknown {
  const example = SEED_EXAMPLES.find((candidate) => candidate.name === name);
  if (!example?.response) throw new Error(`no seed example named ${name}`);
  return example.response;
}

export const postMessageResponse: unknown = seedResponse("Connectivity: post a message");
export const conversationListV12: unknown = seedResponse("Connectivity: list conversations (v1.2)");
export const conversationListV10: unknown = seedResponse("Connectivity: list conversations (v1.0)");
export const conversationByIdV12: unknown = seedResponse("Connectivity: conversation by id (v1.2)");
export const conversationByIdV10: unknown = seedResponse("Connectivity: conversation by id (v1.0)");
export const conversationByTypeV12: unknown = seedResponse("Connectivity: conversation by type and reference (v1.2)");
export const conversationByTypeV10: unknown = seedResponse("Connectivity: conversation by type and reference (v1.0)");

// ---------------------------------------------------------------------------------------------------------
// Source: /work/shared/docs/booking-messaging-api.md (our reference notes, which reconstruct Booking's
// examples). The notes elide long ids with "…"; those are filled in with ids of the same form, and the
// notes' `//` annotations are removed. Everything else is as written there.

// §1.4 GET /messages/latest (v1.2). `data.timestamp` has no zone and two fraction digits, as documented.
export const queueLatestV12: unknown = {
  meta: { ruid: "UmFuZG9tSVYkc2RlIyh9YQzdwh+280lx897rDZF1JIZYdbF3XzxqMYPN87IIbYDpF4gg5ppLWSo9FTHqy5069iHVvB2blrvu" },
  warnings: [],
  data: {
    messages: [
      {
        message_id: "4ad42260-e0aa-11ea-b1cb-0975761ce091",
        message_type: "free_text",
        content: "text…",
        timestamp: "2020-08-17T16:54:19.270Z",
        attachment_ids: ["522a4d03-e0aa-11ea-b1cb-0975761ce091"],
        attributes: { template_id: "12345", template_name: "Welcome Template" },
        reply_to: "5fe782b1-6545-55b7-8b75-588945b5f960",
        sender: {
          participant_id: "9f6be5fd-b3a8-5691-9cf9-9ab6c6217327",
          metadata: { participant_type: "property", name: "Test Property", email_alias: "test-property@example.com" },
        },
        conversation: {
          property_id: "1383087",
          conversation_id: "f3a9c29d-45bb-5e2f-9f3c-0a1b2c3d4e5f",
          conversation_reference: "3812391309",
          conversation_type: "reservation",
        },
      },
    ],
    ok: true,
    number_of_messages: 3,
    timestamp: "2020-08-18T14:59:26.41",
  },
  errors: [],
};

// §1.4 field notes: the same message as v1.0 returns it (no message_type, attributes or name), with the
// table's mixed-case `GUEST`, a numeric conversation_reference (the table types it integer) and no
// property_id in the conversation object.
export const queueLatestV10MixedCase: unknown = {
  data: {
    messages: [
      {
        message_id: "4ad42260-e0aa-11ea-b1cb-0975761ce092",
        content: "Is late check-in possible?",
        timestamp: "2020-08-17T16:54:19Z",
        attachment_ids: [],
        sender: {
          participant_id: "5fe782b1-6545-55b7-8b75-588945b5f960",
          metadata: { participant_type: "GUEST" },
        },
        conversation: {
          conversation_id: "f3a9c29d-45bb-5e2f-9f3c-0a1b2c3d4e5f",
          conversation_reference: 3812391309,
          conversation_type: "reservation",
        },
      },
      {
        message_id: "4ad42260-e0aa-11ea-b1cb-0975761ce093",
        content: "Of course.",
        timestamp: "2020-08-17T17:01:02.5",
        sender: {
          participant_id: "9f6be5fd-b3a8-5691-9cf9-9ab6c6217327",
          metadata: { participant_type: "hotel" },
        },
        conversation: {
          conversation_id: "f3a9c29d-45bb-5e2f-9f3c-0a1b2c3d4e5f",
          conversation_reference: "3812391309",
          conversation_type: "reservation",
        },
      },
    ],
    ok: "true",
    number_of_messages: 2,
  },
};

// §1.4 PUT /messages response.
export const confirmResponse: unknown = {
  data: { ok: true },
  warnings: [],
  meta: { ruid: "UmFuZG9tSVYkc2RlIyh9YaHxRoj3d1s8ziyA7veDF0xKZcTLf9qryJ+iKAPc3DbYr0iQlTOb6ql3F5iP2/ie6QejvtMLyFHB" },
  errors: [],
};

// §1.6 GET /messages/search response: `expires_at` in Java's `…Z[GMT]` form.
export const searchStartResponse: unknown = {
  meta: { ruid: "UmFuZG9tSVYkc2RlIyh9YbEJoqqZlpoSNapQcFDDn7IQIiP8Fy+AQqRBdOOw1EqmKh5XgGol7nz1QsVflaMXCqoeOJxb/A6l" },
  data: { expires_at: "2021-01-01T14:52:38.860Z[GMT]", ok: true, job_id: "a934b220-4bd6-11eb-9f0c-1f0c8b3b9d5e" },
  errors: [],
  warnings: [],
};

// §1.6 GET /messages/search/result/{job_id}: `property_id` on the message, participant types hotel/guest,
// "" as the last page's next_page_id.
export const searchResultLastPage: unknown = {
  data: {
    ok: true,
    messages: [
      {
        message_id: "17b0e930-490b-11eb-aa2f-77d68f9d163f",
        message_type: "self_service_event",
        content: "The guest would like to check in at 14:00",
        timestamp: "2020-12-28T12:49:15.587Z",
        attachment_ids: [],
        attributes: { self_service_topic: "checkin" },
        property_id: "6378711",
        sender: {
          participant_id: "5fe782b1-6545-55b7-8b75-588945b5f960",
          metadata: { participant_type: "guest", name: "Test Booker" },
        },
        conversation: {
          conversation_id: "267eef2d-43fe-5b94-afef-63de2ee4d6f8",
          conversation_reference: "2232015613",
          conversation_type: "reservation",
        },
      },
      {
        message_id: "17b0e930-490b-11eb-aa2f-77d68f9d1640",
        message_type: "free_text",
        content: "Sure, see you then.",
        timestamp: "2020-12-28T13:02:11.100Z",
        attachment_ids: [],
        property_id: "6378711",
        sender: {
          participant_id: "9f6be5fd-b3a8-5691-9cf9-9ab6c6217327",
          metadata: { participant_type: "hotel", name: "Test Property" },
        },
        conversation: {
          conversation_id: "267eef2d-43fe-5b94-afef-63de2ee4d6f8",
          conversation_reference: "2232015613",
          conversation_type: "reservation",
        },
      },
    ],
    next_page_id: "",
  },
  meta: { ruid: "UmFuZG9tSVYkc2RlIyh9YbEJoqqZlpoSNapQcFDDn7IQIiP8Fy+AQqRBdOOw1EqmKh5XgGol7nz1QsVflaMXCqoeOJxb/A6l" },
};

// §1.7 tag responses.
export const setNoReplyNeededResponse: unknown = { data: { tag: "no_reply_needed", is_set: true }, meta: { ruid: "UmFuZG9tSVYkc2RlIyh9Y" } };
export const clearNoReplyNeededResponse: unknown = { data: { is_set: false, tag: "no_reply_needed" } };
export const markReadResponse: unknown = { data: { tag: "read", is_set: true } };
// POC's simulator (observed behaviour) adds `ok` inside data and answers is_set true for the DELETE.
export const unmarkReadObservedResponse: unknown = { data: { tag: "read", is_set: true, ok: true } };

// §1.8 attachments.
export const attachmentUploadResponse: unknown = { data: { ok: "true", attachment_id: "795e5w90-0419-11eb-a306-e506dfed6417" } };
export const chunkStartResponse: unknown = { data: { attachment_id: null, upload_id: "ab88c1d0-0419-11eb-a306-e506dfed6417", ok: "true" } };
export const chunkResumeResponse: unknown = { data: { attachment_id: null, upload_id: null, ok: "true" } };
export const chunkFinishResponse: unknown = { data: { attachment_id: "8a9e3c10-0419-11eb-a306-e506dfed6417", upload_id: null, ok: "true" } };
export const attachmentDownloadResponse: unknown = {
  data: {
    ok: "true",
    file_content: "iVBORw0KGgo=",
    attachment_id: "8a9e3c10-0419-11eb-a306-e506dfed6417",
    conversation_id: "267eef2d-43fe-5b94-afef-63de2ee4d6f8",
  },
};
export const attachmentFileInfoResponse: unknown = { data: { file_type: "image/jpeg", file_name: "test.jpg", file_size: 655933 } };

// §1.1 token exchange (third-party clients parse exactly `jwt` and `ruid`).
export const tokenExchangeResponse: unknown = {
  jwt: "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJiZWxsaG9wIiwiZXhwIjoxNzAwMDAzNjAwfQ.c2ln",
  ruid: "UmFuZG9tSVYkc2RlIyh9Y",
};
