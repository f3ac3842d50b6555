// The Booking.com property-side (Connectivity) Messaging API client. Each method is one documented
// endpoint; every response is parsed into the domain types of types.ts (see schemas.ts for the quirks).
//
// Retry policy, per endpoint (ENDPOINT_POLICIES below): only calls that are safe to repeat are retried, with
// exponential backoff and full jitter on 429 (honouring Retry-After), 5xx, network errors and timeouts:
// - reads (queue read, conversations, file_info, download, search and its results): repeating changes nothing;
// - tag PUT/DELETE: idempotent (setting a tag twice leaves it set).
// Never retried here:
// - POST message: Booking has no idempotency key, so a retry after an unknown outcome can double-send.
// - PUT confirm: it removes "the next N" messages; a repeat after an applied confirm drops unread messages.
// - attachment uploads: the chunk protocol restarts from chunk 0 (done as a whole in attachments.ts).
// Failures of those calls carry `ambiguous` so the sync engine can reconcile instead of guessing.
//
// A 401 on a bearer token drops the cached token and repeats the call once with a fresh one, whatever the
// endpoint: a 401 means the request was refused, so repeating it cannot apply anything twice.

import type { z } from "zod";
import {
  downloadRanges,
  singleUploadBody,
  uploadInChunks,
  CHUNKED_UPLOAD_MAX_BYTES,
  DOWNLOAD_RANGE_MAX_BYTES,
  SINGLE_UPLOAD_MAX_BYTES,
  type AttachmentFile,
} from "./attachments";
import { createAuthProvider, type AuthProvider, type BookingAuthConfig, type TokenStore } from "./auth";
import { BookingApiError, type BookingEndpoint } from "./errors";
import { backoffDelayMs, DEFAULT_RETRY_POLICY, type RetryPolicy } from "./retry";
import {
  attachmentChunkDataSchema,
  attachmentDownloadDataSchema,
  attachmentInfoDataSchema,
  attachmentUploadDataSchema,
  confirmDataSchema,
  conversationListDataSchema,
  conversationPageDataSchema,
  parseEnvelope,
  postMessageDataSchema,
  queueDataSchema,
  searchJobDataSchema,
  searchResultDataSchema,
  tagDataSchema,
  tagListDataSchema,
} from "./schemas";
import { sendHttpAttempt, type BookingRequestEvent, type HttpMethod, type HttpResult } from "./transport";
import type {
  AttachmentInfo,
  ConversationListPage,
  ConversationPage,
  ConversationType,
  DownloadedAttachment,
  MessageSearchJob,
  MessageSearchResultPage,
  PostedMessage,
  QueueBatch,
  TagDescription,
  TagResult,
} from "./types";

export const REAL_MESSAGING_BASE_URL = "https://supply-xml.booking.com/messaging";
export const DEFAULT_ACCEPT_VERSION = "1.2";
export const DEFAULT_TIMEOUT_MS = 15_000;

export interface BookingClientConfig {
  /** `https://supply-xml.booking.com/messaging` (the default) or the sandbox's `http://127.0.0.1:PORT/messaging`. */
  baseUrl?: string;
  auth: BookingAuthConfig;
  /** Sent as `Accept-Version`. "1.2" adds message types, attributes and guest names; "1.0" responses parse too. */
  acceptVersion?: string;
  /** Per-attempt timeout, covering the response body as well. */
  timeoutMs?: number;
  /** Token auth: shares tokens and the hourly budget with other clients of the machine account (auth.ts). */
  tokenStore?: TokenStore;
  retry?: Partial<RetryPolicy>;
  /** How many times a chunked upload restarts from chunk 0 after a transient failure. */
  maxUploadRestarts?: number;
  fetch?: typeof fetch;
  /** Milliseconds since the epoch; injectable so token expiry and Retry-After dates can be tested. */
  now?: () => number;
  /** Waits between retries; tests inject a short one. */
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
  /** Source of jitter in [0, 1). */
  random?: () => number;
  /** Called after every HTTP attempt, successful or not. Exceptions thrown by it are ignored. */
  onRequest?: (event: BookingRequestEvent) => void;
}

export interface CallOptions {
  /** Aborts the call (no further retries). */
  signal?: AbortSignal;
  /** Overrides the client's timeout for this call (e.g. large uploads). */
  timeoutMs?: number;
}

