import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { generatePng } from "../world/images";
import { TINY_JPEG, TINY_PNG_BASE64, at, guest, property, str, sandboxPerFile, type ApiResult } from "./support";

// Attachments on both sides: type and size limits checked on the bytes, the chunked upload and its
// "start again from chunk 0" rule, ranged downloads and file_info.

const sandbox = sandboxPerFile();
const A1 = "a7dd5868-670c-597f-a5b8-8f6d917614bf";
const BASE = `/properties/6378711/conversations/${A1}`;
const MB = 1024 * 1024;

/** A "PNG" of the given size: a real PNG header followed by filler, enough for magic-byte checks. */
function pngOfSize(size: number): Buffer {
  const header = generatePng(2, 2, [0, 0, 0], [255, 255, 255]);
  return Buffer.concat([header, randomBytes(Math.max(0, size - header.length))]).subarray(0, size);
}

function upload(attachment: Record<string, unknown>): Promise<ApiResult> {
  return property(sandbox.get(), "POST", `${BASE}/attachments`, { body: { attachment } });
}

function chunk(attachment: Record<string, unknown>): Promise<ApiResult> {
  return property(sandbox.get(), "POST", `${BASE}/attachment_chunks`, { body: { attachment } });
}

async function chunkedUpload(file: Buffer, chunkSize = MB): Promise<string> {
  const parts: Buffer[] = [];
  for (let offset = 0; offset < file.length; offset += chunkSize) parts.push(file.subarray(offset, offset + chunkSize));
  let uploadId = "";
  let attachmentId = "";
  for (const [index, part] of parts.entries()) {
    const action = index === 0 ? "start" : index === parts.length - 1 ? "finish" : "resume";
    const result = await chunk({
      action,
      ...(index === 0 ? { file_name: "big.png", file_type: "image/png", file_size: file.length } : { upload_id: uploadId }),
      chunk: { chunk_number: index, chunk_content: part.toString("base64"), chunk_size: part.length },
    });
    expect(result.status, result.text).toBe(200);
    expect(at(result.json, "data", "ok")).toBe("true");
    if (action === "start") {
      uploadId = str(result.json, "data", "upload_id");
      expect(at(result.json, "data", "attachment_id")).toBeNull();
    } else if (action === "resume") {
      expect(at(result.json, "data")).toEqual({ attachment_id: null, upload_id: null, ok: "true" });
    } else {
      attachmentId = str(result.json, "data", "attachment_id");
      expect(at(result.json, "data", "upload_id")).toBeNull();
    }
  }
  return attachmentId;
}

describe("single upload (at most 1 MB)", () => {
  it("stores a PNG, reports file_info, downloads it whole and in inclusive byte ranges", async () => {
    const file = generatePng(40, 30, [200, 0, 0], [0, 0, 200]);
    const result = await upload({ file_name: "red.png", file_type: "image/png", file_size: file.length, file_content: file.toString("base64") });
    expect(result.status).toBe(200);
    expect(at(result.json, "data", "ok")).toBe("true");
    const id = str(result.json, "data", "attachment_id");

    const info = await property(sandbox.get(), "GET", `${BASE}/attachments/${id}/file_info`);
    expect(at(info.json, "data")).toEqual({ file_type: "image/png", file_name: "red.png", file_size: file.length });

    const whole = await property(sandbox.get(), "GET", `${BASE}/attachments/${id}`);
    expect(at(whole.json, "data")).toMatchObject({ ok: "true", attachment_id: id, conversation_id: A1 });
    expect(Buffer.from(str(whole.json, "data", "file_content"), "base64").equals(file)).toBe(true);

    const range = await property(sandbox.get(), "GET", `${BASE}/attachments/${id}?from=0&to=7`);
    expect(Buffer.from(str(range.json, "data", "file_content"), "base64").equals(file.subarray(0, 8))).toBe(true);
    const tail = await property(sandbox.get(), "GET", `${BASE}/attachments/${id}?from=10`);
    expect(Buffer.from(str(tail.json, "data", "file_content"), "base64").equals(file.subarray(10))).toBe(true);
    expect((await property(sandbox.get(), "GET", `${BASE}/attachments/${id}?from=${file.length}`)).status).toBe(400);
    expect((await property(sandbox.get(), "GET", `${BASE}/attachments/${id}?from=5&to=2`)).status).toBe(400);
    expect((await property(sandbox.get(), "GET", `${BASE}/attachments/${id}?from=x`)).status).toBe(400);

    const posted = await property(sandbox.get(), "POST", BASE, { body: { message: { content: "Here is the map", attachment_ids: [id] } } });
    expect(posted.status).toBe(200);
    const conversation = await property(sandbox.get(), "GET", BASE);
    expect(at(conversation.json, "data", "conversation", "messages", 0, "attachment_ids")).toEqual([id]);
  });

  it("accepts a JPEG", async () => {
    const result = await upload({ file_name: "a.jpg", file_type: "image/jpeg", file_size: TINY_JPEG.length, file_content: TINY_JPEG.toString("base64") });
    expect(result.status).toBe(200);
  });

  const png = Buffer.from(TINY_PNG_BASE64, "base64");
  const refusals: [string, Record<string, unknown>, string][] = [
    ["a type that is not JPEG or PNG", { file_name: "a.gif", file_type: "image/gif", file_size: png.length, file_content: TINY_PNG_BASE64 }, "image/gif"],
    ["content that is not an image (a PDF declared as PNG)", { file_name: "a.png", file_type: "image/png", file_size: 9, file_content: Buffer.from("%PDF-1.7\n").toString("base64") }, "not a JPEG or PNG"],
    ["a JPEG declared as PNG", { file_name: "a.png", file_type: "image/png", file_size: TINY_JPEG.length, file_content: TINY_JPEG.toString("base64") }, "image/jpeg"],
    ["bad base64", { file_name: "a.png", file_type: "image/png", file_size: 3, file_content: "not base64!" }, "base64"],
    ["a file_size that does not match", { file_name: "a.png", file_type: "image/png", file_size: 999, file_content: TINY_PNG_BASE64 }, "file_size"],
    ["a missing field", { file_name: "a.png", file_type: "image/png", file_content: TINY_PNG_BASE64 }, "file_size"],
    ["more than 1 MB", { file_name: "a.png", file_type: "image/png", file_size: MB + 1, file_content: pngOfSize(MB + 1).toString("base64") }, "attachment_chunks"],
  ];
  it.each(refusals)("400 for %s", async (_name, attachment, expected) => {
    const result = await upload(attachment);
    expect(result.status).toBe(400);
    expect(str(result.json, "errors", 0, "message")).toContain(expected);
  });

  it("exactly 1 MB is allowed", async () => {
    const file = pngOfSize(MB);
    expect((await upload({ file_name: "max.png", file_type: "image/png", file_size: MB, file_content: file.toString("base64") })).status).toBe(200);
  });
});

