import { z } from "zod";
import { faultListSchema, faultRuleSchema, type FaultEngine } from "./faults";
import { HttpError, badRequest, notFound } from "./http/http-error";
import { integerParam, parseJsonBody, type Reply, type RequestContext, type Route } from "./http/router";
import { isoUtc } from "./property-api/render";
import { cancelBooking, confirmRequestToBook, createBooking, languagePack } from "./world/bookings";
import { LANGUAGES, SELF_SERVICE_CONTENT } from "./world/demo-content";
import { generatePng, imageProblem, decodeStrictBase64, SINGLE_UPLOAD_MAX_BYTES } from "./world/images";
import { conversationAccess, guestCanSendUntilMs, propertyCanSendUntilMs } from "./world/messaging-window";
import { worldToDocument } from "./world/persistence";
import { addDays, localDateOf } from "./world/time-zones";
import { SELF_SERVICE_TOPICS, type ConversationRecord, type MessageRecord } from "./world/types";
import type { World } from "./world/world";

// The control API under /_sandbox/: clearly not Booking.com's. Tests and the developer use it to
// make things happen in Booking's world (bookings, guest messages, time passing, failures) and to
// look inside the sandbox. JSON in and out; errors are `{error: {kind, message}}`. When the sandbox
// has a control token, every call needs the header X-Sandbox-Control-Token.

export interface ControlRuntime {
  readonly world: World;
  readonly faults: FaultEngine;
  reset(input: { seed?: string; conversations?: number }): World;
  routes(): Route[];
}

const DAY_MS = 86_400_000;

export function controlErrorBody(error: HttpError): unknown {
  return { error: { kind: error.kind, message: error.message } };
}

const json = (body: unknown, status = 200): Reply => ({ status, body });

/** A conversation by its id, or by a reservation id / booking request id. */
function findConversation(world: World, idOrReference: string): ConversationRecord {
  const direct = world.conversations.get(idOrReference);
  if (direct) return direct;
  for (const property of world.properties.values()) {
    const found = world.findByReference(property.id, "reservation", idOrReference) ?? world.findByReference(property.id, "request_to_book", idOrReference);
    if (found) return found;
  }
  throw notFound(`No conversation, reservation or booking request "${idOrReference}".`);
}

function summarizeConversation(world: World, conversation: ConversationRecord): Record<string, unknown> {
  const property = world.properties.get(conversation.propertyId);
  const now = world.clock.now();
  return {
    conversationId: conversation.id,
    propertyId: conversation.propertyId,
    propertyName: property?.name,
    type: conversation.type,
    reference: conversation.reference,
    reservationId: conversation.reservationId,
    requestToBook: conversation.requestToBook,
    affiliateId: conversation.affiliateId,
    guest: conversation.guest,
    propertyParticipantId: property?.participantId,
    stay: conversation.stay,
    cancelledAt: conversation.cancelledAtMs === null ? null : isoUtc(conversation.cancelledAtMs),
    noReplyNeeded: conversation.noReplyNeeded,
    messageCount: conversation.messageIds.length,
    lastActivity: isoUtc(conversation.lastActivityMs),
    access: property ? conversationAccess(conversation, property, now) : null,
    propertyCanSendUntil: property ? isoUtc(propertyCanSendUntilMs(conversation, property)) : null,
    guestCanSendUntil: property ? isoUtc(guestCanSendUntilMs(conversation, property)) : null,
  };
}

function describeMessages(world: World, conversation: ConversationRecord): Record<string, unknown>[] {
  const messages = world.messagesOf(conversation);
  // How many times the same text was posted by the same side: duplicate sends show up as > 1.
  const counts = new Map<string, number>();
  for (const message of messages) counts.set(`${message.sender}\u0000${message.content}`, (counts.get(`${message.sender}\u0000${message.content}`) ?? 0) + 1);
  return messages.map((message) => describeMessage(message, counts.get(`${message.sender}\u0000${message.content}`) ?? 1));
}

function describeMessage(message: MessageRecord, postCount = 1): Record<string, unknown> {
  return {
    messageId: message.id,
    sender: message.sender,
    type: message.type,
    content: message.content,
    timestamp: isoUtc(message.timestampMs),
    attachmentIds: message.attachmentIds,
    attributes: message.attributes,
    readBy: message.readBy,
    origin: message.origin,
    postCount,
  };
}

