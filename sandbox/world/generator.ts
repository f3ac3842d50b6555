import { randomBytes } from "node:crypto";
import { formatStayDate, languagePack, newReservationId } from "./bookings";
import type { VirtualClock } from "./clock";
import { DEMO_PROPERTIES, LANGUAGES, REQUEST_TO_BOOK_EVENTS, SELF_SERVICE_CONTENT, fillTemplate, NO_ACCESS_PROPERTY_ID } from "./demo-content";
import { generatePng } from "./images";
import { createRng } from "./random";
import { addSeedAnchors } from "./seed-anchors";
import { addDays, localDateOf, localTimeToUtcMs } from "./time-zones";
import { SELF_SERVICE_TOPICS, type ConversationRecord, type MessageType, type SenderRole } from "./types";
import { World } from "./world";

// Builds the demo world from a seed: the same seed and clock start give the same world, byte for
// byte. Sizes go up to 100,000 conversations for benchmarks, so the hot loop avoids Intl calls and
// anything per-message that is not needed.

export interface AccountConfig {
  id: string;
  username: string;
  password: string;
  clientId: string;
  clientSecret: string;
  /** Property ids, or "all-demo" = every demo property except the no-access one. */
  properties: number[] | "all-demo";
  latestEnabled: boolean;
}

export interface AffiliateConfig {
  id: number;
  token: string;
}

