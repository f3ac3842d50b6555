// What Booking.com accepts as an attachment: JPEG or PNG, decided by the bytes (magic numbers), never
// by the file name or the browser's guess. Shared by the composer (early, friendly refusal) and the
// upload route (the check that counts).

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export type ImageType = "image/jpeg" | "image/png";

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];

export function sniffImageType(head: Uint8Array): ImageType | null {
  if (PNG.every((byte, index) => head[index] === byte)) return "image/png";
  if (JPEG.every((byte, index) => head[index] === byte)) return "image/jpeg";
  return null;
}

/** A sentence for the staff member, or null when the file can be attached. */
export function attachmentProblem(fileName: string, size: number, head: Uint8Array): string | null {
  if (size === 0) return `${fileName} is empty.`;
  if (size > MAX_ATTACHMENT_BYTES) return `${fileName} is larger than 10 MB, the most Booking.com accepts.`;
  if (!sniffImageType(head)) return `${fileName} is not a JPEG or PNG image. Booking.com only accepts JPEG and PNG pictures.`;
  return null;
}