const bookingBody = z.strictObject({
  propertyId: z.number().int().positive(),
  guestName: z.string().min(1).max(200).optional(),
  language: z.enum(LANGUAGES.map((pack) => pack.code) as [string, ...string[]]).default("en"),
  checkin: z.iso.date().optional(),
  checkout: z.iso.date().optional(),
  type: z.enum(["reservation", "request_to_book"]).default("reservation"),
  affiliateId: z.number().int().positive().nullable().optional(),
  guestHasAccount: z.boolean().default(true),
  sendWelcome: z.boolean().default(true),
  firstGuestMessage: z.string().min(1).optional(),
});

const imageInput = z.union([
  z.literal(true),
  z.strictObject({ fileName: z.string().min(1), fileType: z.enum(["image/png", "image/jpeg"]), base64: z.string().min(1) }),
]);

const guestMessageBody = z.strictObject({
  content: z.string().refine((text) => text.trim().length > 0, "must not be empty"),
  type: z.enum(["free_text", "email"]).default("free_text"),
  /** `true` = a generated PNG; or your own image as base64. */
  image: imageInput.optional(),
});

const advanceBody = z
  .strictObject({
    ms: z.number().int().min(0).optional(),
    minutes: z.number().min(0).optional(),
    hours: z.number().min(0).optional(),
    days: z.number().min(0).optional(),
  })
  .refine((body) => Object.keys(body).length > 0, "give ms, minutes, hours or days");

