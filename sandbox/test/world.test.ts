import { inflateSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { VirtualClock } from "../world/clock";
import { generateWorld } from "../world/generator";
import { decodeCursor, encodeCursor } from "../world/ids";
import { generatePng, sniffImageType } from "../world/images";
import { removeUnapprovedLinks } from "../world/link-filter";
import { worldFromDocument, worldToDocument } from "../world/persistence";
import { localDateOf, localTimeToUtcMs } from "../world/time-zones";
import { DEFAULT_ACCOUNT, DEFAULT_AFFILIATE } from "../options";
import { MESSAGE_TYPES } from "../world/types";

// The world on its own: deterministic generation, the demo content it promises, and the small
// pieces (cursors, time zones, link filter, PNGs) the API relies on.

const START = Date.parse("2026-03-10T10:00:00.000Z");

function generate(seed: string, conversations: number) {
  return generateWorld({ seed, conversations, clock: VirtualClock.start(START, "frozen"), accounts: [DEFAULT_ACCOUNT], affiliates: [DEFAULT_AFFILIATE], tokenSigningKey: "k" });
}

function comparable(seed: string, conversations: number): string {
  const { savedAt: _savedAt, ...doc } = worldToDocument(generate(seed, conversations));
  return JSON.stringify(doc);
}

describe("demo world generation", () => {
  it("is deterministic: the same seed gives the same world, another seed another one", () => {
    // Compared as strings with a short message: a full diff of two worlds would be unreadable.
    const first = comparable("alpha", 60);
    const second = comparable("alpha", 60);
    const firstDifference = [...first].findIndex((char, i) => char !== second[i]);
    expect(firstDifference === -1 ? "identical" : first.slice(Math.max(0, firstDifference - 80), firstDifference + 80)).toBe("identical");
    expect(first.length).toBe(second.length);
    expect(comparable("beta", 60) === first).toBe(false);
  });

  it("contains every message type, several languages, read tags, PNG attachments, both conversation types", () => {
    const world = generate("content", 400);
    const messages = [...world.messages.values()];
    for (const type of MESSAGE_TYPES) expect(messages.some((m) => m.type === type), type).toBe(true);
    expect(messages.some((m) => m.attributes?.self_service_topic !== undefined)).toBe(true);
    expect(messages.some((m) => m.attributes?.template_id !== undefined && m.attributes.template_name !== undefined)).toBe(true);
    expect(messages.some((m) => m.readBy.length > 0)).toBe(true);
    const languages = new Set([...world.conversations.values()].map((c) => c.guest.language));
    expect(languages.size).toBeGreaterThanOrEqual(5);
    const types = new Set([...world.conversations.values()].map((c) => c.type));
    expect(types).toEqual(new Set(["reservation", "request_to_book"]));
    const attachments = [...world.attachments.values()];
    expect(attachments.length).toBeGreaterThan(5);
    for (const attachment of attachments) expect(sniffImageType(attachment.data)).toBe("image/png");
    // Stays around "now": some past, some future.
    const checkins = [...world.conversations.values()].map((c) => Date.parse(c.stay.checkin));
    expect(checkins.some((t) => t < START)).toBe(true);
    expect(checkins.some((t) => t > START)).toBe(true);
    // Nothing happens in the future.
    expect(messages.every((m) => m.timestampMs <= START)).toBe(true);
  });

  it("holds the ids the seed documents use and gives every property a name and an IANA zone", () => {
    const world = generate("ids", 0);
    for (const id of ["a7dd5868-670c-597f-a5b8-8f6d917614bf", "267eef2d-43fe-5b94-afef-63de2ee4d6f8", "bbb76179-7565-5a23-8632-33e164aa13db", "cc872746-77f2-5886-ba7c-17e0497241b5"]) {
      expect(world.conversations.has(id), id).toBe(true);
    }
    for (const id of [13921698, 2098153, 6819547, 6378711, 9999001]) {
      const property = world.properties.get(id);
      expect(property?.name).toBeTruthy();
      expect(() => new Intl.DateTimeFormat("en", { timeZone: property?.timeZone })).not.toThrow();
    }
    expect(world.accounts[0]?.propertyIds).not.toContain(9999001);
  });

  it("round-trips through its stored document", () => {
    const world = generate("roundtrip", 30);
    const doc = worldToDocument(world);
    const back = worldToDocument(worldFromDocument(JSON.parse(JSON.stringify(doc)) as unknown));
    expect({ ...back, savedAt: "" }).toEqual({ ...doc, savedAt: "" });
  });

  it("refuses a document of another format", () => {
    expect(() => worldFromDocument({ format: "something-else" })).toThrow(/bellhop-sandbox-world/);
  });

  // How fast this is belongs to `npm run bench:sandbox` (target < 10 s), not to a timed test.
  it("generates 100,000 conversations with distinct ids, beside the demo's own", () => {
    const world = generate("big", 100_000);
    expect(world.conversations.size).toBe(100_008);
  }, 60_000);
});

describe("building blocks", () => {
  it("page cursors round-trip and look like Booking's time UUIDs", () => {
    const cursor = encodeCursor(1_767_225_600_123, 4_242);
    expect(cursor).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-8080-[0-9a-f]{12}$/);
    expect(decodeCursor(cursor)).toEqual({ ms: 1_767_225_600_123, seq: 4_242 });
    expect(decodeCursor("0bec3400-ec41-11ea-8080-80808080808")).toBeNull();
    expect(decodeCursor("nonsense")).toBeNull();
  });

  it("converts local stay times to UTC across daylight-saving changes", () => {
    expect(new Date(localTimeToUtcMs("2026-01-15", 12, "Europe/Amsterdam")).toISOString()).toBe("2026-01-15T11:00:00.000Z");
    expect(new Date(localTimeToUtcMs("2026-07-15", 12, "Europe/Amsterdam")).toISOString()).toBe("2026-07-15T10:00:00.000Z");
    expect(new Date(localTimeToUtcMs("2026-07-15", 12, "America/New_York")).toISOString()).toBe("2026-07-15T16:00:00.000Z");
    expect(new Date(localTimeToUtcMs("2026-03-29", 12, "Europe/Amsterdam")).toISOString()).toBe("2026-03-29T10:00:00.000Z");
    expect(localDateOf(Date.parse("2026-03-10T23:30:00Z"), "Asia/Tokyo")).toBe("2026-03-11");
  });

  it("removes only links whose host is not allowlisted (subdomains count as allowed)", () => {
    expect(removeUnapprovedLinks("no links here", [])).toBe("no links here");
    expect(removeUnapprovedLinks("see https://evil.example/x.", ["booking.com"])).toBe("see .");
    expect(removeUnapprovedLinks("see https://secure.booking.com/x now", ["booking.com"])).toBe("see https://secure.booking.com/x now");
    expect(removeUnapprovedLinks("a www.notbooking.com b", ["booking.com"])).toBe("a b");
    expect(removeUnapprovedLinks("http://a.example and http://b.example", ["b.example"])).toBe("and http://b.example");
  });

  it("generated PNGs are valid: signature, CRCs and a decodable image", () => {
    const png = generatePng(5, 3, [255, 0, 0], [0, 0, 255]);
    expect(sniffImageType(png)).toBe("image/png");
    expect(png.readUInt32BE(16)).toBe(5);
    expect(png.readUInt32BE(20)).toBe(3);
    const idatLength = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString("ascii")).toBe("IDAT");
    const raw = inflateSync(png.subarray(41, 41 + idatLength));
    expect(raw.length).toBe((5 * 3 + 1) * 3);
  });
});