describe("chunked upload (over 1 MB, at most 10 MB)", () => {
  it("start / resume / finish assembles the file", async () => {
    const file = pngOfSize(2.5 * MB);
    const id = await chunkedUpload(file);
    const info = await property(sandbox.get(), "GET", `${BASE}/attachments/${id}/file_info`);
    expect(at(info.json, "data", "file_size")).toBe(file.length);
    const whole = await property(sandbox.get(), "GET", `${BASE}/attachments/${id}`);
    expect(Buffer.from(str(whole.json, "data", "file_content"), "base64").equals(file)).toBe(true);
  });

  it("accepts chunk_number and chunk_size as strings (the field table's type)", async () => {
    const file = pngOfSize(MB + 10);
    const start = await chunk({ action: "start", file_name: "s.png", file_type: "image/png", file_size: file.length, chunk: { chunk_number: "0", chunk_content: file.subarray(0, MB).toString("base64"), chunk_size: String(MB) } });
    expect(start.status).toBe(200);
    const finish = await chunk({ action: "finish", upload_id: str(start.json, "data", "upload_id"), chunk: { chunk_number: "1", chunk_content: file.subarray(MB).toString("base64"), chunk_size: "10" } });
    expect(typeof at(finish.json, "data", "attachment_id")).toBe("string");
  });

  it("after any chunk error the upload is gone and only a new start from chunk 0 works", async () => {
    const file = pngOfSize(3 * MB);
    const part = (n: number) => file.subarray(n * MB, (n + 1) * MB);
    const start = await chunk({ action: "start", file_name: "r.png", file_type: "image/png", file_size: file.length, chunk: { chunk_number: 0, chunk_content: part(0).toString("base64"), chunk_size: MB } });
    const uploadId = str(start.json, "data", "upload_id");
    const skipped = await chunk({ action: "resume", upload_id: uploadId, chunk: { chunk_number: 2, chunk_content: part(2).toString("base64"), chunk_size: MB } });
    expect(skipped.status).toBe(400);
    expect(str(skipped.json, "errors", 0, "message")).toContain("start again from chunk 0");
    const retry = await chunk({ action: "resume", upload_id: uploadId, chunk: { chunk_number: 1, chunk_content: part(1).toString("base64"), chunk_size: MB } });
    expect(retry.status).toBe(400);
    expect(str(retry.json, "errors", 0, "message")).toContain("Unknown upload_id");
    expect(await chunkedUpload(file)).toMatch(/^[0-9a-f-]{36}$/);
  });

  const starts: [string, Record<string, unknown>][] = [
    ["a first chunk that is not chunk 0", { chunk_number: 1 }],
    ["a total of 1 MB or less", { file_size: MB }],
    ["a total over 10 MB", { file_size: 10 * MB + 1 }],
    ["a wrong chunk_size", { chunk_size: 5 }],
    ["a type that is not an image", { file_type: "application/pdf" }],
  ];
  it.each(starts)("400 on start with %s", async (_name, change) => {
    const part = pngOfSize(MB);
    const { chunk_number = 0, chunk_size = MB, ...rest } = change as { chunk_number?: number; chunk_size?: number };
    const result = await chunk({ action: "start", file_name: "x.png", file_type: "image/png", file_size: 2 * MB, ...rest, chunk: { chunk_number, chunk_content: part.toString("base64"), chunk_size } });
    expect(result.status).toBe(400);
  });

  it("400 for a chunk over 1 MB and for a finish that leaves the file incomplete", async () => {
    const big = pngOfSize(MB + 1);
    const tooBig = await chunk({ action: "start", file_name: "x.png", file_type: "image/png", file_size: 3 * MB, chunk: { chunk_number: 0, chunk_content: big.toString("base64"), chunk_size: big.length } });
    expect(tooBig.status).toBe(400);
    const file = pngOfSize(3 * MB);
    const start = await chunk({ action: "start", file_name: "x.png", file_type: "image/png", file_size: file.length, chunk: { chunk_number: 0, chunk_content: file.subarray(0, MB).toString("base64"), chunk_size: MB } });
    const early = await chunk({ action: "finish", upload_id: str(start.json, "data", "upload_id"), chunk: { chunk_number: 1, chunk_content: file.subarray(MB, 2 * MB).toString("base64"), chunk_size: MB } });
    expect(early.status).toBe(400);
    expect(str(early.json, "errors", 0, "message")).toContain("incomplete");
  });

  it("a file over 5 MB downloads only in ranges of at most 5 MB", async () => {
    const file = pngOfSize(6 * MB);
    const id = await chunkedUpload(file);
    const whole = await property(sandbox.get(), "GET", `${BASE}/attachments/${id}`);
    expect(whole.status).toBe(400);
    expect(str(whole.json, "errors", 0, "message")).toContain("ranges");
    expect((await property(sandbox.get(), "GET", `${BASE}/attachments/${id}?from=0&to=${5 * MB}`)).status).toBe(400);
    const first = await property(sandbox.get(), "GET", `${BASE}/attachments/${id}?from=0&to=${5 * MB - 1}`);
    const second = await property(sandbox.get(), "GET", `${BASE}/attachments/${id}?from=${5 * MB}&to=${6 * MB - 1}`);
    const joined = Buffer.concat([Buffer.from(str(first.json, "data", "file_content"), "base64"), Buffer.from(str(second.json, "data", "file_content"), "base64")]);
    expect(joined.equals(file)).toBe(true);
  });
});

