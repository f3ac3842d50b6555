import { VirtualClock } from "./clock";
import { nameBasedUuid, timeUuid } from "./ids";
import { createRng, type Rng } from "./random";
import type {
  AffiliateRecord,
  AttachmentRecord,
  ChunkUploadRecord,
  ConversationRecord,
  ConversationType,
  MachineAccountRecord,
  MessageAttributes,
  MessageOrigin,
  MessageRecord,
  MessageType,
  PropertyRecord,
  SearchJobRecord,
  SenderRole,
} from "./types";

// The one store both API sides share. It holds records and keeps the derived indexes (lookups by
// reference, per-property activity order, queues) in step; it knows nothing about HTTP.

export interface NewMessage {
  conversationId: string;
  sender: SenderRole;
  type: MessageType;
  content: string;
  attachmentIds?: string[];
  attributes?: MessageAttributes | null;
  origin: MessageOrigin;
  /** Generated history passes its own time and id; live messages are stamped by the clock. */
  timestampMs?: number;
  id?: string;
  readBy?: string[];
  /** Generated history decides itself what is still queued. Live messages are always delivered. */
  deliver?: { propertyQueues: boolean; affiliate: boolean };
}

export interface NewConversation {
  id?: string;
  propertyId: number;
  type: ConversationType;
  reference: string;
  reservationId: string | null;
  requestToBook?: ConversationRecord["requestToBook"];
  affiliateId: number | null;
  guest: ConversationRecord["guest"];
  stay: ConversationRecord["stay"];
  cancelledAtMs?: number | null;
  noReplyNeeded?: boolean;
  createdAtMs?: number;
}

export class World {
  readonly properties = new Map<number, PropertyRecord>();
  readonly conversations = new Map<string, ConversationRecord>();
  readonly messages = new Map<string, MessageRecord>();
  readonly attachments = new Map<string, AttachmentRecord>();
  readonly chunkUploads = new Map<string, ChunkUploadRecord>();
  readonly searchJobs = new Map<string, SearchJobRecord>();
  readonly accounts: MachineAccountRecord[] = [];
  readonly affiliates = new Map<number, AffiliateRecord>();

  /** Called after every change, so persistence can schedule a write. */
  onChange: () => void = () => {};

  private nextConversationSeq = 1;
  private nextMessageSeq = 1;
  private readonly byReference = new Map<string, string>();
  private readonly byProperty = new Map<number, ConversationRecord[]>();
  private readonly sortedByActivity = new Map<number, ConversationRecord[]>();
  private readonly affiliatePending = new Map<number, Set<string>>();

  constructor(
    readonly seed: string,
    readonly clock: VirtualClock,
    public rng: Rng,
    /** HS256 key for the simulated token exchange; kept with the world so tokens survive a restart. */
    readonly tokenSigningKey: string,
  ) {}

  static empty(seed: string, clock: VirtualClock, tokenSigningKey: string): World {
    return new World(seed, clock, createRng(seed), tokenSigningKey);
  }

  // ---------- ids ----------

  newTimeId(ms = this.clock.now()): string {
    return timeUuid(ms, this.rng);
  }

  newNameId(): string {
    return nameBasedUuid(this.rng);
  }

  // ---------- properties and accounts ----------

  addProperty(property: PropertyRecord): void {
    this.properties.set(property.id, property);
    if (!this.byProperty.has(property.id)) this.byProperty.set(property.id, []);
  }

  addAccount(account: MachineAccountRecord): void {
    this.accounts.push(account);
  }

  addAffiliate(affiliate: AffiliateRecord): void {
    this.affiliates.set(affiliate.id, affiliate);
    this.affiliatePending.set(affiliate.id, new Set(affiliate.pending));
  }

  accountHasProperty(account: MachineAccountRecord, propertyId: number): boolean {
    return account.propertyIds.includes(propertyId);
  }

  // ---------- conversations ----------

  addConversation(input: NewConversation): ConversationRecord {
    const createdAtMs = input.createdAtMs ?? this.clock.stampEvent();
    const conversation: ConversationRecord = {
      id: input.id ?? this.newNameId(),
      seq: this.nextConversationSeq++,
      propertyId: input.propertyId,
      type: input.type,
      reference: input.reference,
      reservationId: input.reservationId,
      requestToBook: input.requestToBook ?? null,
      affiliateId: input.affiliateId,
      guest: input.guest,
      stay: input.stay,
      cancelledAtMs: input.cancelledAtMs ?? null,
      noReplyNeeded: input.noReplyNeeded ?? false,
      messageIds: [],
      createdAtMs,
      lastActivityMs: createdAtMs,
      lastGuestMessageMs: null,
    };
    this.indexConversation(conversation);
    this.onChange();
    return conversation;
  }

  /** Used by persistence to put back a stored record as it was. */
  restoreConversation(conversation: ConversationRecord): void {
    this.nextConversationSeq = Math.max(this.nextConversationSeq, conversation.seq + 1);
    this.indexConversation(conversation);
  }

