import { deflateSync } from "node:zlib";

// Attachments are images only: JPEG or PNG, checked by their magic bytes rather than trusting the
// declared `file_type` (a renamed PDF must be refused). Content travels as base64 inside JSON.

export const SINGLE_UPLOAD_MAX_BYTES = 1024 * 1024; // "1 MB": we read it as 1 MiB.
export const CHUNKED_UPLOAD_MAX_BYTES = 10 * 1024 * 1024;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export type ImageType = "image/jpeg" | "image/png";

export function sniffImageType(data: Buffer): ImageType | null {
  if (data.length >= 8 && data.subarray(0, 8).equals(PNG_SIGNATURE)) return "image/png";
  if (data.length >= 3 && data[0] === 0xff && data[1] === 0xd8 && data[2] === 0xff) return "image/jpeg";
  return null;
}

/** Strict base64 (RFC 4648 alphabet, padded). Buffer.from(…, "base64") silently skips junk, so check first. */
export function decodeStrictBase64(text: string): Buffer | null {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return null;
  return Buffer.from(text, "base64");
}

// ---- PNG generation for the demo world (real, decodable files) ----

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = (CRC_TABLE[(crc ^ byte) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type: string, body: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(body.length);
  const typed = Buffer.concat([Buffer.from(type, "ascii"), body]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

/** A small RGB PNG: a diagonal two-colour pattern, so different seeds give visibly different images. */
export function generatePng(width: number, height: number, from: [number, number, number], to: [number, number, number]): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: truecolour
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const mix = (x + y) / (width + height - 2 || 1);
      const stripe = (Math.floor(x / 4) + Math.floor(y / 4)) % 2 === 0 ? 1 : 0.85;
      for (let c = 0; c < 3; c++) {
        const value = ((from[c] ?? 0) * (1 - mix) + (to[c] ?? 0) * mix) * stripe;
        raw[row + 1 + x * 3 + c] = Math.round(value);
      }
    }
  }
  return Buffer.concat([
    PNG_SIGNATURE,
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(raw)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

export interface ImageCheck {
  declaredType: string;
  acceptedTypes: readonly string[];
  data: Buffer;
  maxBytes: number;
}

/** Why an image upload must be refused, or null when it is fine. Messages are shown to the client. */
export function imageProblem(check: ImageCheck): string | null {
  if (!check.acceptedTypes.includes(check.declaredType)) {
    return `file_type "${check.declaredType}" is not allowed; only ${check.acceptedTypes.join(", ")} images can be attached.`;
  }
  if (check.data.length === 0) return "The file is empty.";
  if (check.data.length > check.maxBytes) {
    return `The file is ${check.data.length} bytes; at most ${check.maxBytes} bytes (${check.maxBytes / 1024 / 1024} MB) are allowed here.`;
  }
  const sniffed = sniffImageType(check.data);
  if (sniffed === null) return "The file content is not a JPEG or PNG image (checked by its first bytes).";
  const declared = check.declaredType === "image/jpg" ? "image/jpeg" : check.declaredType;
  if (sniffed !== declared) return `file_type says ${check.declaredType} but the content is ${sniffed}.`;
  return null;
}
