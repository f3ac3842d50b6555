import { describe, expect, it } from "vitest";
import { attachmentProblem, MAX_ATTACHMENT_BYTES, sniffImageType } from "./image-type";

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

describe("attachmentProblem", () => {
  it("explains a renamed text file by its content, not its name", () => {
    expect(attachmentProblem("photo.jpg", text.length, text)).toMatch(/not a JPEG or PNG/);
  });

  it("refuses files over 10 MB and empty files", () => {
    expect(attachmentProblem("big.png", MAX_ATTACHMENT_BYTES + 1, png)).toMatch(/larger than 10 MB/);
    expect(attachmentProblem("empty.png", 0, new Uint8Array())).toMatch(/empty/);
  });

  it("accepts a JPEG of exactly 10 MB", () => {
    expect(attachmentProblem("ok.jpg", MAX_ATTACHMENT_BYTES, jpeg)).toBeNull();
  });
});
