// The e2e sandbox (started by scripts/start.ts --ephemeral on E2E_SANDBOX_PORT) seen from the tests:
// its control API (/_sandbox/*) plays Booking.com and the guest, and lets the tests check what the
// guest side received.
import { expect, type APIRequestContext } from "@playwright/test";

export const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT ?? 3210);
export const SANDBOX_URL = `http://127.0.0.1:${SANDBOX_PORT}`;

/** Short sync intervals for every e2e Bellhop: a guest message reaches the inbox within a second or two. */
export const E2E_SYNC_ENV = {
  SYNC_MIN_POLL_SECONDS: "1",
  SYNC_POLL_SECONDS_OVERRIDE: "1",
  SYNC_OUTBOUND_RETRY_DELAY_SECONDS: "1",
  SYNC_HOUSEKEEPING_SECONDS: "1",
  // Empty conversations (a new reservation nobody wrote in yet) arrive through reconciliation only.
  SYNC_RECONCILE_MINUTES: "0.05",
  // A reply against a failing Booking.com gives up (shows "failed") after a few seconds.
  SYNC_OUTBOUND_RETRY_LIMIT: "2",
};

export type SandboxMessage = {
  messageId: string;
  sender: "guest" | "property";
  type: string;
  content: string;
  attachmentIds: string[];
  attributes?: Record<string, string>;
  readBy: string[];
  postCount: number;
};

export type SandboxConversation = { conversationId: string; propertyId: number; reference: string; type: string; noReplyNeeded: boolean; propertyParticipantId: string };

async function call<T>(request: APIRequestContext, method: "GET" | "POST" | "PUT" | "DELETE", path: string, data?: unknown): Promise<T> {
  const response = await request.fetch(`${SANDBOX_URL}/_sandbox${path}`, { method, data });
  expect(response.ok(), `${method} ${path}: ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

export function createBooking(
  request: APIRequestContext,
  input: { propertyId: number; guestName?: string; type?: "reservation" | "request_to_book"; sendWelcome?: boolean; firstGuestMessage?: string },
) {
  return call<{ conversation: SandboxConversation; messages: SandboxMessage[] }>(request, "POST", "/bookings", { sendWelcome: false, ...input });
}

export const confirmRequestToBook = (request: APIRequestContext, id: string) => call(request, "POST", `/bookings/${id}/confirm`);

export function guestSends(request: APIRequestContext, id: string, content: string, image?: true | { fileName: string; fileType: "image/png" | "image/jpeg"; base64: string }) {
  return call<{ message: SandboxMessage }>(request, "POST", `/conversations/${id}/guest-messages`, { content, ...(image ? { image } : {}) });
}

export const selfService = (request: APIRequestContext, id: string, topic: string) => call<{ message: SandboxMessage }>(request, "POST", `/conversations/${id}/self-service`, { topic });

/** The property's staff set or take away "no reply needed" in the Extranet, outside Bellhop. */
export const setInExtranet = (request: APIRequestContext, id: string, noReplyNeeded: boolean) =>
  call(request, "PUT", `/conversations/${id}/extranet/no-reply-needed`, { set: noReplyNeeded });

/** The property's staff answer the guest in the Extranet or the Pulse app, outside Bellhop (it reaches Bellhop through the queue). */
export const replyInExtranet = (request: APIRequestContext, id: string, content: string) =>
  call<{ message: SandboxMessage }>(request, "POST", `/conversations/${id}/extranet/messages`, { content });

export const inspect = (request: APIRequestContext, id: string) => call<{ conversation: SandboxConversation; messages: SandboxMessage[] }>(request, "GET", `/conversations/${id}`);

export const addFault = (request: APIRequestContext, rule: Record<string, unknown>) => call(request, "POST", "/faults", rule);
export const clearFaults = (request: APIRequestContext) => call(request, "DELETE", "/faults");

/** Polls the sandbox until `check` passes (the sync worker delivers asynchronously). */
export async function eventually<T>(read: () => Promise<T>, check: (value: T) => boolean, message: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out: ${message}\nlast value: ${JSON.stringify(value).slice(0, 2000)}`);
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

/** The guest writes `count` messages in a row ("<prefix> 001", "<prefix> 002", …), oldest first. */
export async function guestSendsMany(request: APIRequestContext, id: string, count: number, prefix: string) {
  for (let index = 1; index <= count; index++) await guestSends(request, id, `${prefix} ${String(index).padStart(3, "0")}`);
}