export interface PropertyRef {
  propertyId: string | number;
}

export interface ConversationRef extends PropertyRef {
  conversationId: string;
}

export interface MessageReadTagInput extends ConversationRef {
  messageIds: string[];
  /** The participant the messages are read by: the property's participant id when marking guest messages. */
  participantId: string;
}

export interface AttachmentRef extends ConversationRef {
  attachmentId: string;
}

export interface MessageSearchQuery {
  /** Inclusive lower bound; must be in the past. */
  after?: Date;
  /** Inclusive upper bound; must be in the past. The window is at most 90 days. */
  before?: Date;
  propertyId?: string | number;
  orderBy?: "asc" | "desc";
}

interface EndpointPolicy {
  /** Whether repeating the call after a transient failure is safe. */
  retrySafe: boolean;
  /** Whether the call changes state at Booking (decides `ambiguous` on unknown outcomes). */
  mutating: boolean;
}

const READ: EndpointPolicy = { retrySafe: true, mutating: false };
const IDEMPOTENT_WRITE: EndpointPolicy = { retrySafe: true, mutating: true };
const UNSAFE_WRITE: EndpointPolicy = { retrySafe: false, mutating: true };

const ENDPOINT_POLICIES: Record<BookingEndpoint, EndpointPolicy> = {
  "auth.tokenExchange": UNSAFE_WRITE, // handled by auth.ts, listed for completeness
  "messages.latest": READ,
  "messages.confirm": UNSAFE_WRITE,
  // Starting a search creates a job, but a second job is harmless: nothing visible changes.
  "messages.search": READ,
  "messages.searchResult": READ,
  "conversations.list": READ,
  "conversations.get": READ,
  "conversations.getByReference": READ,
  "conversations.postMessage": UNSAFE_WRITE,
  "tags.list": READ,
  "tags.setNoReplyNeeded": IDEMPOTENT_WRITE,
  "tags.clearNoReplyNeeded": IDEMPOTENT_WRITE,
  "tags.markRead": IDEMPOTENT_WRITE,
  "tags.unmarkRead": IDEMPOTENT_WRITE,
  "attachments.upload": UNSAFE_WRITE,
  "attachments.uploadChunk": UNSAFE_WRITE,
  "attachments.download": READ,
  "attachments.fileInfo": READ,
};

interface RequestSpec<T> {
  endpoint: BookingEndpoint;
  method: HttpMethod;
  path: string;
  query?: Record<string, string | number | undefined>;
  body?: unknown;
  parse: (result: HttpResult) => T;
  options?: CallOptions;
}

export function createBookingClient(config: BookingClientConfig): BookingClient {
  return new BookingClient(config);
}

export class BookingClient {
  private readonly baseUrl: string;
  private readonly acceptVersion: string;
  private readonly timeoutMs: number;
  private readonly retryPolicy: RetryPolicy;
  private readonly maxUploadRestarts: number;
  private readonly fetchImpl: typeof fetch;
  private readonly now: () => number;
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  private readonly random: () => number;
  private readonly onRequest?: (event: BookingRequestEvent) => void;
  private readonly auth: AuthProvider;

  constructor(config: BookingClientConfig) {
    this.baseUrl = (config.baseUrl ?? REAL_MESSAGING_BASE_URL).replace(/\/+$/, "");
    this.acceptVersion = config.acceptVersion ?? DEFAULT_ACCEPT_VERSION;
    this.timeoutMs = config.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.retryPolicy = { ...DEFAULT_RETRY_POLICY, ...config.retry };
    this.maxUploadRestarts = config.maxUploadRestarts ?? 2;
    // Bind: calling a detached global fetch throws "Illegal invocation" in some runtimes.
    this.fetchImpl = config.fetch ?? ((input, init) => fetch(input, init));
    this.now = config.now ?? Date.now;
    this.sleep = config.sleep ?? sleepFor;
    this.random = config.random ?? Math.random;
    this.onRequest = config.onRequest;
    this.auth = createAuthProvider(config.auth, {
      fetch: this.fetchImpl,
      now: this.now,
      onRequest: this.onRequest,
      timeoutMs: this.timeoutMs,
      ...(config.tokenStore ? { tokenStore: config.tokenStore } : {}),
    });
  }

