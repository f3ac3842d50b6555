// Test helpers: a real Booking.com sandbox (sandbox/server.ts) over loopback HTTP, its control API, and
// clients pointed at it. Used only by lib/booking/*.test.ts; nothing here replaces the network.

import { startSandbox } from "../../sandbox/server";
import { createBookingClient, type BookingClient, type BookingClientConfig } from "./client";
import type { BookingRequestEvent } from "./transport";

export const BASIC_USERNAME = "bellhop-sandbox";
export const BASIC_PASSWORD = "sandbox-password";
export const TOKEN_CLIENT_ID = "bellhop-sandbox-client";
export const TOKEN_CLIENT_SECRET = "sandbox-secret";
export const FORBIDDEN_PROPERTY_ID = 9999001;
export const KNOWN_PROPERTY_IDS = [13921698, 2098153, 6819547, 6378711] as const;

type SandboxOptions = Parameters<typeof startSandbox>[0];

export interface TestSandbox {
  origin: string;
  messagingBaseUrl: string;
  tokenUrl: string;
  close(): Promise<void>;
  control<T = unknown>(method: string, path: string, body?: unknown): Promise<T>;
  addFault(rule: Record<string, unknown>): Promise<void>;
  clearFaults(): Promise<void>;
  advanceClock(input: { ms?: number; minutes?: number; hours?: number; days?: number }): Promise<void>;
  createBooking(input: { propertyId: number; sendWelcome?: boolean; guestName?: string; firstGuestMessage?: string }): Promise<SandboxBooking>;
  sendAsGuest(conversationId: string, content: string): Promise<{ messageId: string }>;
  /** The property's staff answer outside Bellhop (Extranet, Pulse app): delivered through the queue. */
  replyInExtranet(conversationId: string, content: string): Promise<{ messageId: string }>;
  inspectConversation(conversationId: string): Promise<SandboxConversationInspection>;
}

export interface SandboxBooking {
  conversationId: string;
  propertyId: number;
  reference: string;
  reservationId: string | null;
  guest: { participantId: string; name: string };
  propertyParticipantId: string;
}

export interface SandboxConversationInspection {
  conversation: { noReplyNeeded: boolean; messageCount: number };
  messages: { messageId: string; sender: "guest" | "property"; content: string; readBy: string[]; postCount: number; attachmentIds: string[] }[];
}

export async function startTestSandbox(options: SandboxOptions = {}): Promise<TestSandbox> {
  const sandbox = await startSandbox({ port: 0, stateFile: null, clock: { mode: "frozen" }, ...options });
  const origin = sandbox.url.replace(/\/+$/, "");

  async function control<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${origin}/_sandbox${path}`, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`sandbox control ${method} ${path} failed: ${response.status} ${text}`);
    return (text === "" ? undefined : JSON.parse(text)) as T;
  }

  return {
    origin,
    messagingBaseUrl: `${origin}/messaging`,
    tokenUrl: `${origin}/token-based-authentication/exchange`,
    close: async () => {
      await sandbox.close();
    },
    control,
    addFault: async (rule) => {
      await control("POST", "/faults", rule);
    },
    clearFaults: async () => {
      await control("DELETE", "/faults");
    },
    advanceClock: async (input) => {
      await control("POST", "/clock/advance", input);
    },
    createBooking: async (input) => {
      const created = await control<{ conversation: SandboxBooking }>("POST", "/bookings", input);
      return created.conversation;
    },
    sendAsGuest: async (conversationId, content) => {
      const sent = await control<{ message: { messageId: string } }>("POST", `/conversations/${conversationId}/guest-messages`, { content });
      return { messageId: sent.message.messageId };
    },
    replyInExtranet: async (conversationId, content) => {
      const sent = await control<{ message: { messageId: string } }>("POST", `/conversations/${conversationId}/extranet/messages`, { content });
      return { messageId: sent.message.messageId };
    },
    inspectConversation: (conversationId) => control<SandboxConversationInspection>("GET", `/conversations/${conversationId}`),
  };
}

export interface RecordingClient {
  client: BookingClient;
  /** Every HTTP attempt, in order (from the onRequest hook). */
  events: BookingRequestEvent[];
  /** Every wait the client asked for between retries. */
  waits: number[];
}

/**
 * A client against the sandbox that records its requests and retry waits. Waits are recorded, then
 * shortened to a few milliseconds so retry tests stay fast; everything else is real.
 */
export function sandboxClient(sandbox: TestSandbox, overrides: Partial<BookingClientConfig> = {}): RecordingClient {
  const events: BookingRequestEvent[] = [];
  const waits: number[] = [];
  const client = createBookingClient({
    baseUrl: sandbox.messagingBaseUrl,
    auth: { type: "basic", username: BASIC_USERNAME, password: BASIC_PASSWORD },
    timeoutMs: 5_000,
    random: () => 0.5,
    sleep: async (ms) => {
      waits.push(ms);
      await new Promise((resolve) => setTimeout(resolve, Math.min(ms, 5)));
    },
    onRequest: (event) => events.push(event),
    ...overrides,
  });
  return { client, events, waits };
}

export function tokenAuth(sandbox: TestSandbox, secret = TOKEN_CLIENT_SECRET): BookingClientConfig["auth"] {
  return { type: "token", clientId: TOKEN_CLIENT_ID, clientSecret: secret, tokenUrl: sandbox.tokenUrl };
}

/** Reads and confirms until the queue is empty, so a test starts from a known queue. */
export async function drainQueue(client: BookingClient): Promise<void> {
  for (let round = 0; round < 1_000; round++) {
    const batch = await client.readQueue();
    if (batch.numberOfMessages === 0) return;
    await client.confirmQueue(batch.numberOfMessages);
  }
  throw new Error("queue did not drain");
}

/** A small valid PNG header followed by filler: the sandbox checks image types by their first bytes. */
export function pngBytes(size: number, seed = 1): Uint8Array {
  const bytes = new Uint8Array(size);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  let state = seed;
  for (let i = 8; i < size; i++) {
    state = (state * 1_103_515_245 + 12_345) & 0x7fffffff;
    bytes[i] = state & 0xff;
  }
  return bytes;
}
