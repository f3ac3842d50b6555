// Attachment upload and download against the real sandbox: single upload, the chunked protocol
// (including a failure in the middle, which must restart from chunk 0), ranged download, file_info.

import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { splitIntoChunks, UPLOAD_CHUNK_BYTES } from "./attachments";
import { BookingApiError } from "./errors";
import { pngBytes, sandboxClient, startTestSandbox, type TestSandbox } from "./test-sandbox";

const PROPERTY_ID = 6819547;

let sandbox: TestSandbox;
let conversationId: string;

beforeAll(async () => {
  sandbox = await startTestSandbox({ conversations: 5 });
  conversationId = (await sandbox.createBooking({ propertyId: PROPERTY_ID, sendWelcome: false })).conversationId;
});

afterAll(async () => {
  await sandbox?.close();
});

afterEach(async () => {
  await sandbox.clearFaults();
});

describe("attachments", () => {
  it("uploads a small image in one request, reads its info and downloads it", async () => {
    const { client, events } = sandboxClient(sandbox);
    const content = pngBytes(30_220);
    const { attachmentId } = await client.uploadAttachment({ propertyId: PROPERTY_ID, conversationId, fileName: "food.png", fileType: "image/png", content });
    expect(events.map((event) => event.endpoint)).toEqual(["attachments.upload"]);

    const ref = { propertyId: PROPERTY_ID, conversationId, attachmentId };
    expect(await client.getAttachmentInfo(ref)).toEqual({ fileName: "food.png", fileType: "image/png", fileSize: 30_220 });
    const download = await client.downloadAttachment(ref);
    expect(download.attachmentId).toBe(attachmentId);
    expect(Buffer.from(download.content).equals(Buffer.from(content))).toBe(true);

    // And it can be sent with a message.
    const posted = await client.postMessage({ propertyId: PROPERTY_ID, conversationId, content: "Our breakfast", attachmentIds: [attachmentId] });
    const page = await client.getConversation({ propertyId: PROPERTY_ID, conversationId });
    expect(page.conversation.messages.find((message) => message.messageId === posted.messageId)?.attachmentIds).toEqual([attachmentId]);
  });

  it("uploads exactly 1 MiB in one request and 1 MiB + 1 byte in chunks", async () => {
    const { client, events } = sandboxClient(sandbox);
    await client.uploadAttachment({ propertyId: PROPERTY_ID, conversationId, fileName: "a.png", fileType: "image/png", content: pngBytes(1024 * 1024) });
    await client.uploadAttachment({ propertyId: PROPERTY_ID, conversationId, fileName: "b.png", fileType: "image/png", content: pngBytes(1024 * 1024 + 1) });
    expect(events.map((event) => event.endpoint)).toEqual(["attachments.upload", "attachments.uploadChunk", "attachments.uploadChunk"]);
  });

  it("uploads a 2.5 MB image in chunks and downloads it in byte ranges", async () => {
    const { client, events } = sandboxClient(sandbox);
    const content = pngBytes(2_602_519, 7);
    const { attachmentId } = await client.uploadAttachment({ propertyId: PROPERTY_ID, conversationId, fileName: "test.png", fileType: "image/png", content });
    // start, resume, finish
    expect(events.filter((event) => event.endpoint === "attachments.uploadChunk").map((event) => event.status)).toEqual([200, 200, 200]);

    const ref = { propertyId: PROPERTY_ID, conversationId, attachmentId };
    expect((await client.getAttachmentInfo(ref)).fileSize).toBe(content.byteLength);
    const parts: Uint8Array[] = [];
    const rangeBytes = 1_000_000;
    for (let from = 0; from < content.byteLength; from += rangeBytes) {
      // `to` is inclusive (the sandbox's reading of the docs, as for HTTP ranges).
      const to = Math.min(from + rangeBytes, content.byteLength) - 1;
      parts.push((await client.downloadAttachment({ ...ref, from, to })).content);
    }
    expect(Buffer.concat(parts).equals(Buffer.from(content))).toBe(true);
  });

  it("downloads a file over 5 MB whole by assembling ranges", async () => {
    const { client, events } = sandboxClient(sandbox);
    const content = pngBytes(6 * 1024 * 1024, 11);
    const { attachmentId } = await client.uploadAttachment({ propertyId: PROPERTY_ID, conversationId, fileName: "big.png", fileType: "image/png", content });
    const ref = { propertyId: PROPERTY_ID, conversationId, attachmentId };

    // Booking refuses to send more than 5 MB at once.
    const error = await client.downloadAttachment(ref).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "bad_request", status: 400 });

    events.length = 0;
    const whole = await client.downloadWholeAttachment(ref);
    expect(events.map((event) => event.endpoint)).toEqual(["attachments.fileInfo", "attachments.download", "attachments.download"]);
    expect(Buffer.from(whole.content).equals(Buffer.from(content))).toBe(true);
    expect(whole.attachmentId).toBe(attachmentId);
  });

  it("downloads whole in one request when the size is known and small", async () => {
    const { client, events } = sandboxClient(sandbox);
    const content = pngBytes(50_000, 5);
    const { attachmentId } = await client.uploadAttachment({ propertyId: PROPERTY_ID, conversationId, fileName: "s.png", fileType: "image/png", content });
    events.length = 0;
    const whole = await client.downloadWholeAttachment({ propertyId: PROPERTY_ID, conversationId, attachmentId, fileSize: content.byteLength });
    expect(events.map((event) => event.endpoint)).toEqual(["attachments.download"]);
    expect(whole.content.byteLength).toBe(50_000);
  });

  it("restarts a chunked upload from chunk 0 with start when a middle chunk fails", async () => {
    let chunkRequests = 0;
    const { client, events } = sandboxClient(sandbox, {
      // Real fetch; it only arms a sandbox fault just before the second chunk goes out.
      fetch: async (input, init) => {
        if (String(input).endsWith("/attachment_chunks") && ++chunkRequests === 2) {
          await sandbox.addFault({ mode: "error_500", endpoint: "attachments.uploadChunk", times: 1 });
        }
        return fetch(input, init);
      },
    });
    const content = pngBytes(2_500_000, 3);
    const { attachmentId } = await client.uploadAttachment({ propertyId: PROPERTY_ID, conversationId, fileName: "retry.png", fileType: "image/png", content });
    expect(events.map((event) => event.status)).toEqual([200, 500, 200, 200, 200]);
    const download = await client.downloadAttachment({ propertyId: PROPERTY_ID, conversationId, attachmentId });
    expect(Buffer.from(download.content).equals(Buffer.from(content))).toBe(true);
  });

  it("does not restart after a 400 (the file itself is refused)", async () => {
    const { client, events } = sandboxClient(sandbox);
    const notAnImage = new Uint8Array(2_000_000).fill(7);
    const error = await client
      .uploadAttachment({ propertyId: PROPERTY_ID, conversationId, fileName: "x.png", fileType: "image/png", content: notAnImage })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BookingApiError);
    expect(error).toMatchObject({ kind: "bad_request", status: 400, endpoint: "attachments.uploadChunk" });
    expect(events).toHaveLength(1);
  });

  it("never retries a single upload request after a 500", async () => {
    const { client, events } = sandboxClient(sandbox);
    await sandbox.addFault({ mode: "error_500", endpoint: "attachments.upload", times: 1 });
    const error = await client
      .uploadAttachment({ propertyId: PROPERTY_ID, conversationId, fileName: "x.png", fileType: "image/png", content: pngBytes(1000) })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "unavailable", status: 500, ambiguous: true });
    expect(events).toHaveLength(1);
  });

  it("refuses files over 10 MB locally", async () => {
    const { client, events } = sandboxClient(sandbox);
    const error = await client
      .uploadAttachment({ propertyId: PROPERTY_ID, conversationId, fileName: "big.png", fileType: "image/png", content: pngBytes(10 * 1024 * 1024 + 1) })
      .catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: "bad_request", ambiguous: false });
    expect(events).toEqual([]);
  });
});

describe("splitIntoChunks", () => {
  it("cuts at the chunk size and keeps the remainder", () => {
    const chunks = splitIntoChunks(new Uint8Array(2 * UPLOAD_CHUNK_BYTES + 5), UPLOAD_CHUNK_BYTES);
    expect(chunks.map((chunk) => chunk.byteLength)).toEqual([UPLOAD_CHUNK_BYTES, UPLOAD_CHUNK_BYTES, 5]);
  });
});
