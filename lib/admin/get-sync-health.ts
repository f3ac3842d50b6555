// Sync health per connection, read from what the poller records on the connection row and from the
// messages table (stored_at), plus every outbound action or reply that failed for good, with its
// reason in the admin's language when the worker stored its words.
import { englishWords, type SayWords } from "../api/errors";
import { db } from "../db";
import { sayStored } from "../i18n/stored-words";
import { pollerStatus } from "../sync/status";

export type HourBucket = { hour: string; count: number };

export type ConnectionHealth = {
  id: string;
  name: string;
  enabled: boolean;
  pollIntervalSeconds: number;
  lastPollAt: string | null;
  lastPollStored: number | null;
  queueBacklogSeen: number | null;
  lastErrorAt: string | null;
  lastError: string | null;
  lastErrorRuid: string | null;
  lastReconcileAt: string | null;
  storedLastHour: number;
  storedLastDay: number;
  /** Some Bellhop instance (the sync worker) holds this connection's poller lock. */
  pollerRunning: boolean;
  /** This very process holds it (true only when the web process runs the poller itself). */
  pollerHeldHere: boolean;
  /** 24 hourly buckets, oldest first, the last one being the current hour. */
  perHour: HourBucket[];
};

export type FailedOutbound = {
  /** The OutboundAction id, or null for a reply whose message failed without a failed action row. */
  actionId: string | null;
  messageId: string | null;
  kind: string;
  propertyId: string;
  propertyName: string;
  conversationId: string;
  guestName: string | null;
  reference: string;
  reason: string;
  ruid: string | null;
  attempts: number | null;
  failedAt: string;
  preview: string | null;
};

export type SyncHealth = { connections: ConnectionHealth[]; failed: FailedOutbound[] };

const HOUR_MS = 60 * 60 * 1000;

export async function getSyncHealth(say: SayWords = englishWords, now = new Date()): Promise<SyncHealth> {
  const [connections, pollers] = await Promise.all([db().bookingConnection.findMany({ orderBy: { createdAt: "asc" } }), pollerStatus()]);
  const health = await Promise.all(
    connections.map(async (connection): Promise<ConnectionHealth> => {
      const stats = await messageStats(connection.id, now);
      const poller = pollers.find((status) => status.connectionId === connection.id);
      return {
        id: connection.id,
        name: connection.name,
        enabled: connection.enabled,
        pollIntervalSeconds: connection.pollIntervalSeconds,
        lastPollAt: connection.lastPollAt?.toISOString() ?? null,
        lastPollStored: connection.lastPollStored,
        queueBacklogSeen: connection.queueBacklogSeen,
        lastErrorAt: connection.lastErrorAt?.toISOString() ?? null,
        lastError: connection.lastError === null ? null : sayStored(connection.lastError, connection.lastErrorWords, say),
        lastErrorRuid: connection.lastErrorRuid,
        lastReconcileAt: connection.lastReconcileAt?.toISOString() ?? null,
        pollerRunning: poller?.pollerRunning ?? false,
        pollerHeldHere: poller?.heldByThisProcess ?? false,
        ...stats,
      };
    }),
  );
  return { connections: health, failed: await listFailedOutbound(say) };
}

async function messageStats(connectionId: string, now: Date): Promise<Pick<ConnectionHealth, "storedLastHour" | "storedLastDay" | "perHour">> {
  const currentHour = Math.floor(now.getTime() / HOUR_MS) * HOUR_MS;
  const since = new Date(currentHour - 23 * HOUR_MS);
  const rows = await db().$queryRaw<{ hour: Date; count: number }[]>`
    select date_bin('1 hour', m.stored_at, timestamptz 'epoch') as hour, count(*)::int as count
    from messages m join properties p on p.id = m.property_id
    where p.connection_id = ${connectionId}::uuid and m.stored_at >= ${since}
    group by 1`;
  const byHour = new Map(rows.map((row) => [row.hour.getTime(), row.count]));
  const perHour = Array.from({ length: 24 }, (_, index) => {
    const hour = since.getTime() + index * HOUR_MS;
    return { hour: new Date(hour).toISOString(), count: byHour.get(hour) ?? 0 };
  });
  const [lastHour, lastDay] = await Promise.all(
    [HOUR_MS, 24 * HOUR_MS].map((window) =>
      db().message.count({ where: { storedAt: { gt: new Date(now.getTime() - window) }, conversation: { property: { connectionId } } } }),
    ),
  );
  return { storedLastHour: lastHour ?? 0, storedLastDay: lastDay ?? 0, perHour };
}

async function listFailedOutbound(say: SayWords): Promise<FailedOutbound[]> {
  const failedWithoutReason = say({ key: "sending.failedWithoutReason" });
  const sendError = (message: { sendError: string | null; sendErrorWords: unknown } | undefined) =>
    !message || message.sendError === null ? null : sayStored(message.sendError, message.sendErrorWords, say);
  const conversation = { select: { id: true, guestName: true, reference: true, propertyId: true, property: { select: { name: true } } } } as const;
  const [actions, messages] = await Promise.all([
    db().outboundAction.findMany({ where: { state: "failed" }, orderBy: { updatedAt: "desc" }, take: 100, include: { conversation } }),
    db().message.findMany({ where: { sendState: "failed" }, orderBy: { sentAt: "desc" }, take: 100, include: { conversation } }),
  ]);
  const messagesById = new Map(messages.map((message) => [message.id, message]));
  const failed: FailedOutbound[] = actions.map((action) => {
    const message = action.messageId ? messagesById.get(action.messageId) : undefined;
    return {
      actionId: action.id,
      messageId: action.messageId,
      kind: action.kind,
      propertyId: action.conversation.propertyId,
      propertyName: action.conversation.property.name,
      conversationId: action.conversation.id,
      guestName: action.conversation.guestName,
      reference: action.conversation.reference,
      reason: (action.lastError === null ? null : sayStored(action.lastError, action.lastErrorWords, say)) ?? sendError(message) ?? failedWithoutReason,
      ruid: action.lastErrorRuid,
      attempts: action.attempts,
      failedAt: action.updatedAt.toISOString(),
      preview: message ? message.content.slice(0, 140) : null,
    };
  });
  // A failed reply whose action row is not failed (or gone) must still be visible and retryable.
  const covered = new Set(actions.map((action) => action.messageId).filter((id): id is string => id !== null));
  for (const message of messages) {
    if (covered.has(message.id)) continue;
    failed.push({
      actionId: null,
      messageId: message.id,
      kind: "reply",
      propertyId: message.conversation.propertyId,
      propertyName: message.conversation.property.name,
      conversationId: message.conversation.id,
      guestName: message.conversation.guestName,
      reference: message.conversation.reference,
      reason: sendError(message) ?? failedWithoutReason,
      ruid: null,
      attempts: null,
      failedAt: message.sentAt.toISOString(),
      preview: message.content.slice(0, 140),
    });
  }
  return failed;
}
