import { afterAll, beforeAll } from "vitest";
import type { SandboxOptionsInput } from "../options";
import { startSandbox, type SandboxHandle } from "../server";

// Helpers shared by the sandbox tests: start a sandbox on a random port with a frozen clock (so
// time only moves when a test says so) and talk to it over real HTTP with global fetch.

export const CLOCK_START = "2026-03-10T10:00:00.000Z";
export const BASIC = `Basic ${Buffer.from("bellhop-sandbox:sandbox-password").toString("base64")}`;
export const AFFILIATE = { "X-Affiliate-Id": "424242", Authorization: "Bearer sandbox-affiliate-token" };
export const NO_ACCESS_PROPERTY = 9999001;
/** A demo property that has no conversations when the world is generated with conversations: 0. */
export const EMPTY_PROPERTY = 1383087;

export interface ApiResult {
  status: number;
  headers: Headers;
  text: string;
  // Tests walk JSON freely; `any` would be forbidden, so this is a recursive JSON value type.
  json: Json;
}

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Index into parsed JSON without type ceremony in every test; throws if the path is missing. */
export function at(value: Json, ...path: (string | number)[]): Json {
  let current: Json = value;
  for (const key of path) {
    if (current === null || typeof current !== "object") throw new Error(`no ${String(key)} in ${JSON.stringify(current)?.slice(0, 200)}`);
    const next: Json | undefined = Array.isArray(current) ? current[Number(key)] : current[String(key)];
    if (next === undefined) throw new Error(`no ${String(key)} in ${JSON.stringify(current).slice(0, 200)}`);
    current = next;
  }
  return current;
}

export function arr(value: Json, ...path: (string | number)[]): Json[] {
  const found = at(value, ...path);
  if (!Array.isArray(found)) throw new Error(`expected an array at ${path.join(".")}`);
  return found;
}

export function str(value: Json, ...path: (string | number)[]): string {
  const found = at(value, ...path);
  if (typeof found !== "string") throw new Error(`expected a string at ${path.join(".")}, got ${JSON.stringify(found)}`);
  return found;
}

export interface RequestOptions {
  body?: unknown;
  rawBody?: string;
  headers?: Record<string, string>;
  auth?: string | null;
  version?: string;
  signal?: AbortSignal;
}

export async function call(base: string, method: string, path: string, options: RequestOptions = {}): Promise<ApiResult> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.auth !== null && options.auth !== undefined) headers.Authorization = options.auth;
  if (options.version) headers["Accept-Version"] = options.version;
  let body: string | undefined;
  if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) body = JSON.stringify(options.body);
  if (body !== undefined) headers["Content-Type"] = "application/json";
  const response = await fetch(`${base}${path}`, { method, headers, body, signal: options.signal });
  const text = await response.text();
  let json: Json = null;
  try {
    json = text ? (JSON.parse(text) as Json) : null;
  } catch {
    json = null;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** Property side with the default machine account (Basic). */
export function property(sandbox: SandboxHandle, method: string, path: string, options: RequestOptions = {}): Promise<ApiResult> {
  return call(sandbox.url, method, `/messaging${path}`, { auth: BASIC, ...options });
}

/** Guest side (Demand API 3.1) with the default affiliate. */
export function guest(sandbox: SandboxHandle, path: string, body: unknown, headers: Record<string, string> = AFFILIATE): Promise<ApiResult> {
  return call(sandbox.url, "POST", `/demand/3.1/messages${path}`, { body, headers, auth: null });
}

export function control(sandbox: SandboxHandle, method: string, path: string, body?: unknown): Promise<ApiResult> {
  return call(sandbox.url, method, `/_sandbox${path}`, { body });
}

export function testOptions(overrides: SandboxOptionsInput = {}): SandboxOptionsInput {
  return { port: 0, conversations: 0, seed: "test", clock: { start: CLOCK_START, mode: "frozen" }, ...overrides };
}

/** One sandbox for a whole test file; `get()` inside tests. */
export function sandboxPerFile(overrides: SandboxOptionsInput = {}): { get(): SandboxHandle } {
  let sandbox: SandboxHandle | null = null;
  beforeAll(async () => {
    sandbox = await startSandbox(testOptions(overrides));
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  return {
    get() {
      if (!sandbox) throw new Error("sandbox not started");
      return sandbox;
    },
  };
}

/** Creates a booking through the control API and returns its conversation summary. */
export async function book(sandbox: SandboxHandle, body: Record<string, unknown>): Promise<Json> {
  const result = await control(sandbox, "POST", "/bookings", body);
  if (result.status !== 201) throw new Error(`booking failed: ${result.text}`);
  return at(result.json, "conversation");
}

export async function drainQueue(sandbox: SandboxHandle): Promise<void> {
  for (;;) {
    const read = await property(sandbox, "GET", "/messages/latest");
    const count = at(read.json, "data", "number_of_messages");
    if (count === 0) return;
    await property(sandbox, "PUT", `/messages?number_of_messages=${String(count)}`);
  }
}

export const TINY_PNG_BASE64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";
export const TINY_JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0xff, 0xd9]);
