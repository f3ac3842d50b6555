// The sync part of /api/health: per connection, when the queue was last read successfully, the backlog
// seen, the last error (our message and Booking's ruid), and whether a poller holds the lock. No
// credentials, no URLs with secrets, no message content.
import { db } from "../db";
import { pollerStatus } from "./status";

export interface ConnectionSyncHealth {
  connectionId: string;
  name: string;
  enabled: boolean;
  pollerRunning: boolean;
  lastPollAt: string | null;
  lastPollStored: number | null;
  queueBacklogSeen: number | null;
  lastReconcileAt: string | null;
  lastError: { at: string; message: string; ruid: string | null } | null;
}

export async function syncHealth(): Promise<ConnectionSyncHealth[]> {
  const [connections, pollers] = await Promise.all([
    db().bookingConnection.findMany({
      select: { id: true, name: true, enabled: true, lastPollAt: true, lastPollStored: true, queueBacklogSeen: true, lastReconcileAt: true, lastErrorAt: true, lastError: true, lastErrorRuid: true },
      orderBy: { createdAt: "asc" },
    }),
    pollerStatus(),
  ]);
  const running = new Map(pollers.map((poller) => [poller.connectionId, poller.pollerRunning]));
  return connections.map((connection) => ({
    connectionId: connection.id,
    name: connection.name,
    enabled: connection.enabled,
    pollerRunning: running.get(connection.id) ?? false,
    lastPollAt: connection.lastPollAt?.toISOString() ?? null,
    lastPollStored: connection.lastPollStored,
    queueBacklogSeen: connection.queueBacklogSeen,
    lastReconcileAt: connection.lastReconcileAt?.toISOString() ?? null,
    lastError:
      connection.lastErrorAt && connection.lastError
        ? { at: connection.lastErrorAt.toISOString(), message: connection.lastError.slice(0, 300), ruid: connection.lastErrorRuid }
        : null,
  }));
}
