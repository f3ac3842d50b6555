import { describe, expect, it } from "vitest";
import { placeholdersIn, renderReply } from "./placeholders";

describe("saved reply placeholders", () => {
  it("fills every known placeholder, as often as it appears", () => {
    const rendered = renderReply("Dear {guest_name}, welcome to {property_name}! Booking {reservation_number}. See you, {guest_name}.", {
      guest_name: "Ana Souza",
      property_name: "Casa do Rio Lisboa",
      reservation_number: "4338284887",
    });
    expect(rendered).toEqual({
      text: "Dear Ana Souza, welcome to Casa do Rio Lisboa! Booking 4338284887. See you, Ana Souza.",
      missing: [],
      unknown: [],
    });
  });

  it("leaves a placeholder without a value in place and reports it", () => {
    const rendered = renderReply("Dear {guest_name}, booking {reservation_number}", { guest_name: null, reservation_number: "123" });
    expect(rendered.text).toBe("Dear {guest_name}, booking 123");
    expect(rendered.missing).toEqual(["guest_name"]);
  });

  it("treats blank values as missing", () => {
    expect(renderReply("Hi {guest_name}", { guest_name: "   " }).missing).toEqual(["guest_name"]);
  });

  it("reports unknown names without touching them", () => {
    const rendered = renderReply("Hi {guest_nmae}", { guest_name: "Ana" });
    expect(rendered.text).toBe("Hi {guest_nmae}");
    expect(rendered.unknown).toEqual(["guest_nmae"]);
    expect(rendered.missing).toEqual([]);
  });

  it("finds the placeholders left in an edited text", () => {
    expect(placeholdersIn("Hi {guest_name}, {guest_name} and {x}")).toEqual(["guest_name", "x"]);
    expect(placeholdersIn("No braces here")).toEqual([]);
  });
});
