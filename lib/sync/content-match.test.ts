import { describe, expect, it } from "vitest";
import { sameMessageContent, withoutLinks } from "./content-match";

describe("sameMessageContent", () => {
  it("ignores whitespace differences", () => {
    expect(sameMessageContent("Hello  there\n\nsee you", "Hello there see you ")).toBe(true);
  });
  it("matches when Booking.com stripped a link", () => {
    const ours = "Directions: https://maps.example.com/x?y=1 see you soon.";
    const theirs = "Directions: see you soon.";
    expect(withoutLinks(ours)).toBe("Directions: see you soon.");
    expect(sameMessageContent(ours, theirs)).toBe(true);
  });
  it("does not match different texts", () => {
    expect(sameMessageContent("Check-in is at 3 pm", "Check-in is at 4 pm")).toBe(false);
  });
});
