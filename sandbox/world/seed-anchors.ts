import { sendWelcomeTemplate } from "./bookings";
import type { World } from "./world";

// Records with the exact ids the seed documents use (/work/shared/seeds), so that every request
// example in them, sent as it is, finds what it names. Times are placed relative to "now" so the
// conversations are live (read_write), unlike the 2020 dates in the examples.

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function addSeedAnchors(world: World, nowMs: number, png: Buffer, affiliateId: number | null): void {
  const stay = { checkin: isoDay(nowMs + 3 * DAY), checkout: isoDay(nowMs + 6 * DAY) };
  const recent = { propertyQueues: true, affiliate: true };

  // ---- Connectivity examples: property 6378711 (002_…: managing conversations) ----
  const testBooker = { participantId: "5fe782b1-6545-55b7-8b75-588945b5f960", name: "Test Booker", language: "en", hasAccount: true };
  const a1 = world.addConversation({
    id: "a7dd5868-670c-597f-a5b8-8f6d917614bf",
    propertyId: 6378711,
    type: "reservation",
    reference: "3454799008",
    reservationId: "3454799008",
    affiliateId,
    guest: testBooker,
    stay,
    createdAtMs: nowMs - 5 * DAY,
  });
  world.addMessage({
    conversationId: a1.id,
    sender: "guest",
    type: "free_text",
    content: "Hello, can we bring our dog?",
    origin: "generated",
    timestampMs: nowMs - 30 * HOUR,
    readBy: ["9f6be5fd-b3a8-5691-9cf9-9ab6c6217327"],
    deliver: recent,
  });
  world.addMessage({
    id: "fc7db690-3ba2-11eb-a68b-c77d6a75020f",
    conversationId: a1.id,
    sender: "property",
    type: "free_text",
    content: "hello there 2",
    origin: "generated",
    timestampMs: nowMs - 20 * HOUR,
    deliver: recent,
  });
  // The POST-message example attaches these two ids (the second is not even UUID-shaped); they are
  // uploaded but not yet sent, as the docs' flow (upload first, then post) implies.
  for (const id of ["795e5w90-0419-11eb-a306-e506dfed6417", "5ertwf11e445t06ewfe3fgh50094"]) {
    world.attachments.set(id, { id, conversationId: a1.id, fileName: "food.png", fileType: "image/png", data: png, createdAtMs: nowMs - 10 * HOUR });
  }

  const a2 = world.addConversation({
    id: "2411ff94-d40b-5ccf-bd08-aa7ddb6a80c8",
    propertyId: 6378711,
    type: "reservation",
    reference: "3836522009",
    reservationId: "3836522009",
    affiliateId,
    guest: testBooker,
    stay,
    createdAtMs: nowMs - 6 * DAY,
  });
  world.addMessage({
    id: "92a3d0b0-3ad0-11eb-9e18-f9d108fb0e90",
    conversationId: a2.id,
    sender: "property",
    type: "automatically_sent_template",
    content: "Property message without attachment: welcome to Test Property!",
    attributes: { template_id: "12345", template_name: "Welcome Template" },
    origin: "generated",
    timestampMs: nowMs - 6 * DAY + 60_000,
    deliver: { propertyQueues: false, affiliate: false },
  });

  const a3 = world.addConversation({
    id: "267eef2d-43fe-5b94-afef-63de2ee4d6f8",
    propertyId: 6378711,
    type: "reservation",
    reference: "2232015613",
    reservationId: "2232015613",
    affiliateId,
    guest: testBooker,
    stay,
    noReplyNeeded: true,
    createdAtMs: nowMs - 7 * DAY,
  });
  world.attachments.set("f2526680-18f6-11eb-a45f-114c8501fcdb", {
    id: "f2526680-18f6-11eb-a45f-114c8501fcdb",
    conversationId: a3.id,
    fileName: "map.png",
    fileType: "image/png",
    data: png,
    createdAtMs: nowMs - 3 * DAY,
  });
  world.addMessage({
    id: "17b0e930-490b-11eb-aa2f-77d68f9d163f",
    conversationId: a3.id,
    sender: "property",
    type: "free_text",
    content: "Hello world.",
    attachmentIds: ["f2526680-18f6-11eb-a45f-114c8501fcdb"],
    readBy: [testBooker.participantId],
    origin: "generated",
    timestampMs: nowMs - 3 * DAY,
    deliver: { propertyQueues: false, affiliate: false },
  });

  const a4 = world.addConversation({
    id: "e62d0589-ce61-5a36-9649-36b5fed9491d",
    propertyId: 6378711,
    type: "reservation",
    reference: "3257971028",
    reservationId: "3257971028",
    affiliateId,
    guest: { participantId: "7da17c1b-52e9-5158-be5d-99cf789ed130", name: "Test Booker", language: "en", hasAccount: false },
    stay,
    createdAtMs: nowMs - 8 * DAY,
  });
  const a4Attachment = world.newTimeId(nowMs - 2 * DAY);
  world.attachments.set(a4Attachment, { id: a4Attachment, conversationId: a4.id, fileName: "room.png", fileType: "image/png", data: png, createdAtMs: nowMs - 2 * DAY });
  world.addMessage({
    id: "6469d370-45bb-11eb-8ecb-fb998203e06b",
    conversationId: a4.id,
    sender: "property",
    type: "email",
    content: "Test message without attachment and with reply",
    attachmentIds: [a4Attachment],
    readBy: ["7da17c1b-52e9-5158-be5d-99cf789ed130"],
    origin: "generated",
    timestampMs: nowMs - 2 * DAY,
    deliver: { propertyQueues: false, affiliate: false },
  });

  // ---- Demand examples (001_…: use case 1; 004_…: use cases) ----
  const b1 = world.addConversation({
    id: "bbb76179-7565-5a23-8632-33e164aa13db",
    propertyId: 13921698,
    type: "reservation",
    reference: "6066547158",
    reservationId: "6066547158",
    affiliateId,
    guest: { participantId: "fee4a6c8-16e2-5d7b-9ad0-2027f8eae9df", name: "Ada Lovelace", language: "en", hasAccount: true },
    stay: { checkin: isoDay(nowMs + 10 * DAY), checkout: isoDay(nowMs + 12 * DAY) },
    createdAtMs: nowMs - 2 * DAY,
  });
  sendWelcomeTemplate(world, b1, { timestampMs: nowMs - 2 * DAY + 60_000, id: "1fd6c3a0-6c74-11f0-8a0a-3dbfea505c1d", deliver: recent });
  // The send example with `attachments: ["c325f460-…"]` and no conversation: the image was uploaded
  // into this conversation, which is how the sandbox finds where to post it.
  world.attachments.set("c325f460-1dc6-11f0-80f0-8d0908786f77", {
    id: "c325f460-1dc6-11f0-80f0-8d0908786f77",
    conversationId: b1.id,
    fileName: "passport-photo.png",
    fileType: "image/png",
    data: png,
    createdAtMs: nowMs - DAY,
  });

  const hotelSays = (conversationId: string, id: string, content: string, hoursAgo: number): void => {
    world.addMessage({ id, conversationId, sender: "property", type: "free_text", content, origin: "generated", timestampMs: nowMs - hoursAgo * HOUR, deliver: recent });
  };
  const demandStay = { checkin: isoDay(nowMs + 20 * DAY), checkout: isoDay(nowMs + 23 * DAY) };
  const b2 = world.addConversation({
    // The docs show this id one character short ("…f5efd097cba"); we complete it to a UUID.
    id: "8586a789-44f4-5521-9f27-f5efd097cba0",
    propertyId: 2098153,
    type: "reservation",
    reference: "4363562386",
    reservationId: "4363562386",
    affiliateId,
    guest: { participantId: "3c1f0b9e-52d7-5d2e-a0c4-6f6b1e2a9d11", name: "Jan Kowalski", language: "en", hasAccount: true },
    stay: demandStay,
    createdAtMs: nowMs - 3 * DAY,
  });
  hotelSays(b2.id, "8a269910-19d1-11f0-bb60-972708bd278a", "Approved to modify reservation at lower price", 5);
  hotelSays(b2.id, "94a20230-19d1-11f0-ad0b-070f57f7896d", "from 49.50 to 40 EUR", 4.9);

  const b3 = world.addConversation({
    id: "ccffd27c-7e53-5f31-9760-a5846de75d8e",
    propertyId: 2098153,
    type: "reservation",
    reference: "4580465458",
    reservationId: "4580465458",
    affiliateId,
    guest: { participantId: "7b7e4a52-0d0c-5b1e-9f3a-2c8d4e6f1a22", name: "Maria Rossi", language: "it", hasAccount: true },
    stay: demandStay,
    createdAtMs: nowMs - 3 * DAY,
  });
  hotelSays(b3.id, "38914fd0-19ce-11f0-9ba3-8fd61549a30a", "Unfortunately, we must apply some cancellation fees according to our cancellation policies", 6);

  // The seeds place reservation 4380765874 at accommodation 2098153 in three requests and at 6819547
  // in one response; we follow the majority (2098153).
  const b4 = world.addConversation({
    id: "cc872746-77f2-5886-ba7c-17e0497241b5",
    propertyId: 2098153,
    type: "reservation",
    reference: "4380765874",
    reservationId: "4380765874",
    affiliateId,
    guest: { participantId: "00a40ffc-f7a7-55d7-a8d8-b45ef2a7a99e", name: "Pieter de Vries", language: "nl", hasAccount: true },
    stay: demandStay,
    createdAtMs: nowMs - 4 * DAY,
  });
  world.addMessage({
    id: "41544f00-19d8-11f0-9ea6-f35823f251fe",
    conversationId: b4.id,
    sender: "guest",
    type: "free_text",
    content: "Ok, lets proceed with the cancellation",
    origin: "generated",
    timestampMs: nowMs - 3 * HOUR,
    deliver: recent,
  });
}