  // ----- Queue -------------------------------------------------------------------------------------------

  /** GET /messages/latest: up to 100 messages from the machine account's queue (guest and property). */
  readQueue(options?: CallOptions): Promise<QueueBatch> {
    return this.request({
      endpoint: "messages.latest",
      method: "GET",
      path: "/messages/latest",
      parse: (result) => this.parse(queueDataSchema, result, "messages.latest"),
      options,
    });
  }

  /**
   * PUT /messages?number_of_messages=N: removes the first N messages from the queue. Pass exactly
   * `QueueBatch.numberOfMessages` after storing the batch. Confirming 0 sends nothing.
   * Never retried: if the outcome is unknown (`ambiguous`), read the queue again and de-duplicate.
   */
  async confirmQueue(numberOfMessages: number, options?: CallOptions): Promise<void> {
    if (!Number.isInteger(numberOfMessages) || numberOfMessages < 0) {
      throw localBadRequest("messages.confirm", `numberOfMessages must be a non-negative integer, got ${numberOfMessages}`);
    }
    if (numberOfMessages === 0) return;
    await this.request({
      endpoint: "messages.confirm",
      method: "PUT",
      path: "/messages",
      query: { number_of_messages: numberOfMessages },
      parse: (result) => this.parse(confirmDataSchema, result, "messages.confirm"),
      options,
    });
  }

  // ----- Conversations -----------------------------------------------------------------------------------

  /** GET /properties/{id}/conversations: 50 per page, most recent activity first, latest message only. */
  listConversations(input: PropertyRef & { pageId?: string }, options?: CallOptions): Promise<ConversationListPage> {
    return this.request({
      endpoint: "conversations.list",
      method: "GET",
      path: `/properties/${segment(input.propertyId)}/conversations`,
      query: { page_id: input.pageId },
      parse: (result) => this.parse(conversationListDataSchema, result, "conversations.list"),
      options,
    });
  }

  /** GET /properties/{id}/conversations/{conversationId}: messages newest first, 50 per page. */
  getConversation(input: ConversationRef & { pageId?: string }, options?: CallOptions): Promise<ConversationPage> {
    return this.request({
      endpoint: "conversations.get",
      method: "GET",
      path: `/properties/${segment(input.propertyId)}/conversations/${segment(input.conversationId)}`,
      query: { page_id: input.pageId },
      parse: (result) => this.parse(conversationPageDataSchema, result, "conversations.get"),
      options,
    });
  }

  /**
   * GET /properties/{id}/conversations/type/{type}?conversation_reference=…: the conversation of a
   * reservation (or request-to-book). The documented way to find the conversation id for a new booking.
   */
  getConversationByReference(
    input: PropertyRef & { conversationType: ConversationType; reference: string | number; pageId?: string },
    options?: CallOptions,
  ): Promise<ConversationPage> {
    return this.request({
      endpoint: "conversations.getByReference",
      method: "GET",
      path: `/properties/${segment(input.propertyId)}/conversations/type/${segment(input.conversationType)}`,
      query: { conversation_reference: String(input.reference), page_id: input.pageId },
      parse: (result) => this.parse(conversationPageDataSchema, result, "conversations.getByReference"),
      options,
    });
  }

  /**
   * POST /properties/{id}/conversations/{conversationId}. Never retried (no idempotency key at Booking).
   * On failure check `error.ambiguous`: true means the message may have been sent, so read the
   * conversation back before trying again.
   */
  async postMessage(
    input: ConversationRef & { content: string; attachmentIds?: string[] },
    options?: CallOptions,
  ): Promise<PostedMessage> {
    if (input.content.trim() === "") {
      // Booking refuses attachments without text; catch it before spending a request.
      throw localBadRequest("conversations.postMessage", "A message needs text content (even with attachments)");
    }
    const message: { content: string; attachment_ids?: string[] } = { content: input.content };
    if (input.attachmentIds && input.attachmentIds.length > 0) message.attachment_ids = input.attachmentIds;
    return this.request({
      endpoint: "conversations.postMessage",
      method: "POST",
      path: `/properties/${segment(input.propertyId)}/conversations/${segment(input.conversationId)}`,
      body: { message },
      parse: (result) => this.parse(postMessageDataSchema, result, "conversations.postMessage"),
      options,
    });
  }

