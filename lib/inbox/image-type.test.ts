import { describe, expect, it } from "vitest";
import { attachmentProblemKind, MAX_ATTACHMENT_BYTES, sniffImageType } from "./image-type";

const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]);
const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);
const pdf = new TextEncoder().encode("%PDF-1.7\n");
const text = new TextEncoder().encode("hello, I am not a picture");

describe("sniffImageType", () => {
  it("recognises PNG and JPEG by their magic bytes", () => {
    expect(sniffImageType(png)).toBe("image/png");
    expect(sniffImageType(jpeg)).toBe("image/jpeg");
  });

  it("refuses PDFs, text and truncated headers", () => {
    expect(sniffImageType(pdf)).toBeNull();
    expect(sniffImageType(text)).toBeNull();
    expect(sniffImageType(png.slice(0, 4))).toBeNull();
  });
});

describe("attachmentProblemKind", () => {
  it("refuses a renamed text file by its content, not its name", () => {
    expect(attachmentProblemKind(text.length, text)).toBe("notImage");
  });

  it("refuses files over 10 MB and empty files", () => {
    expect(attachmentProblemKind(MAX_ATTACHMENT_BYTES + 1, png)).toBe("tooLarge");
    expect(attachmentProblemKind(0, new Uint8Array())).toBe("empty");
  });

  it("accepts a JPEG of exactly 10 MB", () => {
    expect(attachmentProblemKind(MAX_ATTACHMENT_BYTES, jpeg)).toBeNull();
  });
});