export function controlRoutes(runtime: ControlRuntime): Route[] {
  const route = (method: string, path: string, endpoint: string, handler: (ctx: RequestContext) => Reply): Route => ({
    method,
    pattern: `/_sandbox${path}`,
    endpoint: `control.${endpoint}`,
    side: "control",
    handler,
  });

  return [
    route("GET", "", "index", (ctx) =>
      json({
        about: "Bellhop's Booking.com Messaging API sandbox. /messaging/* = property side, /demand/3.1/* = guest side, /_sandbox/* = this control API, /guest = guest page.",
        now: isoUtc(ctx.world.clock.now()),
        routes: runtime.routes().map(({ method, pattern, endpoint }) => ({ method, pattern, endpoint })),
      }),
    ),
    route("GET", "/health", "health", () => json({ ok: true })),

    // ---- clock ----
    route("GET", "/clock", "clock.get", (ctx) => json({ now: isoUtc(ctx.world.clock.now()), ...ctx.world.clock.snapshot() })),
    route("POST", "/clock/advance", "clock.advance", (ctx) => {
      const body = parseJsonBody(ctx, advanceBody);
      const ms = (body.ms ?? 0) + (body.minutes ?? 0) * 60_000 + (body.hours ?? 0) * 3_600_000 + (body.days ?? 0) * DAY_MS;
      const now = ctx.world.clock.advance(Math.round(ms));
      ctx.world.onChange();
      return json({ now: isoUtc(now) });
    }),

    // ---- properties ----
    route("GET", "/properties", "properties.list", (ctx) =>
      json({
        properties: [...ctx.world.properties.values()].map((property) => ({
          ...property,
          conversationCount: ctx.world.conversationCount(property.id),
          accounts: ctx.world.accounts.filter((account) => ctx.world.accountHasProperty(account, property.id)).map((account) => account.id),
        })),
      }),
    ),
    route("PUT", "/properties/:propertyId/link-allowlist", "properties.linkAllowlist", (ctx) => {
      const property = ctx.world.properties.get(integerParam(ctx, "propertyId"));
      if (!property) throw notFound(`Property ${ctx.params.propertyId} not found.`);
      const body = parseJsonBody(ctx, z.strictObject({ allowlist: z.array(z.string().min(1).regex(/^[\w.*-]+$/, "must be a host name such as example.com")) }));
      property.linkAllowlist = body.allowlist;
      ctx.world.onChange();
      return json({ propertyId: property.id, linkAllowlist: property.linkAllowlist });
    }),

    // ---- bookings ----
    route("GET", "/reservations", "reservations.list", (ctx) => {
      const propertyId = ctx.query.get("property_id");
      const limit = Math.min(Number(ctx.query.get("limit") ?? 200) || 200, 5_000);
      const properties = propertyId ? [Number(propertyId)] : [...ctx.world.properties.keys()];
      const list = properties.flatMap((id) => ctx.world.conversationsByActivity(id)).sort((a, b) => b.lastActivityMs - a.lastActivityMs);
      return json({ total: list.length, reservations: list.slice(0, limit).map((c) => summarizeConversation(ctx.world, c)) });
    }),
    route("POST", "/bookings", "bookings.create", (ctx) => {
      const body = parseJsonBody(ctx, bookingBody);
      const property = ctx.world.properties.get(body.propertyId);
      if (!property) throw notFound(`Property ${body.propertyId} not found.`);
      const today = localDateOf(ctx.world.clock.now(), property.timeZone);
      const checkin = body.checkin ?? addDays(today, 7);
      const checkout = body.checkout ?? addDays(checkin, 2);
      if (checkout <= checkin) throw badRequest("checkout must be after checkin.");
      const pack = languagePack(body.language);
      const { conversation, messages } = createBooking(ctx.world, {
        propertyId: property.id,
        guestName: body.guestName ?? `${pack.firstNames[0]} ${pack.lastNames[0]}`,
        language: body.language,
        checkin,
        checkout,
        type: body.type,
        affiliateId: body.affiliateId === undefined ? (ctx.world.affiliates.keys().next().value ?? null) : body.affiliateId,
        guestHasAccount: body.guestHasAccount,
        sendWelcome: body.sendWelcome,
        firstGuestMessage: body.firstGuestMessage,
      });
      return json({ conversation: summarizeConversation(ctx.world, conversation), messages: messages.map((m) => describeMessage(m)) }, 201);
    }),
    route("POST", "/bookings/:id/cancel", "bookings.cancel", (ctx) => {
      const conversation = findConversation(ctx.world, ctx.params.id ?? "");
      cancelBooking(ctx.world, conversation);
      return json({ conversation: summarizeConversation(ctx.world, conversation) });
    }),
    route("POST", "/bookings/:id/confirm", "bookings.confirmRequestToBook", (ctx) => {
      const conversation = findConversation(ctx.world, ctx.params.id ?? "");
      if (!conversation.requestToBook) throw badRequest("Only a request to book can be confirmed.");
      if (conversation.requestToBook.status !== "pending") throw badRequest(`This request to book is already ${conversation.requestToBook.status}.`);
      confirmRequestToBook(ctx.world, conversation);
      return json({ conversation: summarizeConversation(ctx.world, conversation) });
    }),

    // ---- acting as the guest ----
    route("POST", "/conversations/:id/guest-messages", "guest.send", (ctx) => {
      const conversation = findConversation(ctx.world, ctx.params.id ?? "");
      const body = parseJsonBody(ctx, guestMessageBody);
      const attachmentIds: string[] = [];
      if (body.image !== undefined) {
        if (conversation.type === "request_to_book") throw badRequest("Attachments are not available in request_to_book conversations.");
        const image =
          body.image === true
            ? { fileName: "guest-photo.png", fileType: "image/png", data: generatePng(48, 32, [30, 120, 200], [250, 200, 60]) }
            : { fileName: body.image.fileName, fileType: body.image.fileType, data: decodeStrictBase64(body.image.base64) };
        if (!image.data) throw badRequest("image.base64 is not valid base64.");
        const problem = imageProblem({ declaredType: image.fileType, acceptedTypes: ["image/png", "image/jpeg"], data: image.data, maxBytes: SINGLE_UPLOAD_MAX_BYTES });
        if (problem) throw badRequest(problem);
        const createdAtMs = ctx.world.clock.stampEvent();
        const id = ctx.world.newTimeId(createdAtMs);
        ctx.world.attachments.set(id, { id, conversationId: conversation.id, fileName: image.fileName, fileType: image.fileType, data: image.data, createdAtMs });
        attachmentIds.push(id);
      }
      const message = ctx.world.addMessage({ conversationId: conversation.id, sender: "guest", type: body.type, content: body.content, attachmentIds, origin: "control" });
      return json({ message: describeMessage(message) }, 201);
    }),
    route("POST", "/conversations/:id/self-service", "guest.selfService", (ctx) => {
      const conversation = findConversation(ctx.world, ctx.params.id ?? "");
      const body = parseJsonBody(ctx, z.strictObject({ topic: z.enum(SELF_SERVICE_TOPICS), content: z.string().min(1).optional() }));
      const message = ctx.world.addMessage({
        conversationId: conversation.id,
        sender: "guest",
        type: "self_service_event",
        content: body.content ?? SELF_SERVICE_CONTENT[body.topic],
        attributes: { self_service_topic: body.topic },
        origin: "control",
      });
      return json({ message: describeMessage(message) }, 201);
    }),

    // The property's staff set or take away "no reply needed" in the Extranet, outside the partner's
    // tool: the next read of the conversation shows it (no queue event, as on Booking.com).
    route("PUT", "/conversations/:id/extranet/no-reply-needed", "extranet.noReplyNeeded", (ctx) => {
      const conversation = findConversation(ctx.world, ctx.params.id ?? "");
      const body = parseJsonBody(ctx, z.strictObject({ set: z.boolean() }));
      if (conversation.type === "request_to_book") throw badRequest("Tags cannot be set in a request-to-book conversation.");
      conversation.noReplyNeeded = body.set;
      ctx.world.onChange();
      return json({ conversation: summarizeConversation(ctx.world, conversation) });
    }),

    // The property's staff answer in the Extranet or the Pulse app, outside the partner's tool: a
    // property message like any other new one, delivered through the queue (doc §1.4: the queue holds
    // both guest and property messages).
    route("POST", "/conversations/:id/extranet/messages", "extranet.reply", (ctx) => {
      const conversation = findConversation(ctx.world, ctx.params.id ?? "");
      const body = parseJsonBody(ctx, z.strictObject({ content: z.string().refine((text) => text.trim().length > 0, "must not be empty") }));
      const message = ctx.world.addMessage({ conversationId: conversation.id, sender: "property", type: "free_text", content: body.content, origin: "control" });
      return json({ message: describeMessage(message) }, 201);
    }),

    // ---- inspection ----
    route("GET", "/conversations/:id", "conversation.inspect", (ctx) => {
      const conversation = findConversation(ctx.world, ctx.params.id ?? "");
      return json({ conversation: summarizeConversation(ctx.world, conversation), messages: describeMessages(ctx.world, conversation) });
    }),
    route("GET", "/conversations/:id/messages", "conversation.messages", (ctx) => {
      const conversation = findConversation(ctx.world, ctx.params.id ?? "");
      return json({ conversationId: conversation.id, messages: describeMessages(ctx.world, conversation) });
    }),
    route("GET", "/conversations/:id/tags", "conversation.tags", (ctx) => {
      const conversation = findConversation(ctx.world, ctx.params.id ?? "");
      return json({
        conversationId: conversation.id,
        noReplyNeeded: conversation.noReplyNeeded,
        read: ctx.world.messagesOf(conversation).map((message) => ({ messageId: message.id, sender: message.sender, readBy: message.readBy })),
      });
    }),
    route("GET", "/queues", "queues", (ctx) =>
      json({
        accounts: ctx.world.accounts.map((account) => ({
          accountId: account.id,
          username: account.username,
          latestEnabled: account.latestEnabled,
          length: ctx.world.queueLength(account),
          head: ctx.world.peekQueue(account, 5).map((m) => m.id),
        })),
        affiliates: [...ctx.world.affiliates.values()].map((affiliate) => ({ affiliateId: affiliate.id, pending: ctx.world.affiliatePendingCount(affiliate.id) })),
      }),
    ),
    route("GET", "/snapshot", "snapshot", (ctx) => json(worldToDocument(ctx.world))),
    route("POST", "/reset", "reset", (ctx) => {
      const body = parseJsonBody(ctx, z.strictObject({ seed: z.string().min(1).optional(), conversations: z.number().int().min(0).max(100_000).optional() }), { emptyAs: {} });
      const world = runtime.reset(body);
      return json({ seed: world.seed, conversations: world.conversations.size, messages: world.messages.size, now: isoUtc(world.clock.now()) });
    }),

    // ---- faults ----
    route("GET", "/faults", "faults.list", () => json({ faults: runtime.faults.list() })),
    route("POST", "/faults", "faults.add", (ctx) => {
      const body = parseJsonBody(ctx, z.union([faultRuleSchema, faultListSchema]));
      const added = runtime.faults.add(Array.isArray(body) ? body : [body]);
      return json({ added, faults: runtime.faults.list() }, 201);
    }),
    route("PUT", "/faults", "faults.replace", (ctx) => {
      const body = parseJsonBody(ctx, faultListSchema);
      runtime.faults.clear();
      runtime.faults.add(body);
      return json({ faults: runtime.faults.list() });
    }),
    route("DELETE", "/faults", "faults.clear", () => {
      runtime.faults.clear();
      return json({ faults: [] });
    }),
    route("DELETE", "/faults/:faultId", "faults.remove", (ctx) => {
      if (!runtime.faults.remove(ctx.params.faultId ?? "")) throw notFound(`No fault rule "${ctx.params.faultId}".`);
      return json({ faults: runtime.faults.list() });
    }),
  ];
}

export function checkControlToken(ctx: RequestContext): void {
  const expected = ctx.options.controlToken;
  if (expected === null) return;
  if (ctx.req.headers["x-sandbox-control-token"] !== expected) {
    throw new HttpError(401, "unauthorized", "This sandbox requires the header X-Sandbox-Control-Token for /_sandbox/ calls.");
  }
}