  // ----- Tags --------------------------------------------------------------------------------------------

  /** GET /properties/{id}/tags: the tag catalogue. */
  listTags(input: PropertyRef, options?: CallOptions): Promise<TagDescription[]> {
    return this.request({
      endpoint: "tags.list",
      method: "GET",
      path: `/properties/${segment(input.propertyId)}/tags`,
      parse: (result) => this.parse(tagListDataSchema, result, "tags.list"),
      options,
    });
  }

  /** PUT …/tags/no_reply_needed (no body). */
  setNoReplyNeeded(input: ConversationRef, options?: CallOptions): Promise<TagResult> {
    return this.tagRequest("tags.setNoReplyNeeded", "PUT", input, "no_reply_needed", undefined, options);
  }

  /** DELETE …/tags/no_reply_needed (no body). */
  clearNoReplyNeeded(input: ConversationRef, options?: CallOptions): Promise<TagResult> {
    return this.tagRequest("tags.clearNoReplyNeeded", "DELETE", input, "no_reply_needed", undefined, options);
  }

  /** PUT …/tags/message_read with `{message_ids, participant_id}`. Booking answers with tag `read`. */
  markMessagesRead(input: MessageReadTagInput, options?: CallOptions): Promise<TagResult> {
    return this.tagRequest("tags.markRead", "PUT", input, "message_read", readTagBody(input), options);
  }

  /**
   * DELETE …/tags/message_read with the same JSON body (a DELETE with a body). Booking's `is_set` in this
   * answer is unreliable (docs: false, observed: true); re-read the conversation if it matters.
   */
  unmarkMessagesRead(input: MessageReadTagInput, options?: CallOptions): Promise<TagResult> {
    return this.tagRequest("tags.unmarkRead", "DELETE", input, "message_read", readTagBody(input), options);
  }

  // ----- Attachments -------------------------------------------------------------------------------------

  /**
   * Uploads an image (`image/jpeg` or `image/png`) and returns its attachment id, to be sent with
   * postMessage. Files up to 1 MB go in one request; larger files (up to 10 MB) use the chunked protocol,
   * which restarts from chunk 0 after a transient failure (maxUploadRestarts). Never retried otherwise.
   */
  async uploadAttachment(input: ConversationRef & AttachmentFile, options?: CallOptions): Promise<{ attachmentId: string }> {
    const size = input.content.byteLength;
    if (size === 0) throw localBadRequest("attachments.upload", "The attachment is empty");
    if (size > CHUNKED_UPLOAD_MAX_BYTES) {
      throw localBadRequest("attachments.upload", `The attachment is ${size} bytes; Booking accepts at most ${CHUNKED_UPLOAD_MAX_BYTES}`);
    }
    const conversationPath = `/properties/${segment(input.propertyId)}/conversations/${segment(input.conversationId)}`;
    if (size <= SINGLE_UPLOAD_MAX_BYTES) {
      return this.request({
        endpoint: "attachments.upload",
        method: "POST",
        path: `${conversationPath}/attachments`,
        body: singleUploadBody(input),
        parse: (result) => this.parse(attachmentUploadDataSchema, result, "attachments.upload"),
        options,
      });
    }
    const attachmentId = await uploadInChunks(
      input,
      (body) =>
        this.request({
          endpoint: "attachments.uploadChunk",
          method: "POST",
          path: `${conversationPath}/attachment_chunks`,
          body,
          parse: (result) => this.parse(attachmentChunkDataSchema, result, "attachments.uploadChunk"),
          options,
        }),
      {
        maxRestarts: this.maxUploadRestarts,
        retryPolicy: this.retryPolicy,
        sleep: (ms) => this.sleep(ms, options?.signal),
        random: this.random,
      },
    );
    return { attachmentId };
  }

  /**
   * GET …/attachments/{attachmentId}, optionally a byte range with `from`/`to` (Booking requires ranges
   * above 5 MB). Returns the decoded bytes.
   */
  downloadAttachment(input: AttachmentRef & { from?: number; to?: number }, options?: CallOptions): Promise<DownloadedAttachment> {
    return this.request({
      endpoint: "attachments.download",
      method: "GET",
      path: `/properties/${segment(input.propertyId)}/conversations/${segment(input.conversationId)}/attachments/${segment(input.attachmentId)}`,
      query: { from: input.from, to: input.to },
      parse: (result) => this.parse(attachmentDownloadDataSchema, result, "attachments.download"),
      options,
    });
  }

