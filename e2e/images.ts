// Real PNG files made in the test, for the composer's uploads (checked by content, as a photo would be).
import { randomBytes } from "node:crypto";
import { crc32, deflateSync } from "node:zlib";

/** A real PNG over 1 MB: noise does not compress, so the file stays large. */
export function largePng(): Buffer {
  const width = 700;
  const height = 600;
  const raw = randomBytes((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) raw[y * (width * 3 + 1)] = 0;
  return pngOf(width, height, raw);
}

export function pngOf(width: number, height: number, raw: Buffer): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body) >>> 0);
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8;
  header[9] = 2;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

/** A small PNG of one colour (a few hundred bytes): the simple upload path. */
export function smallPng(width = 64, height = 48): Buffer {
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, 0x6b)]);
  return pngOf(width, height, Buffer.concat(Array.from({ length: height }, () => row)));
}
