import { z } from "zod";
import { badRequest, notFound } from "../http/http-error";
import { parseJsonBody, type Reply, type RequestContext } from "../http/router";
import { CHUNKED_UPLOAD_MAX_BYTES, SINGLE_UPLOAD_MAX_BYTES, decodeStrictBase64, imageProblem } from "../world/images";
import type { ChunkUploadRecord, ConversationRecord } from "../world/types";
import { okReply } from "./envelope";
import { conversationScope, refuseInRequestToBook } from "./lookup";

// Attachments (Uploading and downloading attachments page): JPEG/PNG only, base64 inside JSON.
// - single upload: decoded content at most 1 MB; `file_size` must equal the decoded size;
// - chunked upload: files over 1 MB up to 10 MB, chunks of at most 1 MB numbered from 0
//   (start -> resume… -> finish). Any error discards the upload: the client must start again from
//   chunk 0 with action "start", as the docs demand.
// - download: base64 in JSON; `from`/`to` select a byte range. The docs are unclear (open question
//   8); our reading: `to` is inclusive (like HTTP ranges), a range is at most 5 MB, and files over
//   5 MB can only be fetched in ranges.
// `ok` is the string "true" on these endpoints; file_info has no `ok` in the docs and none here.

const ACCEPTED_TYPES = ["image/jpeg", "image/png"] as const;
export const DOWNLOAD_RANGE_MAX_BYTES = 5 * 1024 * 1024;

const singleUploadBody = z.object({
  attachment: z.object({
    file_name: z.string().min(1).max(255),
    file_content: z.string().min(1),
    file_type: z.string().min(1),
    file_size: z.number().int().positive(),
  }),
});

export function uploadAttachment(ctx: RequestContext): Reply {
  const { conversation } = conversationScope(ctx);
  refuseInRequestToBook(conversation, "Attachments");
  const { attachment } = parseJsonBody(ctx, singleUploadBody);
  const data = decodeStrictBase64(attachment.file_content);
  if (!data) throw badRequest("attachment.file_content is not valid base64.");
  if (data.length > SINGLE_UPLOAD_MAX_BYTES) {
    throw badRequest(`The file is ${data.length} bytes; a single upload takes at most ${SINGLE_UPLOAD_MAX_BYTES} bytes (1 MB). Use attachment_chunks for files up to 10 MB.`);
  }
  if (attachment.file_size !== data.length) {
    throw badRequest(`attachment.file_size is ${attachment.file_size} but the decoded content is ${data.length} bytes.`);
  }
  const problem = imageProblem({ declaredType: attachment.file_type, acceptedTypes: ACCEPTED_TYPES, data, maxBytes: SINGLE_UPLOAD_MAX_BYTES });
  if (problem) throw badRequest(problem);
  const id = storeAttachment(ctx, conversation, attachment.file_name, attachment.file_type, data);
  return okReply({ ok: "true", attachment_id: id });
}

function storeAttachment(ctx: RequestContext, conversation: ConversationRecord, fileName: string, fileType: string, data: Buffer): string {
  const createdAtMs = ctx.world.clock.stampEvent();
  const id = ctx.world.newTimeId(createdAtMs);
  ctx.world.attachments.set(id, { id, conversationId: conversation.id, fileName, fileType, data, createdAtMs });
  ctx.world.onChange();
  return id;
}

// The table types chunk_number and chunk_size as string; the examples send numbers. Accept both.
const numberish = z.union([z.number().int().min(0), z.string().regex(/^\d+$/, "must be a whole number").transform(Number)]);

const chunkBody = z.object({
  attachment: z.object({
    action: z.enum(["start", "resume", "finish"]),
    upload_id: z.string().min(1).nullish(),
    file_name: z.string().min(1).max(255).optional(),
    file_type: z.string().min(1).optional(),
    file_size: numberish.optional(),
    chunk: z.object({ chunk_number: numberish, chunk_content: z.string().min(1), chunk_size: numberish }),
  }),
});

