import type { Json } from "./support";

// Every request example in /work/shared/seeds, copied here so the replay test is self-contained.
// Each entry names the seed file it came from. Seeds 000 (Connectivity use cases) and 003 (Demand
// "Manage messages guide") contain no request examples. Where a seed shows a request without its
// response, `response` is the documented response of the same endpoint from another seed (said in
// `note`), or null when only the status is documented.

export interface SeedExample {
  name: string;
  seedFile: string;
  side: "property" | "guest";
  method: "GET" | "POST";
  /** Path on the sandbox (the real base URL replaced by /messaging or /demand/3.1). */
  path: string;
  acceptVersion: string | null;
  /** Exactly as in the seed; undefined = no body. */
  requestBody: Json | undefined;
  response: Json | null;
  note: string | null;
}

export const SEED_EXAMPLES: SeedExample[] = [
  {
    name: "Connectivity: post a message",
    seedFile: "002_19f9ec23eb385498.txt (Connectivity \"Managing conversations\")",
    side: "property",
    method: "POST",
    path: "/messaging/properties/6378711/conversations/a7dd5868-670c-597f-a5b8-8f6d917614bf",
    acceptVersion: null,
    requestBody: {
      "message": {
        "content": "Hola,Toni! Como estas huey?",
        "attachment_ids": [
          "795e5w90-0419-11eb-a306-e506dfed6417",
          "5ertwf11e445t06ewfe3fgh50094"
        ]
      }
    },
    response: {
      "errors": [],
      "warnings": [],
      "meta": {
        "ruid": "UmFuZG9tSVYkc2RlIyh9YYuVGLmv13PU2CPBInBo6tmR2olhYRQJnBxQ28c+302tG2NR8bgV4z78HUvSFMcHY/AsImiUYbjP"
      },
      "data": {
        "guest_has_account": true,
        "message_id": "a547bac0-e156-11ea-9735-f5b2c8769b48",
        "ok": "true"
      }
    },
    note: "The path has placeholders in the seed; we use the property and a conversation id from the same page.",
  },
  {
    name: "Connectivity: list conversations (v1.2)",
    seedFile: "002_19f9ec23eb385498.txt (Connectivity \"Managing conversations\")",
    side: "property",
    method: "GET",
    path: "/messaging/properties/6378711/conversations",
    acceptVersion: "1.2",
    requestBody: undefined,
    response: {
      "data": {
        "ok": "true",
        "conversations": [
          {
            "participants": [
              {
                "metadata": {
                  "type": "guest",
                  "name": "Test Booker"
                },
                "participant_id": "5fe782b1-6545-55b7-8b75-588945b5f960"
              },
              {
                "participant_id": "9f6be5fd-b3a8-5691-9cf9-9ab6c6217327",
                "metadata": {
                  "type": "property",
                  "id": 6378711
                }
              }
            ],
            "conversation_reference": "3454799008",
            "messages": [
              {
                "message_id": "fc7db690-3ba2-11eb-a68b-c77d6a75020f",
                "message_type": "free_text",
                "timestamp": "2020-12-11T11:21:17.177Z",
                "sender_id": "9f6be5fd-b3a8-5691-9cf9-9ab6c6217327",
                "content": "hello there 2"
              }
            ],
            "access": "read_write",
            "conversation_id": "a7dd5868-670c-597f-a5b8-8f6d917614bf",
            "conversation_type": "reservation"
          },
          {
            "participants": [
              {
                "metadata": {
                  "type": "guest",
                  "name": "Test Booker"
                },
                "participant_id": "5fe782b1-6545-55b7-8b75-588945b5f960"
              },
              {
                "metadata": {
                  "type": "property",
                  "id": 6378711
                },
                "participant_id": "9f6be5fd-b3a8-5691-9cf9-9ab6c6217327"
              }
            ],
            "access": "read_write",
            "messages": [
              {
                "sender_id": "9f6be5fd-b3a8-5691-9cf9-9ab6c6217327",
                "content": "Property message without attachment2020-12-10T10:15:04.960Z : f8fc39c9-3ab5-423f-865e-67fb45ce9893",
                "timestamp": "2020-12-10T10:15:05.275Z",
                "message_id": "92a3d0b0-3ad0-11eb-9e18-f9d108fb0e90",
                "message_type": "automatically_sent_template",
                "attributes": {
                  "template_id": "12345",
                  "template_name": "Welcome Template"
                }
              }
            ],
            "conversation_id": "2411ff94-d40b-5ccf-bd08-aa7ddb6a80c8",
            "conversation_reference": "3836522009",
            "conversation_type": "reservation"
          }
        ],
        "next_page_id": "0bec3400-ec41-11ea-8080-808080808080"
      },
      "errors": [],
      "meta": {
        "ruid": "UmFuZG9tSVYkc2RlIyh9YaHxRoj3d1s8ziyA7veDF0xKZcTLf9qryJ+iKAPc3DbYr0iQlTOb6ql3F5iP2/ie6QejvtMLyFHB"
      },
      "warnings": []
    },
    note: null,
  },
  {
    name: "Connectivity: list conversations (v1.0)",
    seedFile: "002_19f9ec23eb385498.txt (Connectivity \"Managing conversations\")",
    side: "property",
    method: "GET",
    path: "/messaging/properties/6378711/conversations",
    acceptVersion: "1.0",
    requestBody: undefined,
    response: {
      "data": {
        "ok": "true",
        "conversations": [
          {
            "participants": [
              {
                "metadata": {
                  "type": "guest"
                },
                "participant_id": "5fe782b1-6545-55b7-8b75-588945b5f960"
              },
              {
                "participant_id": "9f6be5fd-b3a8-5691-9cf9-9ab6c6217327",
                "metadata": {
                  "type": "property",
                  "id": 6378711
                }
              }
            ],
            "conversation_reference": "3454799008",
            "messages": [
              {
                "message_id": "fc7db690-3ba2-11eb-a68b-c77d6a75020f",
                "timestamp": "2020-12-11T11:21:17.177Z",
                "sender_id": "9f6be5fd-b3a8-5691-9cf9-9ab6c6217327",
                "content": "hello there 2"
              }
            ],
            "access": "read_write",
            "conversation_id": "a7dd5868-670c-597f-a5b8-8f6d917614bf",
            "conversation_type": "reservation"
          },
          {
            "participants": [
              {
                "metadata": {
                  "type": "guest"
                },
                "participant_id": "5fe782b1-6545-55b7-8b75-588945b5f960"
              },
              {
                "metadata": {
                  "type": "property",
                  "id": 6378711
                },
                "participant_id": "9f6be5fd-b3a8-5691-9cf9-9ab6c6217327"
              }
            ],
            "access": "read_write",
            "messages": [
              {
                "sender_id": "9f6be5fd-b3a8-5691-9cf9-9ab6c6217327",
                "content": "Property message without attachment2020-12-10T10:15:04.960Z : f8fc39c9-3ab5-423f-865e-67fb45ce9893",
                "timestamp": "2020-12-10T10:15:05.275Z",
                "message_id": "92a3d0b0-3ad0-11eb-9e18-f9d108fb0e90"
              }
            ],
            "conversation_id": "2411ff94-d40b-5ccf-bd08-aa7ddb6a80c8",
            "conversation_reference": "3836522009",
            "conversation_type": "reservation"
          }
        ],
        "next_page_id": "0bec3400-ec41-11ea-8080-808080808080"
      },
      "errors": [],
      "meta": {
        "ruid": "UmFuZG9tSVYkc2RlIyh9YaHxRoj3d1s8ziyA7veDF0xKZcTLf9qryJ+iKAPc3DbYr0iQlTOb6ql3F5iP2/ie6QejvtMLyFHB"
      },
      "warnings": []
    },
    note: null,
  },
  {
    name: "Connectivity: conversation by id (v1.2)",
    seedFile: "002_19f9ec23eb385498.txt (Connectivity \"Managing conversations\")",
    side: "property",
    method: "GET",
    path: "/messaging/properties/6378711/conversations/267eef2d-43fe-5b94-afef-63de2ee4d6f8",
    acceptVersion: "1.2",
    requestBody: undefined,
    response: {
      "meta": {
        "ruid": "UmFuZG9tSVYkc2RlIyh9YQzdwh+280lx897rDZF1JIZYdbF3XzxqMYPN87IIbYDpF4gg5ppLWSo9FTHqy5069iHVvB2blrvu"
      },
      "errors": [],
      "warnings": [],
      "data": {
        "conversation": {
          "participants": [
            {
              "metadata": {
                "type": "guest",
                "name": "Test Booker"
              },
              "participant_id": "5fe782b1-6545-55b7-8b75-588945b5f960"
            },
            {
              "participant_id": "9f6be5fd-b3a8-5691-9cf9-9ab6c6217327",
              "metadata": {
                "id": 6378711,
                "type": "property"
              }
            }
          ],
          "messages": [
            {
              "message_id": "17b0e930-490b-11eb-aa2f-77d68f9d163f",
              "message_type": "free_text",
              "attachment_ids": [
                "f2526680-18f6-11eb-a45f-114c8501fcdb"
              ],
              "sender_id": "9f6be5fd-b3a8-5691-9cf9-9ab6c6217327",
              "content": "Hello world.",
              "timestamp": "2020-12-28T12:49:15.587Z"
            },
            {
              "tags": {
                "read": {
                  "set": true,
                  "participants": [
                    "5fe782b1-6545-55b7-8b75-588945b5f960"
                  ]
                }
              }
            }
          ],
          "conversation_reference": "2232015613",
          "tags": {
            "no_reply_needed": {
              "set": true
            }
          },
          "conversation_type": "reservation",
          "access": "read_write",
          "conversation_id": "267eef2d-43fe-5b94-afef-63de2ee4d6f8"
        },
        "next_page_id": "74fdb6d0-4083-11eb-ac3f-89046bdff5d4",
        "ok": "true"
      }
    },
    note: null,
  },
  {
    name: "Connectivity: conversation by id (v1.0)",
    seedFile: "002_19f9ec23eb385498.txt (Connectivity \"Managing conversations\")",
    side: "property",
    method: "GET",
    path: "/messaging/properties/6378711/conversations/267eef2d-43fe-5b94-afef-63de2ee4d6f8",
    acceptVersion: "1.0",
    requestBody: undefined,
    response: {
      "meta": {
        "ruid": "UmFuZG9tSVYkc2RlIyh9YQzdwh+280lx897rDZF1JIZYdbF3XzxqMYPN87IIbYDpF4gg5ppLWSo9FTHqy5069iHVvB2blrvu"
      },
      "errors": [],
      "warnings": [],
      "data": {
        "conversation": {
          "participants": [
            {
              "metadata": {
                "type": "guest"
              },
              "participant_id": "5fe782b1-6545-55b7-8b75-588945b5f960"
            },
            {
              "participant_id": "9f6be5fd-b3a8-5691-9cf9-9ab6c6217327",
              "metadata": {
                "id": 6378711,
                "type": "property"
              }
            }
          ],
          "messages": [
            {
              "message_id": "17b0e930-490b-11eb-aa2f-77d68f9d163f",
              "attachment_ids": [
                "f2526680-18f6-11eb-a45f-114c8501fcdb"
              ],
              "sender_id": "9f6be5fd-b3a8-5691-9cf9-9ab6c6217327",
              "content": "Hello world.",
              "timestamp": "2020-12-28T12:49:15.587Z"
            },
            {
              "tags": {
                "read": {
                  "set": true,
                  "participants": [
                    "5fe782b1-6545-55b7-8b75-588945b5f960"
                  ]
                }
              }
            }
          ],
          "conversation_reference": "2232015613",
          "tags": {
            "no_reply_needed": {
              "set": true
            }
          },
          "conversation_type": "reservation",
          "access": "read_write",
          "conversation_id": "267eef2d-43fe-5b94-afef-63de2ee4d6f8"
        },
        "next_page_id": "74fdb6d0-4083-11eb-ac3f-89046bdff5d4",
        "ok": "true"
      }
    },
    note: null,
  },
  {
    name: "Connectivity: conversation by type and reference (v1.2)",
    seedFile: "002_19f9ec23eb385498.txt (Connectivity \"Managing conversations\")",
    side: "property",
    method: "GET",
    path: "/messaging/properties/6378711/conversations/type/reservation?conversation_reference=3257971028",
    acceptVersion: "1.2",
    requestBody: undefined,
    response: {
      "meta": {
        "ruid": "UmFuZG9tSVYkc2RlIyh9YbEJoqqZlpoSNapQcFDDn7IQIiP8Fy+AQqRBdOOw1EqmKh5XgGol7nz1QsVflaMXCqoeOJxb/A6l"
      },
      "data": {
        "conversation": {
          "conversation_type": "reservation",
          "access": "read_write",
          "conversation_id": "e62d0589-ce61-5a36-9649-36b5fed9491d",
          "participants": [
            {
              "metadata": {
                "type": "guest",
                "name": "Test Booker"
              },
              "participant_id": "7da17c1b-52e9-5158-be5d-99cf789ed130"
            },
            {
              "metadata": {
                "type": "property",
                "id": 6378711
              },
              "participant_id": "9f6be5fd-b3a8-5691-9cf9-9ab6c6217327"
            }
          ],
          "messages": [
            {
              "message_id": "6469d370-45bb-11eb-8ecb-fb998203e06b",
              "message_type": "email",
              "attachment_ids": [
                "f2526680-18f6-11eb-a45f-114c8501fcdb"
              ],
              "timestamp": "2020-12-24T07:41:11.079Z",
              "sender_id": "9f6be5fd-b3a8-5691-9cf9-9ab6c6217327",
              "content": "Test message without attachment and with reply 2020-12-24 08:41:04.23864"
            },
            {
              "tags": {
                "read": {
                  "set": true,
                  "participants": [
                    "5fe782b1-6545-55b7-8b75-588945b5f960"
                  ]
                }
              }
            }
          ],
          "conversation_reference": "3257971028"
        },
        "ok": "true"
      },
      "warnings": [],
      "errors": []
    },
    note: null,
  },
  {
    name: "Connectivity: conversation by type and reference (v1.0)",
    seedFile: "002_19f9ec23eb385498.txt (Connectivity \"Managing conversations\")",
    side: "property",
    method: "GET",
    path: "/messaging/properties/6378711/conversations/type/reservation?conversation_reference=3257971028",
    acceptVersion: "1.0",
    requestBody: undefined,
    response: {
      "meta": {
        "ruid": "UmFuZG9tSVYkc2RlIyh9YbEJoqqZlpoSNapQcFDDn7IQIiP8Fy+AQqRBdOOw1EqmKh5XgGol7nz1QsVflaMXCqoeOJxb/A6l"
      },
      "data": {
        "conversation": {
          "conversation_type": "reservation",
          "access": "read_write",
          "conversation_id": "e62d0589-ce61-5a36-9649-36b5fed9491d",
          "participants": [
            {
              "metadata": {
                "type": "guest"
              },
              "participant_id": "7da17c1b-52e9-5158-be5d-99cf789ed130"
            },
            {
              "metadata": {
                "type": "property",
                "id": 6378711
              },
              "participant_id": "9f6be5fd-b3a8-5691-9cf9-9ab6c6217327"
            }
          ],
          "messages": [
            {
              "message_id": "6469d370-45bb-11eb-8ecb-fb998203e06b",
              "attachment_ids": [
                "f2526680-18f6-11eb-a45f-114c8501fcdb"
              ],
              "timestamp": "2020-12-24T07:41:11.079Z",
              "sender_id": "9f6be5fd-b3a8-5691-9cf9-9ab6c6217327",
              "content": "Test message without attachment and with reply 2020-12-24 08:41:04.23864"
            },
            {
              "tags": {
                "read": {
                  "set": true,
                  "participants": [
                    "5fe782b1-6545-55b7-8b75-588945b5f960"
                  ]
                }
              }
            }
          ],
          "conversation_reference": "3257971028"
        },
        "ok": "true"
      },
      "warnings": [],
      "errors": []
    },
    note: null,
  },
  {
    name: "Demand: conversation by accommodation + reservation",
    seedFile: "001_0ae7b5c11ef4d9ec.txt (Demand \"Use case 1 - Booking & welcome message\")",
    side: "guest",
    method: "POST",
    path: "/demand/3.1/messages/conversations",
    acceptVersion: null,
    requestBody: {
      "accommodation": "2098153",
      "reservation": "4380765874"
    },
    response: {
      "data": {
        "conversations": {
          "messages": [
            {
              "id": "1fd6c3a0-6c74-11f0-8a0a-3dbfea505c1d",
              "sender": "94914645-adbc-546b-a759-d1a1b48b6e1e",
              "content": "Hello Ada, Thanks for booking Demand API Test Hotel! We are happy to see you on Thursday 22 August 2025. Best, Demand API Test Hotel",
              "timestamp": "2025-07-29T12:04:05.466Z"
            }
          ],
          "id": "bbb76179-7565-5a23-8632-33e164aa13db",
          "reservation": "6066547158",
          "participants": [
            {
              "metadata": {
                "type": "property",
                "name": "13921698"
              },
              "id": "94914645-adbc-546b-a759-d1a1b48b6e1e"
            },
            {
              "metadata": {
                "type": "guest"
              },
              "id": "fee4a6c8-16e2-5d7b-9ad0-2027f8eae9df"
            }
          ]
        }
      }
    },
    note: "The seed response has a JS comment and a trailing comma; both removed so it parses.",
  },
  {
    name: "Demand: latest messages (empty body)",
    seedFile: "001_0ae7b5c11ef4d9ec.txt (Demand \"Use case 1 - Booking & welcome message\")",
    side: "guest",
    method: "POST",
    path: "/demand/3.1/messages/latest",
    acceptVersion: null,
    requestBody: undefined,
    response: {
      "request_id": "ddcf96b3-e17c-4e6f-8f8c-4d685489ce04",
      "data": {
        "messages": [
          {
            "conversation": {
              "reservation": "4363562386",
              "accommodation": "2098153",
              "conversation": "8586a789"
            },
            "content": "Approved to modify reservation at lower price",
            "message": "8a269910-19d1-11f0-bb60-972708bd278a",
            "sender": {
              "participant_id": "6c22a16d-a3bd-5f5b-82d9-ce1030f21b1f",
              "metadata": {
                "type": "property",
                "id": "Demand API Messaging Test Hotel"
              }
            },
            "attachments": [],
            "timestamp": "2025-04-15T08:13:40.000Z"
          },
          {
            "conversation": {
              "reservation": "4363562386",
              "accommodation": "2098153",
              "conversation": "8586a789"
            },
            "content": "from 49.50 to 40 EUR",
            "message": "94a20230-19d1-11f0-ad0b-070f57f7896d",
            "sender": {
              "participant_id": "6c22a16d-a3bd-5f5b-82d9-ce1030f21b1f",
              "metadata": {
                "type": "property",
                "id": "Demand API Messaging Test Hotel"
              }
            },
            "attachments": [],
            "timestamp": "2025-04-15T08:13:58.000Z"
          },
          {
            "conversation": {
              "reservation": "4580465458",
              "accommodation": "2098153",
              "conversation": "ccffd27c-7e53-5f31-9760-a5846de75d8e"
            },
            "content": "Unfortunately, we must apply some cancellation fees according to our cancellation policies",
            "message": "38914fd0-19ce-11f0-9ba3-8fd61549a30a",
            "sender": {
              "participant_id": "6c22a16d-a3bd-5f5b-82d9-ce1030f21b1f",
              "metadata": {
                "type": "property",
                "id": "Demand API Messaging Test Hotel"
              }
            },
            "attachments": [],
            "timestamp": "2025-04-15T07:49:55.000Z"
          },
          {
            "conversation": {
              "reservation": "4380765874",
              "accommodation": "6819547",
              "conversation": "cc872746-77f2-5886-ba7c-17e0497241b5"
            },
            "content": "Ok, lets proceed with the cancellation",
            "message": "41544f00-19d8-11f0-9ea6-f35823f251fe",
            "sender": {
              "participant_id": "00a40ffc-f7a7-55d7-a8d8-b45ef2a7a99e",
              "metadata": {
                "type": "guest",
                "id": ""
              }
            },
            "attachments": [],
            "timestamp": "2025-04-15T09:01:44.000Z"
          }
        ]
      }
    },
    note: null,
  },
  {
    name: "Demand: confirm delivery",
    seedFile: "001_0ae7b5c11ef4d9ec.txt (Demand \"Use case 1 - Booking & welcome message\")",
    side: "guest",
    method: "POST",
    path: "/demand/3.1/messages/latest/confirm",
    acceptVersion: null,
    requestBody: {
      "messages": [
        "3f986fc8-b944-4501-b8d1-430e833ca756"
      ]
    },
    response: null,
    note: "The seed documents only \"200 OK\".",
  },
  {
    name: "Demand: send a reply (conversation + reservation)",
    seedFile: "001_0ae7b5c11ef4d9ec.txt (Demand \"Use case 1 - Booking & welcome message\")",
    side: "guest",
    method: "POST",
    path: "/demand/3.1/messages/send",
    acceptVersion: null,
    requestBody: {
      "reservation": "6066547158",
      "conversation": "bbb76179-7565-5a23-8632-33e164aa13db",
      "accommodation": "13921698",
      "content": "Thanks, looking forward to my stay!"
    },
    response: {
      "data": {
        "message": "2c05c1c0-8fb6-11f0-9fe0-231a553b7d81"
      },
      "request_id": "3a097c09-cad1-4a91-9586-1834e27b9004"
    },
    note: null,
  },
  {
    name: "Demand: send with attachments (no conversation, no reservation)",
    seedFile: "001_0ae7b5c11ef4d9ec.txt (Demand \"Use case 1 - Booking & welcome message\")",
    side: "guest",
    method: "POST",
    path: "/demand/3.1/messages/send",
    acceptVersion: null,
    requestBody: {
      "accommodation": 13921698,
      "attachments": [
        "c325f460-1dc6-11f0-80f0-8d0908786f77"
      ],
      "content": "I appreciate you consider our request."
    },
    response: {
      "data": {
        "message": "2c05c1c0-8fb6-11f0-9fe0-231a553b7d81"
      },
      "request_id": "3a097c09-cad1-4a91-9586-1834e27b9004"
    },
    note: null,
  },
  {
    name: "Demand: property platform welcome message by reservation",
    seedFile: "004_56fd6058c25ecffb.txt (Demand \"Messaging use cases and best practices\")",
    side: "guest",
    method: "POST",
    path: "/demand/3.1/messages/send",
    acceptVersion: null,
    requestBody: {
      "reservation": "4380765874",
      "accommodation": 2098153,
      "content": "Thank you for booking with us! We look forward to welcoming you. Let us know if you have any special requests."
    },
    response: {
      "data": {
        "message": "2c05c1c0-8fb6-11f0-9fe0-231a553b7d81"
      },
      "request_id": "3a097c09-cad1-4a91-9586-1834e27b9004"
    },
    note: "No response is shown on this page; the send response of 001 is the documented shape.",
  },
  {
    name: "Demand: confirm two messages",
    seedFile: "004_56fd6058c25ecffb.txt (Demand \"Messaging use cases and best practices\")",
    side: "guest",
    method: "POST",
    path: "/demand/3.1/messages/latest/confirm",
    acceptVersion: null,
    requestBody: {
      "messages": [
        "123e4567-e89b-12d3-a456-426614174000",
        "987f6543-e21d-65c4-b789-426614174999"
      ]
    },
    response: null,
    note: "No response documented beyond success.",
  },
  {
    name: "Demand: full history by conversation + reservation (numbers)",
    seedFile: "004_56fd6058c25ecffb.txt (Demand \"Messaging use cases and best practices\")",
    side: "guest",
    method: "POST",
    path: "/demand/3.1/messages/conversations",
    acceptVersion: null,
    requestBody: {
      "conversation": "cc872746-77f2-5886-ba7c-17e0497241b5",
      "accommodation": 2098153,
      "reservation": 4380765874
    },
    response: {
      "data": {
        "conversations": {
          "messages": [
            {
              "id": "1fd6c3a0-6c74-11f0-8a0a-3dbfea505c1d",
              "sender": "94914645-adbc-546b-a759-d1a1b48b6e1e",
              "content": "Hello Ada, Thanks for booking Demand API Test Hotel! We are happy to see you on Thursday 22 August 2025. Best, Demand API Test Hotel",
              "timestamp": "2025-07-29T12:04:05.466Z"
            }
          ],
          "id": "bbb76179-7565-5a23-8632-33e164aa13db",
          "reservation": "6066547158",
          "participants": [
            {
              "metadata": {
                "type": "property",
                "name": "13921698"
              },
              "id": "94914645-adbc-546b-a759-d1a1b48b6e1e"
            },
            {
              "metadata": {
                "type": "guest"
              },
              "id": "fee4a6c8-16e2-5d7b-9ad0-2027f8eae9df"
            }
          ]
        }
      }
    },
    note: "No response is shown on this page; the conversation response of 001 is the documented shape.",
  },
  {
    name: "Demand: guest asks about check-in",
    seedFile: "004_56fd6058c25ecffb.txt (Demand \"Messaging use cases and best practices\")",
    side: "guest",
    method: "POST",
    path: "/demand/3.1/messages/send",
    acceptVersion: null,
    requestBody: {
      "reservation": "4380765874",
      "accommodation": 2098153,
      "content": "Hi! What time is check-in? Is there parking available on-site?"
    },
    response: {
      "data": {
        "message": "2c05c1c0-8fb6-11f0-9fe0-231a553b7d81"
      },
      "request_id": "3a097c09-cad1-4a91-9586-1834e27b9004"
    },
    note: "No response is shown on this page; the send response of 001 is the documented shape.",
  },
];