  restoreMessage(message: MessageRecord): void {
    this.nextMessageSeq = Math.max(this.nextMessageSeq, message.seq + 1);
    this.messages.set(message.id, message);
  }

  private indexConversation(conversation: ConversationRecord): void {
    this.conversations.set(conversation.id, conversation);
    this.addReference(conversation, conversation.type, conversation.reference);
    if (conversation.reservationId !== null) {
      this.addReference(conversation, "reservation", conversation.reservationId);
      this.addReference(conversation, conversation.type, conversation.reservationId);
    }
    if (conversation.requestToBook) {
      this.addReference(conversation, "request_to_book", conversation.requestToBook.bookingRequestId);
    }
    let list = this.byProperty.get(conversation.propertyId);
    if (!list) {
      list = [];
      this.byProperty.set(conversation.propertyId, list);
    }
    list.push(conversation);
    this.sortedByActivity.delete(conversation.propertyId);
  }

  addReference(conversation: ConversationRecord, type: ConversationType, reference: string): void {
    this.byReference.set(`${conversation.propertyId}|${type}|${reference}`, conversation.id);
  }

  findByReference(propertyId: number, type: ConversationType, reference: string): ConversationRecord | undefined {
    const id = this.byReference.get(`${propertyId}|${type}|${reference}`);
    return id === undefined ? undefined : this.conversations.get(id);
  }

  findByReservation(reservationId: string): ConversationRecord | undefined {
    for (const property of this.properties.values()) {
      const found = this.findByReference(property.id, "reservation", reservationId);
      if (found) return found;
    }
    return undefined;
  }

  /** Newest activity first (the order of GET /properties/{id}/conversations); ties by creation order. */
  conversationsByActivity(propertyId: number): ConversationRecord[] {
    let sorted = this.sortedByActivity.get(propertyId);
    if (!sorted) {
      sorted = [...(this.byProperty.get(propertyId) ?? [])].sort(
        (a, b) => b.lastActivityMs - a.lastActivityMs || b.seq - a.seq,
      );
      this.sortedByActivity.set(propertyId, sorted);
    }
    return sorted;
  }

  conversationCount(propertyId: number): number {
    return this.byProperty.get(propertyId)?.length ?? 0;
  }

  messagesOf(conversation: ConversationRecord): MessageRecord[] {
    const out: MessageRecord[] = [];
    for (const id of conversation.messageIds) {
      const message = this.messages.get(id);
      if (message) out.push(message);
    }
    return out;
  }

  touch(conversation: ConversationRecord): void {
    this.sortedByActivity.delete(conversation.propertyId);
    this.onChange();
  }

  // ---------- messages ----------

  addMessage(input: NewMessage): MessageRecord {
    const conversation = this.conversations.get(input.conversationId);
    if (!conversation) throw new Error(`Unknown conversation ${input.conversationId}`);
    const timestampMs = input.timestampMs ?? this.clock.stampEvent();
    if (input.timestampMs !== undefined) this.clock.noteEvent(timestampMs);
    const message: MessageRecord = {
      id: input.id ?? this.newTimeId(timestampMs),
      seq: this.nextMessageSeq++,
      conversationId: conversation.id,
      sender: input.sender,
      type: input.type,
      content: input.content,
      timestampMs,
      attachmentIds: input.attachmentIds ?? [],
      attributes: input.attributes ?? null,
      readBy: input.readBy ?? [],
      origin: input.origin,
    };
    this.messages.set(message.id, message);
    conversation.messageIds.push(message.id);
    if (timestampMs >= conversation.lastActivityMs) conversation.lastActivityMs = timestampMs;
    if (message.sender === "guest" && timestampMs > (conversation.lastGuestMessageMs ?? -Infinity)) {
      conversation.lastGuestMessageMs = timestampMs;
    }
    this.sortedByActivity.delete(conversation.propertyId);

    const deliver = input.deliver ?? { propertyQueues: true, affiliate: true };
    if (deliver.propertyQueues) this.enqueueForProperty(message, conversation.propertyId);
    if (deliver.affiliate && conversation.affiliateId !== null) this.addAffiliatePending(conversation.affiliateId, message.id);
    this.onChange();
    return message;
  }

  // ---------- property-side queue (one FIFO per machine account) ----------

  /**
   * Every new message, from either side, goes into the queue of every machine account that has the
   * property and has /messages/latest enabled (doc §5). Whether messages the partner posted itself
   * through the API are queued is not documented; we guess yes (the docs' queue examples are all
   * property messages).
   */
  enqueueForProperty(message: MessageRecord, propertyId: number): void {
    for (const account of this.accounts) {
      if (account.latestEnabled && this.accountHasProperty(account, propertyId)) account.queue.push(message.id);
    }
  }

  queueLength(account: MachineAccountRecord): number {
    return account.queue.length - account.queueHead;
  }

