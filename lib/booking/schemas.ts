/**
 * Zod schemas for Booking.com Messaging API responses, and the normalisers that turn them into the domain
 * types of types.ts. Every documented quirk (see shared docs, booking-messaging-api.md §1 and §4) is
 * accepted here so that nothing outside lib/booking ever sees a raw shape:
 *
 * - Timestamps come with `Z` (queue, search, the examples), without any zone (`data.timestamp`
 *   `2020-08-18T14:59:26.41`, and the conversation field tables that say "local time"), with 1 to 9
 *   fraction digits, and as Java's `…Z[GMT]` (`expires_at`). DECISION: a timestamp without a zone is read
 *   as UTC. The queue and search are documented as UTC; the conversation examples for the very fields whose
 *   table says "local time" carry `Z`; and "local" would have to mean the property's zone, which the API
 *   never tells us. Reading it as the server's local zone would make the result depend on the machine
 *   Bellhop runs on, which is the one interpretation that is certainly wrong.
 * - `ok` is `true` or `"true"` (and may be absent). An explicit false is rejected: a 2xx that says it failed
 *   is not a success we can use.
 * - Participant types `property`, `hotel`, `GUEST`, `guest` are matched case-insensitively and normalised to
 *   'property' | 'guest'. An unknown type is an invalid response: guessing who wrote a message is worse than
 *   stopping.
 * - Ids (message, conversation, property, reference, job, template) may be numbers or strings; they are
 *   normalised to strings.
 * - Booleans such as `guest_has_account` and `is_set` may be strings ("true"/"false").
 * - In the docs' conversation examples, `tags.read` sits in a separate `messages[]` element holding only
 *   `tags`. Such an element is merged into the message before it; if there is none, it is dropped.
 * - `meta`, `errors` and `warnings` are optional. Fields that appear only under Accept-Version 1.2
 *   (`message_type`, `attributes`, guest `name`) are optional and come out as undefined under 1.0.
 * - Optional fields may also be null; null is treated as absent. A missing or null message `content`
 *   becomes "" (an attachment-only or event message must not stall a whole queue batch).
 * - Paging: `next_page_id` "" (search's documented last page), null or absent all mean "no next page".
 */
import { z } from "zod";
import { BookingApiError, type BookingEndpoint } from "./errors";
import type {
  AttachmentInfo,
  Conversation,
  ConversationAccess,
  ConversationListPage,
  ConversationMessage,
  ConversationPage,
  ConversationParticipant,
  DownloadedAttachment,
  MessageAttributes,
  MessageSearchJob,
  MessageSearchResultPage,
  ParticipantType,
  PostedMessage,
  QueueBatch,
  QueueMessage,
  TagDescription,
  TagResult,
  TokenExchangeResult,
} from "./types";

// ---------------------------------------------------------------------------------------------------------
// Scalars

/** A number or a string id, normalised to a string. */
const idSchema = z.union([z.string(), z.number().int()]).transform((value) => String(value));

/** An id that must be present and non-empty. */
const requiredIdSchema = idSchema.refine((value) => value.trim() !== "", { message: "Expected a non-empty id" });

/** An optional id: null, undefined and "" all mean absent. */
const optionalIdSchema = idSchema
  .nullish()
  .transform((value) => (value === null || value === undefined || value === "" ? undefined : value));

const booleanLikeSchema = z.union([
  z.boolean(),
  z
    .string()
    .transform((value) => value.trim().toLowerCase())
    .pipe(z.enum(["true", "false"]))
    .transform((value) => value === "true"),
]);

const okSchema = z
  .union([z.literal(true), z.literal("true"), z.literal(false), z.literal("false")])
  .nullish()
  .refine((value) => value !== false && value !== "false", { message: "Booking reported ok=false" });

const nonNegativeIntegerSchema = z.union([
  z.number().int().nonnegative(),
  z
    .string()
    .regex(/^\d+$/, "Expected a non-negative integer")
    .transform((value) => Number(value)),
]);

const optionalStringSchema = z
  .string()
  .nullish()
  .transform((value) => value ?? undefined);