  /**
   * Downloads a whole attachment of any size: one request up to 5 MB, else consecutive `from`/`to`
   * ranges. Pass `fileSize` if known (from getAttachmentInfo); otherwise file_info is asked first. The
   * assembled size is checked against it.
   */
  async downloadWholeAttachment(
    input: AttachmentRef & { fileSize?: number; rangeBytes?: number },
    options?: CallOptions,
  ): Promise<DownloadedAttachment> {
    const { fileSize: knownSize, rangeBytes = DOWNLOAD_RANGE_MAX_BYTES, ...ref } = input;
    const fileSize = knownSize ?? (await this.getAttachmentInfo(ref, options)).fileSize;
    if (fileSize <= rangeBytes) {
      const whole = await this.downloadAttachment(ref, options);
      return checkDownloadedSize(whole, fileSize);
    }
    const parts: Uint8Array[] = [];
    let first: DownloadedAttachment | undefined;
    for (const range of downloadRanges(fileSize, rangeBytes)) {
      const part = await this.downloadAttachment({ ...ref, ...range }, options);
      first ??= part;
      parts.push(part.content);
    }
    return checkDownloadedSize({ ...first, content: new Uint8Array(Buffer.concat(parts)) }, fileSize);
  }

  /** GET …/attachments/{attachmentId}/file_info: name, MIME type and size in bytes. */
  getAttachmentInfo(input: AttachmentRef, options?: CallOptions): Promise<AttachmentInfo> {
    return this.request({
      endpoint: "attachments.fileInfo",
      method: "GET",
      path: `/properties/${segment(input.propertyId)}/conversations/${segment(input.conversationId)}/attachments/${segment(input.attachmentId)}/file_info`,
      parse: (result) => this.parse(attachmentInfoDataSchema, result, "attachments.fileInfo"),
      options,
    });
  }

  // ----- Search (recovery) -------------------------------------------------------------------------------

  /**
   * GET /messages/search: starts an asynchronous query and returns its job id. At least one criterion is
   * required. Booking warns these queries are slow and meant for recovering missed messages only.
   */
  async startMessageSearch(query: MessageSearchQuery, options?: CallOptions): Promise<MessageSearchJob> {
    if (query.after === undefined && query.before === undefined && query.propertyId === undefined && query.orderBy === undefined) {
      throw localBadRequest("messages.search", "A message search needs at least one of after, before, propertyId, orderBy");
    }
    return this.request({
      endpoint: "messages.search",
      method: "GET",
      path: "/messages/search",
      query: {
        after: query.after?.toISOString(),
        before: query.before?.toISOString(),
        property_id: query.propertyId,
        order_by: query.orderBy,
      },
      parse: (result) => this.parse(searchJobDataSchema, result, "messages.search"),
      options,
    });
  }

  /** GET /messages/search/result/{jobId}: one page of results, or `ready: false` while the job runs. */
  getMessageSearchResult(input: { jobId: string; pageId?: string }, options?: CallOptions): Promise<MessageSearchResultPage> {
    return this.request({
      endpoint: "messages.searchResult",
      method: "GET",
      path: `/messages/search/result/${segment(input.jobId)}`,
      query: { page_id: input.pageId },
      parse: (result) => this.parse(searchResultDataSchema, result, "messages.searchResult"),
      options,
    });
  }

  // ----- Plumbing ----------------------------------------------------------------------------------------

  private tagRequest(
    endpoint: BookingEndpoint,
    method: "PUT" | "DELETE",
    input: ConversationRef,
    tag: "no_reply_needed" | "message_read",
    body: unknown,
    options: CallOptions | undefined,
  ): Promise<TagResult> {
    return this.request({
      endpoint,
      method,
      path: `/properties/${segment(input.propertyId)}/conversations/${segment(input.conversationId)}/tags/${tag}`,
      body,
      parse: (result) => this.parse(tagDataSchema, result, endpoint),
      options,
    });
  }

  private parse<Schema extends z.ZodType>(schema: Schema, result: HttpResult, endpoint: BookingEndpoint): z.output<Schema> {
    // A 2xx that we cannot read on a state-changing call most likely took effect: flag it for reconciliation.
    return parseEnvelope(schema, result.body, endpoint, {
      status: result.status,
      ambiguous: ENDPOINT_POLICIES[endpoint].mutating,
    });
  }