  /** The head of the queue, without removing anything (GET /messages/latest). */
  peekQueue(account: MachineAccountRecord, max: number): MessageRecord[] {
    const out: MessageRecord[] = [];
    for (let i = account.queueHead; i < account.queue.length && out.length < max; i++) {
      const id = account.queue[i];
      const message = id === undefined ? undefined : this.messages.get(id);
      if (message) out.push(message);
    }
    return out;
  }

  /** PUT /messages?number_of_messages=N removes the first N (FIFO). Returns how many were removed. */
  confirmQueue(account: MachineAccountRecord, count: number): number {
    const removed = Math.min(count, this.queueLength(account));
    const confirmed = account.queue.slice(account.queueHead, account.queueHead + removed);
    account.queueHead += removed;
    account.recentlyConfirmed.push(...confirmed);
    if (account.recentlyConfirmed.length > 1000) account.recentlyConfirmed.splice(0, account.recentlyConfirmed.length - 1000);
    // Compact now and then so the array does not grow without bound.
    if (account.queueHead > 1024 && account.queueHead * 2 > account.queue.length) {
      account.queue.splice(0, account.queueHead);
      account.queueHead = 0;
    }
    if (removed > 0) this.onChange();
    return removed;
  }

  /** Fault: put already-confirmed messages back at the head of the queue. */
  redeliverConfirmed(account: MachineAccountRecord, count: number): number {
    const again = account.recentlyConfirmed.slice(-count);
    account.queue.splice(account.queueHead, 0, ...again);
    if (again.length > 0) this.onChange();
    return again.length;
  }

  /** Fault: the first `count` queued messages appear twice, each copy right after its original. */
  duplicateQueueHead(account: MachineAccountRecord, count: number): number {
    const head = account.queue.slice(account.queueHead, account.queueHead + count);
    const doubled = head.flatMap((id) => [id, id]);
    account.queue.splice(account.queueHead, head.length, ...doubled);
    if (head.length > 0) this.onChange();
    return head.length;
  }

  // ---------- guest-side delivery (Demand API /messages/latest) ----------

  private addAffiliatePending(affiliateId: number, messageId: string): void {
    const affiliate = this.affiliates.get(affiliateId);
    const pending = this.affiliatePending.get(affiliateId);
    if (!affiliate || !pending || pending.has(messageId)) return;
    affiliate.pending.push(messageId);
    pending.add(messageId);
  }

  /** Newest first, at most `max`, everything not yet confirmed (so unconfirmed ones come back). */
  affiliateLatest(affiliateId: number, max: number): MessageRecord[] {
    const affiliate = this.affiliates.get(affiliateId);
    const pending = this.affiliatePending.get(affiliateId);
    if (!affiliate || !pending) return [];
    const out: MessageRecord[] = [];
    for (let i = affiliate.pending.length - 1; i >= 0 && out.length < max; i--) {
      const id = affiliate.pending[i];
      if (id === undefined || !pending.has(id)) continue;
      const message = this.messages.get(id);
      if (message) out.push(message);
    }
    return out.sort((a, b) => b.timestampMs - a.timestampMs || b.seq - a.seq);
  }

  affiliatePendingCount(affiliateId: number): number {
    return this.affiliatePending.get(affiliateId)?.size ?? 0;
  }

  affiliateConfirm(affiliateId: number, messageIds: readonly string[]): void {
    const affiliate = this.affiliates.get(affiliateId);
    const pending = this.affiliatePending.get(affiliateId);
    if (!affiliate || !pending) return;
    let changed = false;
    for (const id of messageIds) changed = pending.delete(id) || changed;
    if (changed && pending.size * 2 < affiliate.pending.length) {
      affiliate.pending = affiliate.pending.filter((id) => pending.has(id));
    }
    if (changed) this.onChange();
  }

  /** The affiliate's pending list in stored form (confirmed ids dropped). */
  affiliatePendingIds(affiliateId: number): string[] {
    const affiliate = this.affiliates.get(affiliateId);
    const pending = this.affiliatePending.get(affiliateId);
    if (!affiliate || !pending) return [];
    return affiliate.pending.filter((id) => pending.has(id));
  }

  /** Generated history is created conversation by conversation; delivery order must be by time. */
  sortAffiliatePending(): void {
    for (const affiliate of this.affiliates.values()) {
      affiliate.pending.sort((a, b) => (this.messages.get(a)?.timestampMs ?? 0) - (this.messages.get(b)?.timestampMs ?? 0));
    }
  }

  sortQueues(): void {
    for (const account of this.accounts) {
      const live = account.queue.slice(account.queueHead);
      live.sort((a, b) => {
        const x = this.messages.get(a);
        const y = this.messages.get(b);
        return (x?.timestampMs ?? 0) - (y?.timestampMs ?? 0) || (x?.seq ?? 0) - (y?.seq ?? 0);
      });
      account.queue = live;
      account.queueHead = 0;
    }
  }
}