export function uploadChunk(ctx: RequestContext): Reply {
  const { conversation } = conversationScope(ctx);
  refuseInRequestToBook(conversation, "Attachments");
  const { attachment } = parseJsonBody(ctx, chunkBody);
  const uploads = ctx.world.chunkUploads;
  const existing = attachment.upload_id ? uploads.get(attachment.upload_id) : undefined;
  // Every failure below ends the upload; the message tells the client how to recover.
  const fail = (reason: string): never => {
    if (existing) uploads.delete(existing.uploadId);
    throw badRequest(`${reason} The upload is discarded: start again from chunk 0 with action "start".`);
  };

  const data = decodeStrictBase64(attachment.chunk.chunk_content);
  if (!data) return fail("chunk.chunk_content is not valid base64.");
  if (data.length > SINGLE_UPLOAD_MAX_BYTES) return fail(`A chunk may hold at most ${SINGLE_UPLOAD_MAX_BYTES} bytes (1 MB); this one holds ${data.length}.`);
  if (attachment.chunk.chunk_size !== data.length) return fail(`chunk.chunk_size is ${attachment.chunk.chunk_size} but the chunk holds ${data.length} bytes.`);

  if (attachment.action === "start") {
    if (attachment.upload_id) return fail('action "start" takes no upload_id.');
    if (attachment.chunk.chunk_number !== 0) return fail(`action "start" must send chunk 0, not chunk ${attachment.chunk.chunk_number}.`);
    const { file_name: fileName, file_type: fileType, file_size: fileSize } = attachment;
    if (!fileName || !fileType || fileSize === undefined) return fail('action "start" needs file_name, file_type and file_size.');
    if (!ACCEPTED_TYPES.includes(fileType as (typeof ACCEPTED_TYPES)[number])) return fail(`file_type "${fileType}" is not allowed; only image/jpeg and image/png.`);
    if (fileSize <= SINGLE_UPLOAD_MAX_BYTES || fileSize > CHUNKED_UPLOAD_MAX_BYTES) {
      return fail(`file_size must be over ${SINGLE_UPLOAD_MAX_BYTES} bytes (1 MB) and at most ${CHUNKED_UPLOAD_MAX_BYTES} bytes (10 MB) for a chunked upload; got ${fileSize}.`);
    }
    if (data.length >= fileSize) return fail("The first chunk already holds the whole file; a chunked upload needs several chunks.");
    const upload: ChunkUploadRecord = {
      uploadId: ctx.world.newTimeId(),
      conversationId: conversation.id,
      fileName,
      fileType,
      fileSize,
      nextChunk: 1,
      chunks: [data],
      receivedBytes: data.length,
    };
    const problem = imageProblem({ declaredType: fileType, acceptedTypes: ACCEPTED_TYPES, data, maxBytes: CHUNKED_UPLOAD_MAX_BYTES });
    if (problem) return fail(problem);
    uploads.set(upload.uploadId, upload);
    return okReply({ attachment_id: null, upload_id: upload.uploadId, ok: "true" });
  }

  if (!attachment.upload_id) return fail(`action "${attachment.action}" needs the upload_id returned by "start".`);
  if (!existing || existing.conversationId !== conversation.id) return fail(`Unknown upload_id "${attachment.upload_id}" (it may have been discarded after an error).`);
  if (attachment.chunk.chunk_number !== existing.nextChunk) {
    return fail(`Expected chunk ${existing.nextChunk}, got chunk ${attachment.chunk.chunk_number}.`);
  }
  const received = existing.receivedBytes + data.length;
  if (received > existing.fileSize) return fail(`The chunks add up to ${received} bytes, more than file_size ${existing.fileSize}.`);
  if (attachment.action === "resume") {
    if (received === existing.fileSize) return fail('This chunk completes the file; send it with action "finish".');
    existing.chunks.push(data);
    existing.receivedBytes = received;
    existing.nextChunk += 1;
    return okReply({ attachment_id: null, upload_id: null, ok: "true" });
  }
  if (received !== existing.fileSize) return fail(`"finish" leaves the file incomplete: ${received} of ${existing.fileSize} bytes received.`);
  const file = Buffer.concat([...existing.chunks, data]);
  const problem = imageProblem({ declaredType: existing.fileType, acceptedTypes: ACCEPTED_TYPES, data: file, maxBytes: CHUNKED_UPLOAD_MAX_BYTES });
  if (problem) return fail(problem);
  uploads.delete(existing.uploadId);
  const id = storeAttachment(ctx, conversation, existing.fileName, existing.fileType, file);
  return okReply({ attachment_id: id, upload_id: null, ok: "true" });
}

function findAttachment(ctx: RequestContext, conversation: ConversationRecord) {
  const id = ctx.params.attachmentId ?? "";
  const attachment = ctx.world.attachments.get(id);
  if (!attachment || attachment.conversationId !== conversation.id) throw notFound(`Attachment ${id} not found in conversation ${conversation.id}.`);
  return attachment;
}

function byteOffset(ctx: RequestContext, name: "from" | "to"): number | null {
  const raw = ctx.query.get(name);
  if (raw === null || raw === "") return null;
  if (!/^\d{1,12}$/.test(raw)) throw badRequest(`${name} must be a non-negative whole number of bytes, got "${raw}".`);
  return Number(raw);
}

export function downloadAttachment(ctx: RequestContext): Reply {
  const { conversation } = conversationScope(ctx);
  const attachment = findAttachment(ctx, conversation);
  const size = attachment.data.length;
  const from = byteOffset(ctx, "from");
  const to = byteOffset(ctx, "to");
  let start = 0;
  let endInclusive = size - 1;
  if (from === null && to === null) {
    if (size > DOWNLOAD_RANGE_MAX_BYTES) {
      throw badRequest(`This file is ${size} bytes; files over 5 MB must be downloaded in ranges with from and to (at most ${DOWNLOAD_RANGE_MAX_BYTES} bytes each).`);
    }
  } else {
    start = from ?? 0;
    if (start >= size) throw badRequest(`from=${start} is past the end of the file (${size} bytes).`);
    endInclusive = Math.min(to ?? Math.min(size, start + DOWNLOAD_RANGE_MAX_BYTES) - 1, size - 1);
    if (endInclusive < start) throw badRequest(`to (${to}) must not be before from (${start}).`);
    if (endInclusive - start + 1 > DOWNLOAD_RANGE_MAX_BYTES) throw badRequest(`A range may cover at most ${DOWNLOAD_RANGE_MAX_BYTES} bytes (5 MB).`);
  }
  return okReply({
    ok: "true",
    file_content: attachment.data.subarray(start, endInclusive + 1).toString("base64"),
    attachment_id: attachment.id,
    conversation_id: conversation.id,
  });
}

export function attachmentFileInfo(ctx: RequestContext): Reply {
  const { conversation } = conversationScope(ctx);
  const attachment = findAttachment(ctx, conversation);
  return okReply({ file_type: attachment.fileType, file_name: attachment.fileName, file_size: attachment.data.length });
}
