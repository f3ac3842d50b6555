// Attachment upload protocol. Booking takes images as base64 inside JSON: one request up to 1 MB, or a
// chunked upload (start → resume… → finish) for files over 1 MB up to 10 MB. Any chunk error means starting
// again from chunk 0 with `start`, so individual chunk requests are never retried; instead the whole upload
// restarts. Restarting is safe: an upload alone sends nothing to the guest (that takes a message posting the
// attachment id), so the worst case is an orphaned upload at Booking.

import { BookingApiError } from "./errors";
import { backoffDelayMs, type RetryPolicy } from "./retry";

/**
 * "1 MB" is not defined further by Booking. The single-upload limit and the chunked minimum use the same
 * threshold so every size has exactly one path; chunks use a decimal megabyte so they fit under either
 * reading of "≤ 1 MB".
 */
export const SINGLE_UPLOAD_MAX_BYTES = 1024 * 1024;
export const CHUNKED_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;
export const UPLOAD_CHUNK_BYTES = 1_000_000;
/**
 * Booking: "Maximum allowed size of a chunk is 5MB"; larger files must be downloaded with from/to.
 * Whether `to` is inclusive is undocumented (open question 8); we read it as inclusive, like HTTP ranges
 * (as the sandbox does), and verify the assembled size against file_info so a wrong reading fails loudly.
 */
export const DOWNLOAD_RANGE_MAX_BYTES = 5 * 1024 * 1024;

export interface AttachmentFile {
  fileName: string;
  /** Booking accepts `image/jpeg` and `image/png`; other types are left to Booking to refuse. */
  fileType: string;
  content: Uint8Array;
}

export type ChunkAction = "start" | "resume" | "finish";

/** The JSON body of one chunk request, in Booking's field names. */
export interface ChunkRequestBody {
  attachment: {
    action: ChunkAction;
    upload_id?: string;
    file_name: string;
    file_type: string;
    file_size: number;
    chunk: { chunk_number: number; chunk_content: string; chunk_size: number };
  };
}

export interface ChunkResponse {
  uploadId: string | null;
  attachmentId: string | null;
}

export interface ChunkedUploadOptions {
  /** Whole-upload restarts after a transient chunk failure (each restarts at chunk 0). */
  maxRestarts: number;
  retryPolicy: RetryPolicy;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  chunkBytes?: number;
}

export function singleUploadBody(file: AttachmentFile) {
  return {
    attachment: {
      file_name: file.fileName,
      file_content: Buffer.from(file.content).toString("base64"),
      file_type: file.fileType,
      file_size: file.content.byteLength,
    },
  };
}

/**
 * Runs the chunked protocol with `sendChunk` doing one HTTP request per chunk. Returns the attachment id.
 * Transient failures (outage, timeout, 429) restart the upload from chunk 0, up to `maxRestarts` times;
 * other failures (a 400 for a bad file, auth) are thrown at once since a restart would fail the same way.
 */
export async function uploadInChunks(
  file: AttachmentFile,
  sendChunk: (body: ChunkRequestBody) => Promise<ChunkResponse>,
  options: ChunkedUploadOptions,
): Promise<string> {
  const chunks = splitIntoChunks(file.content, options.chunkBytes ?? UPLOAD_CHUNK_BYTES);
  for (let restart = 0; ; restart++) {
    try {
      return await uploadChunksOnce(file, chunks, sendChunk);
    } catch (error) {
      if (!(error instanceof BookingApiError) || !error.isTransient || restart >= options.maxRestarts) throw error;
      const waitMs = error.retryAfterMs ?? backoffDelayMs(options.retryPolicy, restart, options.random);
      if (waitMs > options.retryPolicy.maxRetryAfterMs) throw error;
      await options.sleep(waitMs);
    }
  }
}

/** Inclusive [from, to] byte ranges covering a file of `size` bytes. */
export function downloadRanges(size: number, rangeBytes: number): { from: number; to: number }[] {
  const ranges: { from: number; to: number }[] = [];
  for (let from = 0; from < size; from += rangeBytes) ranges.push({ from, to: Math.min(from + rangeBytes, size) - 1 });
  return ranges;
}

export function splitIntoChunks(content: Uint8Array, chunkBytes: number): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  for (let offset = 0; offset < content.byteLength; offset += chunkBytes) {
    chunks.push(content.subarray(offset, Math.min(offset + chunkBytes, content.byteLength)));
  }
  return chunks;
}

async function uploadChunksOnce(
  file: AttachmentFile,
  chunks: Uint8Array[],
  sendChunk: (body: ChunkRequestBody) => Promise<ChunkResponse>,
): Promise<string> {
  let uploadId: string | undefined;
  for (const [index, chunk] of chunks.entries()) {
    const action: ChunkAction = index === 0 ? "start" : index === chunks.length - 1 ? "finish" : "resume";
    const response = await sendChunk({
      attachment: {
        action,
        ...(uploadId === undefined ? {} : { upload_id: uploadId }),
        file_name: file.fileName,
        file_type: file.fileType,
        file_size: file.content.byteLength,
        chunk: {
          chunk_number: index,
          chunk_content: Buffer.from(chunk).toString("base64"),
          chunk_size: chunk.byteLength,
        },
      },
    });
    if (action === "start") {
      if (response.uploadId === null) throw protocolError("the start chunk returned no upload_id", "data.upload_id");
      uploadId = response.uploadId;
    }
    if (action === "finish") {
      if (response.attachmentId === null) throw protocolError("the finish chunk returned no attachment_id", "data.attachment_id");
      return response.attachmentId;
    }
  }
  // Unreachable for files over the single-upload limit (always at least two chunks), but keep the type honest.
  throw protocolError("the upload ended without a finish chunk", "(body)");
}

function protocolError(message: string, fieldPath: string): BookingApiError {
  return new BookingApiError({
    kind: "invalid_response",
    endpoint: "attachments.uploadChunk",
    message: `Invalid response from attachments.uploadChunk: ${fieldPath}: ${message}`,
    fieldPath,
    // An orphaned partial upload at Booking is harmless; nothing was sent to the guest.
    ambiguous: false,
  });
}
