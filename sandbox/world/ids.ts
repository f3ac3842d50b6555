import { randomBytes, randomUUID } from "node:crypto";
import type { Rng } from "./random";

// Booking's ids have recognisable forms, and the simulator copies them so that a client which
// (wrongly) parses them would be caught the same way: message and attachment ids are time-based
// UUIDv1 ("fc7db690-3ba2-11eb-a68b-c77d6a75020f"), conversation and participant ids look like
// UUIDv5 ("a7dd5868-670c-597f-a5b8-8f6d917614bf"), and page ids are time UUIDs with a constant tail
// ("0bec3400-ec41-11ea-8080-808080808080").

const GREGORIAN_OFFSET_MS = 12_219_292_800_000n;

function hex(value: number, width: number): string {
  return value.toString(16).padStart(width, "0");
}

function randomHex(rng: Rng, chars: number): string {
  let out = "";
  while (out.length < chars) out += hex(Math.floor(rng.next() * 0x10000), 4);
  return out.slice(0, chars);
}

function timeFields(ms: number, sub100ns: number): [string, string, string] {
  const t = (BigInt(Math.floor(ms)) + GREGORIAN_OFFSET_MS) * 10_000n + BigInt(sub100ns % 10_000);
  const low = Number(t & 0xffffffffn);
  const mid = Number((t >> 32n) & 0xffffn);
  const high = Number((t >> 48n) & 0x0fffn) | 0x1000;
  return [hex(low, 8), hex(mid, 4), hex(high, 4)];
}

export function timeUuid(ms: number, rng: Rng): string {
  const [low, mid, high] = timeFields(ms, rng.int(0, 9_999));
  const clockSeq = (rng.int(0, 0x3fff) | 0x8000).toString(16);
  return `${low}-${mid}-${high}-${clockSeq}-${randomHex(rng, 12)}`;
}

export function nameBasedUuid(rng: Rng): string {
  const a = randomHex(rng, 8);
  const b = randomHex(rng, 4);
  const c = `5${randomHex(rng, 3)}`;
  const d = (rng.int(0, 0x3fff) | 0x8000).toString(16);
  return `${a}-${b}-${c}-${d}-${randomHex(rng, 12)}`;
}

/** A page cursor: the sort key (a millisecond time and a sequence number) dressed as a time UUID. */
export function encodeCursor(ms: number, seq: number): string {
  const [low, mid, high] = timeFields(ms, 0);
  return `${low}-${mid}-${high}-8080-${hex(seq, 12)}`;
}

export function decodeCursor(pageId: string): { ms: number; seq: number } | null {
  const match = /^([0-9a-f]{8})-([0-9a-f]{4})-1([0-9a-f]{3})-8080-([0-9a-f]{12})$/.exec(pageId);
  if (!match) return null;
  const [, low = "", mid = "", high = "", seq = ""] = match;
  const t = (BigInt(`0x${high}`) << 48n) | (BigInt(`0x${mid}`) << 32n) | BigInt(`0x${low}`);
  const ms = Number(t / 10_000n - GREGORIAN_OFFSET_MS);
  return { ms, seq: parseInt(seq, 16) };
}

/** Booking's `meta.ruid`: a ~96-character base64 string that always starts the same way. */
export function ruid(): string {
  return `UmFuZG9tSVYkc2RlIyh9Y${randomBytes(57).toString("base64")}`;
}

/** Demand API `request_id`. Not part of the world, so not seeded. */
export function requestId(): string {
  return randomUUID();
}