export interface GenerateOptions {
  seed: string;
  conversations: number;
  clock: VirtualClock;
  accounts: AccountConfig[];
  affiliates: AffiliateConfig[];
  tokenSigningKey?: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
/** Generated messages newer than this are still waiting in the queues (as if not yet polled). */
const STILL_QUEUED_MS = DAY;

export function resolveAccountProperties(config: AccountConfig): number[] {
  return config.properties === "all-demo"
    ? DEMO_PROPERTIES.map((p) => p.id).filter((id) => id !== NO_ACCESS_PROPERTY_ID)
    : [...config.properties];
}

export function generateWorld(options: GenerateOptions): World {
  const world = World.empty(options.seed, options.clock, options.tokenSigningKey ?? randomBytes(32).toString("hex"));
  const rng = world.rng;
  const nowMs = options.clock.now();

  for (const demo of DEMO_PROPERTIES) {
    world.addProperty({
      id: demo.id,
      name: demo.name,
      timeZone: demo.timeZone,
      participantId: demo.participantId ?? world.newNameId(),
      linkAllowlist: [...demo.linkAllowlist],
      welcomeTemplate: { id: String(10_000 + (demo.id % 90_000)), name: "Welcome Template" },
      emailAlias: `property-${demo.id}@property.booking.com`,
    });
  }
  for (const account of options.accounts) {
    world.addAccount({
      id: account.id,
      username: account.username,
      password: account.password,
      clientId: account.clientId,
      clientSecret: account.clientSecret,
      propertyIds: resolveAccountProperties(account),
      latestEnabled: account.latestEnabled,
      queue: [],
      queueHead: 0,
      recentlyConfirmed: [],
      tokenIssuedAtMs: [],
    });
  }
  for (const affiliate of options.affiliates) world.addAffiliate({ id: affiliate.id, token: affiliate.token, pending: [] });
  const affiliateId = options.affiliates[0]?.id ?? null;

  // A small pool of real PNGs, shared by the generated attachments (each attachment has its own id).
  const imageRng = createRng(`${options.seed}:images`);
  const pngs = Array.from({ length: 6 }, () =>
    generatePng(imageRng.int(24, 64), imageRng.int(24, 48), [imageRng.int(0, 255), imageRng.int(0, 255), imageRng.int(0, 255)], [imageRng.int(0, 255), imageRng.int(0, 255), imageRng.int(0, 255)]),
  );
  addSeedAnchors(world, nowMs, pngs[0] as Buffer, affiliateId);

  const properties = [...world.properties.values()];
  const todayUtcMs = Math.floor(nowMs / DAY) * DAY;
  // One zone offset per property (taken at "now"): exact enough for generated history, and it keeps
  // Intl out of the per-conversation loop.
  const zoneOffset = new Map(properties.map((p) => [p.id, Date.UTC(...isoParts(localDateOf(nowMs, p.timeZone)), 12) - localTimeToUtcMs(localDateOf(nowMs, p.timeZone), 12, p.timeZone)]));

  for (let i = 0; i < options.conversations; i++) {
    const property = properties[i % properties.length] ?? (properties[0] as (typeof properties)[number]);
    const pack = rng.pick(LANGUAGES);
    const guestName = `${rng.pick(pack.firstNames)} ${rng.pick(pack.lastNames)}`;
    const checkinDay = rng.int(-45, 60);
    const nights = rng.int(1, 7);
    const checkin = isoDate(todayUtcMs + checkinDay * DAY);
    const checkout = addDays(checkin, nights);
    const offset = zoneOffset.get(property.id) ?? 0;
    const checkinMs = todayUtcMs + checkinDay * DAY + 15 * HOUR - offset;
    const checkoutMs = todayUtcMs + (checkinDay + nights) * DAY + 12 * HOUR - offset;
    const bookedAtMs = Math.min(nowMs - rng.int(1, 48) * HOUR, checkinMs - rng.int(1, 120) * DAY);
    const isRequestToBook = rng.chance(0.07);
    const cancelled = !isRequestToBook && rng.chance(0.06);
    const cancelledAtMs = cancelled ? bookedAtMs + Math.floor(rng.next() * Math.max(HOUR, Math.min(nowMs, checkinMs) - bookedAtMs)) : null;

    let conversation: ConversationRecord;
    const guest = { participantId: world.newNameId(), name: guestName, language: pack.code, hasAccount: rng.chance(0.9) };
    if (isRequestToBook) {
      const bookingRequestId = String(rng.int(100_000_000_000, 999_999_999_999));
      const status = checkinMs < nowMs ? "confirmed" : rng.pick(["pending", "pending", "confirmed", "confirmed", "rejected"] as const);
      const reservationId = status === "confirmed" ? newReservationId(world) : null;
      conversation = world.addConversation({
        propertyId: property.id,
        type: "request_to_book",
        reference: reservationId ?? bookingRequestId,
        reservationId,
        requestToBook: { bookingRequestId, status },
        affiliateId,
        guest,
        stay: { checkin, checkout },
        cancelledAtMs: status === "rejected" ? bookedAtMs + 6 * HOUR : null,
        createdAtMs: bookedAtMs,
      });
    } else {
      const reservationId = newReservationId(world);
      conversation = world.addConversation({
        propertyId: property.id,
        type: "reservation",
        reference: reservationId,
        reservationId,
        affiliateId,
        guest,
        stay: { checkin, checkout },
        cancelledAtMs,
        createdAtMs: bookedAtMs,
      });
    }

    // The story: timestamps spread between booking and a little after the stay (never after now).
    const endMs = Math.min(nowMs - MINUTE, (cancelledAtMs ?? checkoutMs) + 9 * DAY);
    const isEmpty = !isRequestToBook && rng.chance(0.08);
    const count = isEmpty ? 0 : rng.int(1, 6);
    const times: number[] = [];
    for (let k = 0; k < count; k++) times.push(bookedAtMs + MINUTE + Math.floor(rng.next() * Math.max(MINUTE, endMs - bookedAtMs - MINUTE)));
    times.sort((a, b) => a - b);
    const deliver = (t: number) => ({ propertyQueues: t >= nowMs - STILL_QUEUED_MS, affiliate: t >= nowMs - STILL_QUEUED_MS });

    const plan: { sender: SenderRole; type: MessageType; content: string; topic?: (typeof SELF_SERVICE_TOPICS)[number] }[] = [];
    if (isRequestToBook) {
      plan.push({ sender: "guest", type: "free_text", content: rng.pick(pack.guestMessages) });
      plan.push({ sender: "guest", type: "request_to_book_event", content: REQUEST_TO_BOOK_EVENTS.requested });
      const status = conversation.requestToBook?.status;
      if (status === "confirmed") {
        plan.push({ sender: "property", type: "request_to_book_event", content: REQUEST_TO_BOOK_EVENTS.accepted });
        plan.push({ sender: "guest", type: "request_to_book_event", content: REQUEST_TO_BOOK_EVENTS.confirmed });
      } else if (status === "rejected") {
        plan.push({ sender: "property", type: "request_to_book_event", content: REQUEST_TO_BOOK_EVENTS.rejected });
      }
      while (times.length < plan.length) times.push((times[times.length - 1] ?? bookedAtMs) + MINUTE);
    } else if (count > 0) {
      plan.push({
        sender: "property",
        type: "automatically_sent_template",
        content: fillTemplate(pack.welcome, { guest: guestName.split(" ")[0] ?? guestName, hotel: property.name, checkin: formatStayDate(checkin, pack.code) }),
      });
      for (let k = 1; k < count; k++) {
        const sender: SenderRole = k % 2 === 1 ? "guest" : "property";
        if (sender === "guest" && rng.chance(0.15)) {
          const topic = rng.pick(SELF_SERVICE_TOPICS);
          plan.push({ sender, type: "self_service_event", content: SELF_SERVICE_CONTENT[topic], topic });
        } else {
          plan.push({
            sender,
            type: rng.chance(0.1) ? "email" : "free_text",
            content: sender === "guest" ? rng.pick(pack.guestMessages) : rng.pick(languagePack(pack.code).propertyReplies),
          });
        }
      }
      // The welcome template goes out within minutes of the booking.
      times[0] = Math.min(times[0] ?? bookedAtMs, bookedAtMs + 2 * MINUTE);
    }

    let lastPropertyIndex = -1;
    plan.forEach((step, k) => {
      if (step.sender === "property") lastPropertyIndex = k;
    });
    plan.forEach((step, k) => {
      const timestampMs = Math.min(times[k] ?? endMs, nowMs - MINUTE);
      const attach = !isRequestToBook && step.type !== "automatically_sent_template" && step.type !== "self_service_event" && rng.chance(0.05);
      const attachmentIds: string[] = [];
      if (attach) {
        const id = world.newTimeId(timestampMs);
        world.attachments.set(id, { id, conversationId: conversation.id, fileName: `photo-${k + 1}.png`, fileType: "image/png", data: rng.pick(pngs), createdAtMs: timestampMs });
        attachmentIds.push(id);
      }
      // Read tags: the property has read guest messages it answered; guests read older replies.
      const readBy =
        step.sender === "guest"
          ? k < lastPropertyIndex
            ? [property.participantId]
            : []
          : timestampMs < nowMs - 2 * HOUR && rng.chance(0.6)
            ? [guest.participantId]
            : [];
      world.addMessage({
        conversationId: conversation.id,
        sender: step.sender,
        type: step.type,
        content: step.content,
        attachmentIds,
        attributes:
          step.type === "automatically_sent_template"
            ? { template_id: property.welcomeTemplate.id, template_name: property.welcomeTemplate.name }
            : step.topic
              ? { self_service_topic: step.topic }
              : null,
        origin: "generated",
        timestampMs,
        readBy,
        deliver: deliver(timestampMs),
      });
    });
    if (plan.length > 0 && !isRequestToBook && rng.chance(0.1)) conversation.noReplyNeeded = true;
  }

  world.sortQueues();
  world.sortAffiliatePending();
  return world;
}

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

function isoParts(date: string): [number, number, number] {
  const [y = 1970, m = 1, d = 1] = date.split("-").map(Number);
  return [y, m - 1, d];
}