  private async request<T>(spec: RequestSpec<T>): Promise<T> {
    const policy = ENDPOINT_POLICIES[spec.endpoint];
    const maxAttempts = policy.retrySafe ? Math.max(1, this.retryPolicy.maxAttempts) : 1;
    const signal = spec.options?.signal;
    const url = this.url(spec.path, spec.query);
    const body = spec.body === undefined ? undefined : JSON.stringify(spec.body);
    let attemptsUsed = 0; // counts towards maxAttempts
    let sent = 0; // numbers the onRequest events
    let refreshedToken = false;

    for (;;) {
      attemptsUsed++;
      try {
        const authorization = await this.auth.authorization();
        const headers: Record<string, string> = {
          Accept: "application/json",
          "Accept-Version": this.acceptVersion,
          Authorization: authorization,
        };
        if (body !== undefined) headers["Content-Type"] = "application/json";
        sent++;
        let result: HttpResult;
        try {
          result = await sendHttpAttempt(
            { fetch: this.fetchImpl, now: this.now, onRequest: this.onRequest },
            {
              endpoint: spec.endpoint,
              method: spec.method,
              url,
              headers,
              body,
              timeoutMs: spec.options?.timeoutMs ?? this.timeoutMs,
              mutating: policy.mutating,
              attempt: sent,
              signal,
            },
          );
        } catch (error) {
          // A refused token: fetch a new one and try once more. This does not use up a retry, and is safe
          // even for non-idempotent calls because a 401 means nothing was applied.
          if (
            error instanceof BookingApiError &&
            error.kind === "authentication" &&
            !refreshedToken &&
            authorization.startsWith("Bearer ") &&
            this.auth.invalidate(authorization)
          ) {
            refreshedToken = true;
            attemptsUsed--;
            continue;
          }
          throw error;
        }
        return spec.parse(result);
      } catch (error) {
        const waitMs = this.retryWaitMs(error, attemptsUsed, maxAttempts, signal);
        if (waitMs === undefined) throw error;
        try {
          await this.sleep(waitMs, signal);
        } catch {
          throw error; // aborted while waiting: report the failure we had, not the abort
        }
      }
    }
  }

  /** How long to wait before the next attempt, or undefined to give up and throw. */
  private retryWaitMs(error: unknown, attemptsUsed: number, maxAttempts: number, signal: AbortSignal | undefined): number | undefined {
    if (!(error instanceof BookingApiError) || !error.isTransient) return undefined;
    if (attemptsUsed >= maxAttempts || signal?.aborted) return undefined;
    if (error.retryAfterMs !== undefined) {
      // Booking told us when; waiting longer than our ceiling belongs to a scheduler, not a held request.
      return error.retryAfterMs <= this.retryPolicy.maxRetryAfterMs ? error.retryAfterMs : undefined;
    }
    return backoffDelayMs(this.retryPolicy, attemptsUsed - 1, this.random);
  }

  private url(path: string, query: Record<string, string | number | undefined> | undefined): string {
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(query ?? {})) {
      if (value !== undefined) params.set(key, String(value));
    }
    const search = params.toString();
    return `${this.baseUrl}${path}${search === "" ? "" : `?${search}`}`;
  }
}

function checkDownloadedSize(download: DownloadedAttachment, expectedBytes: number): DownloadedAttachment {
  if (download.content.byteLength === expectedBytes) return download;
  throw new BookingApiError({
    kind: "invalid_response",
    endpoint: "attachments.download",
    fieldPath: "data.file_content",
    message: `Invalid response from attachments.download: data.file_content: got ${download.content.byteLength} bytes, file_info says ${expectedBytes}`,
  });
}

function readTagBody(input: MessageReadTagInput) {
  return { message_ids: input.messageIds, participant_id: input.participantId };
}

function segment(value: string | number): string {
  return encodeURIComponent(String(value));
}

function localBadRequest(endpoint: BookingEndpoint, message: string): BookingApiError {
  // Refused before sending anything, so never ambiguous.
  return new BookingApiError({ kind: "bad_request", endpoint, message, ambiguous: false });
}

function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
