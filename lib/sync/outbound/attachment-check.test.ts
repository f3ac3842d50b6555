import { describe, expect, it } from "vitest";
import { cleanFileName, sniffImageType } from "./attachment-check";

describe("sniffImageType", () => {
  it("recognises JPEG and PNG by their bytes", () => {
    expect(sniffImageType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1]))).toBe("image/jpeg");
    expect(sniffImageType(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0]))).toBe("image/png");
  });
  it("refuses a PDF and renamed text", () => {
    expect(sniffImageType(new TextEncoder().encode("%PDF-1.7 ..."))).toBeNull();
    expect(sniffImageType(new TextEncoder().encode("just text pretending to be photo.jpg"))).toBeNull();
  });
  it("cleans file names", () => {
    expect(cleanFileName("../../etc/passwd.jpg", "image/png")).toBe("passwd.png");
    expect(cleanFileName("", "image/jpeg")).toBe("image.jpg");
  });
});