describe("guest-side attachments (Demand API)", () => {
  const conversation = "bbb76179-7565-5a23-8632-33e164aa13db";
  const accommodation = "13921698";

  it("uploads (file_size as decoded or base64 size), downloads and reports metadata with file_size as a string", async () => {
    const file = generatePng(16, 16, [10, 200, 10], [10, 10, 200]);
    const base64 = file.toString("base64");
    for (const fileSize of [file.length, base64.length]) {
      const result = await guest(sandbox.get(), "/attachments/upload", { conversation, accommodation, file_size: fileSize, file_name: "g.png", file_type: "image/png", file_content: base64 });
      expect(result.status, result.text).toBe(200);
      const id = str(result.json, "data", "attachment");
      const download = await guest(sandbox.get(), "/attachments/download", { conversation, accommodation, attachment: id });
      expect(at(download.json, "data", "conversation")).toBe(conversation);
      expect(str(download.json, "data", "file_content")).toBe(base64);
      const meta = await guest(sandbox.get(), "/attachments/metadata", { conversation, accommodation, attachment: id });
      expect(at(meta.json, "data", "metadata")).toEqual({ file_name: "g.png", file_type: "image/png", file_size: String(file.length) });
    }
  });

  it("refuses non-images, oversize files and unknown attachments", async () => {
    const pdf = Buffer.from("%PDF-1.7 hello").toString("base64");
    const notImage = await guest(sandbox.get(), "/attachments/upload", { conversation, accommodation, file_size: 14, file_name: "a.png", file_type: "image/png", file_content: pdf });
    expect(notImage.status).toBe(400);
    expect(at(notImage.json, "errors", 0, "id")).toBe("invalid_parameter");
    const big = pngOfSize(MB + 1);
    const oversize = await guest(sandbox.get(), "/attachments/upload", { conversation, accommodation, file_size: big.length, file_name: "b.png", file_type: "image/png", file_content: big.toString("base64") });
    expect(oversize.status).toBe(400);
    const missing = await guest(sandbox.get(), "/attachments/download", { conversation, accommodation, attachment: "nope" });
    expect(missing.status).toBe(404);
  });
});