export const timestampSchema = z.string().transform((value, ctx) => {
  const parsed = parseBookingTimestamp(value);
  if (parsed === undefined) {
    ctx.addIssue({ code: "custom", message: `Invalid timestamp ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return parsed;
});

const optionalTimestampSchema = z
  .union([timestampSchema, z.literal(""), z.null()])
  .optional()
  .transform((value) => (value instanceof Date ? value : undefined));

const participantTypeSchema = z.string().transform((value, ctx): ParticipantType => {
  const normalised = normaliseParticipantType(value);
  if (normalised === undefined) {
    ctx.addIssue({ code: "custom", message: `Unknown participant type ${JSON.stringify(value)}` });
    return z.NEVER;
  }
  return normalised;
});

const nextPageIdSchema = z
  .union([z.string(), z.number()])
  .nullish()
  .transform((value) => (value === null || value === undefined || value === "" ? null : String(value)));

/** Base64 as used by attachment downloads; whitespace (line breaks) is tolerated. */
const base64ContentSchema = z.string().transform((value, ctx) => {
  const compact = value.replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(compact)) {
    ctx.addIssue({ code: "custom", message: "Expected base64 content" });
    return z.NEVER;
  }
  return new Uint8Array(Buffer.from(compact, "base64"));
});

const idListSchema = z
  .array(requiredIdSchema)
  .nullish()
  .transform((value) => value ?? []);

// ---------------------------------------------------------------------------------------------------------
// Messages

const attributesSchema = z
  .object({
    self_service_topic: optionalStringSchema,
    template_id: optionalIdSchema,
    template_name: optionalStringSchema,
  })
  .nullish()
  .transform((raw): MessageAttributes | undefined => {
    if (!raw) return undefined;
    return dropUndefined({
      selfServiceTopic: raw.self_service_topic,
      templateId: raw.template_id,
      templateName: raw.template_name,
    });
  });

const messageContentSchema = z
  .string()
  .nullish()
  .transform((value) => value ?? "");

const senderSchema = z
  .object({
    participant_id: requiredIdSchema,
    metadata: z.object({
      // The queue documents `participant_type`; conversations use `type`. Accept either in both places.
      participant_type: participantTypeSchema.nullish(),
      type: participantTypeSchema.nullish(),
      name: optionalStringSchema,
    }),
  })
  .transform((raw, ctx) => {
    const type = raw.metadata.participant_type ?? raw.metadata.type ?? undefined;
    if (type === undefined) {
      ctx.addIssue({ code: "custom", message: "Missing participant type", path: ["metadata", "participant_type"] });
      return z.NEVER;
    }
    return dropUndefined({ participantId: raw.participant_id, type, name: raw.metadata.name });
  });

/** One message as the queue (GET /messages/latest) and search results return it. */
export const queueMessageSchema = z
  .object({
    message_id: requiredIdSchema,
    message_type: optionalStringSchema,
    content: messageContentSchema,
    timestamp: timestampSchema,
    attachment_ids: idListSchema,
    attributes: attributesSchema,
    reply_to: optionalIdSchema,
    // Search results put the property id on the message itself.
    property_id: optionalIdSchema,
    sender: senderSchema,
    conversation: z.object({
      property_id: optionalIdSchema,
      conversation_id: requiredIdSchema,
      conversation_reference: requiredIdSchema,
      conversation_type: z.string(),
    }),
  })
  .transform(
    (raw): QueueMessage =>
      dropUndefined({
        messageId: raw.message_id,
        messageType: raw.message_type,
        content: raw.content,
        timestamp: raw.timestamp,
        attachmentIds: raw.attachment_ids,
        attributes: raw.attributes,
        replyTo: raw.reply_to,
        sender: raw.sender,
        conversation: dropUndefined({
          propertyId: raw.conversation.property_id ?? raw.property_id,
          conversationId: raw.conversation.conversation_id,
          reference: raw.conversation.conversation_reference,
          type: raw.conversation.conversation_type,
        }),
      }),
  );

export const queueDataSchema = z
  .object({
    ok: okSchema,
    messages: z
      .array(queueMessageSchema)
      .nullish()
      .transform((value) => value ?? []),
    number_of_messages: nonNegativeIntegerSchema.nullish(),
    timestamp: optionalTimestampSchema,
  })
  .transform(
    (raw): QueueBatch =>
      dropUndefined({
        messages: raw.messages,
        numberOfMessages: raw.number_of_messages ?? raw.messages.length,
        requestTime: raw.timestamp,
      }),
  );

/** PUT /messages returns only `ok`; some answers may even omit `data`. */
export const confirmDataSchema = z
  .object({ ok: okSchema })
  .nullish()
  .transform(() => undefined);

// ---------------------------------------------------------------------------------------------------------
// Conversations

const readTagSchema = z
  .object({
    set: booleanLikeSchema.nullish(),
    participants: z.array(requiredIdSchema).nullish(),
  })
  .nullish();

const conversationMessageSchema = z.object({
  message_id: requiredIdSchema,
  message_type: optionalStringSchema,
  content: messageContentSchema,
  timestamp: timestampSchema,
  sender_id: requiredIdSchema,
  attachment_ids: idListSchema,
  // Observed by a third party on list-level messages in real responses (always empty there).
  attachment_files_uuid: idListSchema,
  attributes: attributesSchema,
  tags: z.object({ read: readTagSchema }).nullish(),
});

/** See the file comment: merges the docs' stray `{tags}`-only elements into the message before them. */
const conversationMessagesSchema = z.preprocess(
  mergeTagOnlyEntries,
  z
    .array(conversationMessageSchema)
    .nullish()
    .transform((value) => value ?? []),
);

const participantSchema = z
  .object({
    participant_id: requiredIdSchema,
    metadata: z.object({
      type: participantTypeSchema.nullish(),
      participant_type: participantTypeSchema.nullish(),
      name: optionalStringSchema,
      id: optionalIdSchema,
    }),
  })
  .transform((raw, ctx): ConversationParticipant => {
    const type = raw.metadata.type ?? raw.metadata.participant_type ?? undefined;
    if (type === undefined) {
      ctx.addIssue({ code: "custom", message: "Missing participant type", path: ["metadata", "type"] });
      return z.NEVER;
    }
    return dropUndefined({
      participantId: raw.participant_id,
      type,
      name: raw.metadata.name,
      propertyId: type === "property" ? raw.metadata.id : undefined,
    });
  });

export const conversationSchema = z
  .object({
    conversation_id: requiredIdSchema,
    conversation_reference: requiredIdSchema,
    conversation_type: z.string(),
    access: optionalStringSchema,
    participants: z
      .array(participantSchema)
      .nullish()
      .transform((value) => value ?? []),
    messages: conversationMessagesSchema,
    tags: z
      .object({ no_reply_needed: z.object({ set: booleanLikeSchema.nullish() }).nullish() })
      .nullish(),
  })
  .transform((raw): Conversation => {
    const typeByParticipant = new Map(raw.participants.map((p) => [p.participantId, p.type]));
    const messages = raw.messages.map(
      (message): ConversationMessage =>
        dropUndefined({
          messageId: message.message_id,
          messageType: message.message_type,
          content: message.content,
          timestamp: message.timestamp,
          senderId: message.sender_id,
          senderType: typeByParticipant.get(message.sender_id),
          attachmentIds: uniqueStrings([...message.attachment_ids, ...message.attachment_files_uuid]),
          attributes: message.attributes,
          readBy: message.tags?.read?.set === false ? [] : (message.tags?.read?.participants ?? []),
        }),
    );
    return dropUndefined({
      conversationId: raw.conversation_id,
      reference: raw.conversation_reference,
      type: raw.conversation_type,
      access: toAccess(raw.access),
      participants: raw.participants,
      messages,
      noReplyNeeded: raw.tags?.no_reply_needed?.set ?? undefined,
    });
  });

export const conversationListDataSchema = z
  .object({
    ok: okSchema,
    conversations: z
      .array(conversationSchema)
      .nullish()
      .transform((value) => value ?? []),
    next_page_id: nextPageIdSchema,
  })
  .transform((raw): ConversationListPage => ({ conversations: raw.conversations, nextPageId: raw.next_page_id }));

export const conversationPageDataSchema = z
  .object({
    ok: okSchema,
    conversation: conversationSchema,
    next_page_id: nextPageIdSchema,
  })
  .transform((raw): ConversationPage => ({ conversation: raw.conversation, nextPageId: raw.next_page_id }));

export const postMessageDataSchema = z
  .object({
    ok: okSchema,
    message_id: requiredIdSchema,
    guest_has_account: booleanLikeSchema.nullish(),
  })
  .transform(
    (raw): PostedMessage =>
      dropUndefined({ messageId: raw.message_id, guestHasAccount: raw.guest_has_account ?? undefined }),
  );

// ---------------------------------------------------------------------------------------------------------
// Tags

export const tagDataSchema = z
  .object({
    ok: okSchema,
    tag: z.string(),
    is_set: booleanLikeSchema,
  })
  .transform((raw): TagResult => ({ tag: raw.tag, isSet: raw.is_set }));

export const tagListDataSchema = z
  .object({
    ok: okSchema,
    tags: z.array(
      z.object({
        tag: z.string(),
        description: optionalStringSchema,
        usage: optionalStringSchema,
      }),
    ),
  })
  .transform((raw): TagDescription[] =>
    raw.tags.map((tag) => dropUndefined({ tag: tag.tag, description: tag.description, usage: tag.usage })),
  );

// ---------------------------------------------------------------------------------------------------------
// Attachments

export const attachmentUploadDataSchema = z
  .object({ ok: okSchema, attachment_id: requiredIdSchema })
  .transform((raw) => ({ attachmentId: raw.attachment_id }));

/** start → upload_id set, attachment_id null; resume → both null; finish → attachment_id set. */
export const attachmentChunkDataSchema = z
  .object({ ok: okSchema, upload_id: optionalIdSchema, attachment_id: optionalIdSchema })
  .transform((raw) => ({ uploadId: raw.upload_id ?? null, attachmentId: raw.attachment_id ?? null }));

export const attachmentDownloadDataSchema = z
  .object({
    ok: okSchema,
    file_content: base64ContentSchema,
    attachment_id: optionalIdSchema,
    conversation_id: optionalIdSchema,
  })
  .transform(
    (raw): DownloadedAttachment =>
      dropUndefined({ content: raw.file_content, attachmentId: raw.attachment_id, conversationId: raw.conversation_id }),
  );

export const attachmentInfoDataSchema = z
  .object({
    ok: okSchema,
    file_name: z.string(),
    file_type: z.string(),
    file_size: nonNegativeIntegerSchema,
  })
  .transform((raw): AttachmentInfo => ({ fileName: raw.file_name, fileType: raw.file_type, fileSize: raw.file_size }));

// ---------------------------------------------------------------------------------------------------------
// Search

export const searchJobDataSchema = z
  .object({
    ok: okSchema,
    job_id: requiredIdSchema,
    expires_at: optionalTimestampSchema,
  })
  .transform((raw): MessageSearchJob => dropUndefined({ jobId: raw.job_id, expiresAt: raw.expires_at }));

// Statuses meaning "not finished yet". The not-ready shape is undocumented (open question 4); any other
// status string, or none, counts as ready when messages are present.
const PENDING_SEARCH_STATUSES = new Set(["pending", "running", "processing", "in_progress", "queued", "not_ready", "started"]);

export const searchResultDataSchema = z
  .object({
    ok: okSchema,
    status: optionalStringSchema,
    messages: z.array(queueMessageSchema).nullish(),
    next_page_id: nextPageIdSchema,
  })
  .transform((raw): MessageSearchResultPage => {
    const status = raw.status;
    const pending = status !== undefined && PENDING_SEARCH_STATUSES.has(status.toLowerCase());
    const ready = !pending && Array.isArray(raw.messages);
    return dropUndefined({
      ready,
      status,
      messages: raw.messages ?? [],
      nextPageId: ready ? raw.next_page_id : null,
    });
  });

// ---------------------------------------------------------------------------------------------------------
// Token exchange (not wrapped in the usual envelope: the body is `{jwt, ruid}`)

export const tokenExchangeSchema = z.preprocess(
  // Tolerate the token arriving inside the usual `data` envelope, should Booking ever wrap it.
  (body) => (isRecord(body) && body.jwt === undefined && isRecord(body.data) ? { ruid: readRuid(body), ...body.data } : body),
  z
    .object({
      jwt: z.string().min(1),
      ruid: optionalStringSchema,
      expires_in: nonNegativeIntegerSchema.nullish(),
    })
    .transform((raw): TokenExchangeResult => dropUndefined({ jwt: raw.jwt, ruid: raw.ruid, expiresIn: raw.expires_in ?? undefined })),
);

// ---------------------------------------------------------------------------------------------------------
// Envelope parsing

/**
 * Validates `body` as `{meta?, data, errors?, warnings?}` and returns the normalised `data`. Throws an
 * invalid_response BookingApiError naming the endpoint and the field path of the first problem.
 */
export function parseEnvelope<Schema extends z.ZodType>(
  dataSchema: Schema,
  body: unknown,
  endpoint: BookingEndpoint,
  details: { status?: number; ambiguous?: boolean } = {},
): z.output<Schema> {
  const result = z.object({ data: dataSchema }).safeParse(body);
  // zod cannot infer the key type through the generic; the shape is exactly { data: output }.
  if (result.success) return (result.data as { data: z.output<Schema> }).data;
  throw invalidResponseError(result.error, body, endpoint, details);
}

/** Like parseEnvelope, for bodies that are not wrapped in the envelope (token exchange). */
export function parseBare<Schema extends z.ZodType>(
  schema: Schema,
  body: unknown,
  endpoint: BookingEndpoint,
  details: { status?: number; ambiguous?: boolean } = {},
): z.output<Schema> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  throw invalidResponseError(result.error, body, endpoint, details);
}

/** `meta.ruid` (or a top-level `ruid`, as the token exchange sends it), when present. */
export function readRuid(body: unknown): string | undefined {
  if (!isRecord(body)) return undefined;
  if (isRecord(body.meta) && typeof body.meta.ruid === "string" && body.meta.ruid !== "") return body.meta.ruid;
  if (typeof body.ruid === "string" && body.ruid !== "") return body.ruid;
  return undefined;
}

/**
 * Human-readable messages from an error body. The shape of a Messaging `errors[]` entry is undocumented
 * (open question 1), so accept strings and objects with any of the usual message fields.
 */
export function readErrorMessages(body: unknown): string[] {
  if (typeof body === "string") return body.trim() === "" ? [] : [body.trim().slice(0, 500)];
  if (!isRecord(body)) return [];
  const messages: string[] = [];
  if (Array.isArray(body.errors)) {
    for (const entry of body.errors) {
      const text = describeErrorEntry(entry);
      if (text !== undefined) messages.push(text);
    }
  }
  for (const key of ["message", "error", "error_description"] as const) {
    const value = body[key];
    if (typeof value === "string" && value.trim() !== "") messages.push(value.trim());
  }
  return messages;
}

/** `data.messages[0].timestamp`-style path for a zod issue path. */
export function formatFieldPath(path: readonly PropertyKey[]): string {
  let formatted = "";
  for (const segment of path) {
    if (typeof segment === "number") formatted += `[${segment}]`;
    else formatted += formatted === "" ? String(segment) : `.${String(segment)}`;
  }
  return formatted === "" ? "(body)" : formatted;
}

// ---------------------------------------------------------------------------------------------------------
// Helpers

/**
 * Parses Booking's timestamp forms into a Date. Returns undefined when the string is not one of them.
 * Zone-less timestamps are read as UTC (see the file comment).
 */
export function parseBookingTimestamp(value: string): Date | undefined {
  const match =
    /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(Z|[+-]\d{2}(?::?\d{2})?)?(?:\[([^\]]+)\])?$/i.exec(
      value.trim(),
    );
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second = "0", fraction = "", offset, zoneName] = match;
  const numbers = [year, month, day, hour, minute, second].map(Number);
  const [y = NaN, mo = NaN, d = NaN, h = NaN, mi = NaN, s = NaN] = numbers;
  const milliseconds = Number(fraction.padEnd(3, "0").slice(0, 3));

  let offsetMinutes = 0;
  if (offset !== undefined && offset.toUpperCase() !== "Z") {
    const sign = offset.startsWith("-") ? -1 : 1;
    const digits = offset.slice(1).replace(":", "");
    offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || "0"));
  } else if (offset === undefined && zoneName !== undefined && !/^(GMT|UTC|UT|Z|Etc\/(GMT|UTC))$/i.test(zoneName)) {
    // A named zone with no offset would need a time-zone database lookup; Booking only sends [GMT].
    return undefined;
  }

  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const epoch = Date.UTC(y, mo - 1, d, h, mi, s, milliseconds) - offsetMinutes * 60_000;
  const date = new Date(epoch);
  // Reject dates that Date.UTC silently rolled over (e.g. 31 February).
  if (Number.isNaN(epoch) || new Date(Date.UTC(y, mo - 1, d)).getUTCDate() !== d) return undefined;
  return date;
}

export function normaliseParticipantType(value: string): ParticipantType | undefined {
  const lower = value.trim().toLowerCase();
  if (lower === "guest") return "guest";
  if (lower === "property" || lower === "hotel") return "property";
  return undefined;
}

/**
 * The docs' conversation examples put `{"tags": {"read": …}}` in its own messages[] element. Fold such an
 * element into the message before it (the message it was evidently meant for); drop it if it comes first.
 */
function mergeTagOnlyEntries(value: unknown): unknown {
  if (!Array.isArray(value)) return value;
  const merged: unknown[] = [];
  for (const entry of value) {
    const isTagOnly = isRecord(entry) && Object.keys(entry).every((key) => key === "tags") && "tags" in entry;
    if (!isTagOnly) {
      merged.push(entry);
      continue;
    }
    const previous = merged[merged.length - 1];
    if (isRecord(previous) && isRecord(entry.tags)) {
      const ownTags = isRecord(previous.tags) ? previous.tags : {};
      merged[merged.length - 1] = { ...previous, tags: { ...entry.tags, ...ownTags } };
    }
  }
  return merged;
}

function invalidResponseError(
  error: z.ZodError,
  body: unknown,
  endpoint: BookingEndpoint,
  details: { status?: number; ambiguous?: boolean },
): BookingApiError {
  const issue = error.issues[0];
  const fieldPath = formatFieldPath(issue?.path ?? []);
  const reason = issue?.message ?? "does not match the expected shape";
  return new BookingApiError({
    kind: "invalid_response",
    endpoint,
    message: `Invalid response from ${endpoint}: ${fieldPath}: ${reason}`,
    fieldPath,
    status: details.status,
    ambiguous: details.ambiguous,
    ruid: readRuid(body),
    cause: error,
  });
}

function describeErrorEntry(entry: unknown): string | undefined {
  if (typeof entry === "string") return entry;
  if (!isRecord(entry)) return undefined;
  const text = [entry.message, entry.msg, entry.description, entry.detail, entry.title].find(
    (candidate): candidate is string => typeof candidate === "string" && candidate.trim() !== "",
  );
  const code = typeof entry.code === "string" || typeof entry.code === "number" ? String(entry.code) : undefined;
  if (text !== undefined && code !== undefined) return `${code}: ${text}`;
  return text ?? code;
}

function toAccess(value: string | undefined): ConversationAccess | undefined {
  return value === "read_only" || value === "read_write" ? value : undefined;
}

function uniqueStrings(values: string[]): string[] {
  return [...new Set(values)];
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Removes keys whose value is undefined so normalised objects compare cleanly and print without noise. */
function dropUndefined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) {
    if (value[key] === undefined) delete value[key];
  }
  return value;
}
