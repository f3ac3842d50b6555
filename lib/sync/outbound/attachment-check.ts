// Booking.com accepts only JPEG and PNG images. We decide by the bytes, never by the file name: a PDF
// or a text file renamed to .jpg is refused here with a message staff can act on.

export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

export type ImageType = "image/jpeg" | "image/png";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function sniffImageType(bytes: Uint8Array): ImageType | null {
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes.length >= PNG_SIGNATURE.length && PNG_SIGNATURE.every((value, index) => bytes[index] === value)) return "image/png";
  return null;
}

/** A file name safe to show and to send: no path, no control characters, the right extension. */
export function cleanFileName(fileName: string, type: ImageType): string {
  const base = fileName.split(/[\\/]/).pop()?.replace(/[\u0000-\u001f\u007f]/g, "").trim() ?? "";
  const stem = (base.replace(/\.[^.]*$/, "") || "image").slice(0, 100);
  return `${stem}.${type === "image/png" ? "png" : "jpg"}`;
}
