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

/** Why a file cannot be attached: the server words it by this name (messages/server, `attachments.*`). */
export type AttachmentProblem = "empty" | "tooLarge" | "notImage";

/** Why the file cannot be attached, or null when it can. */
export function attachmentProblemKind(size: number, head: Uint8Array): AttachmentProblem | null {
  if (size === 0) return "empty";
  if (size > MAX_ATTACHMENT_BYTES) return "tooLarge";
  if (!sniffImageType(head)) return "notImage";
  return null;
}
