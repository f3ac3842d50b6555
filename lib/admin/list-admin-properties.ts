// Every property with what an admin needs to manage it: its connection, backfill progress and
// welcome message. Admin-only (the route is behind withViewer({ role: "admin" })), so unscoped.
import { AppError } from "../api/errors";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";

export type AdminPropertyView = {
  id: string;
  name: string;
  timeZone: string;
  enabled: boolean;
  connectionId: string | null;
  connectionName: string | null;
  backfillState: "pending" | "running" | "done" | "failed";
  backfillDone: number;
  backfillTotal: number | null;
  backfillStartedAt: string | null;
  backfillFinishedAt: string | null;
  backfillError: string | null;
  welcomeReplyId: string | null;
  welcomeReplyTitle: string | null;
};

const select = {
  id: true,
  name: true,
  timeZone: true,
  enabled: true,
  connectionId: true,
  connection: { select: { name: true } },
  backfillState: true,
  backfillDone: true,
  backfillTotal: true,
  backfillStartedAt: true,
  backfillFinishedAt: true,
  backfillError: true,
  welcomeReplyId: true,
  welcomeReply: { select: { title: true } },
} satisfies Prisma.PropertySelect;

type Row = Prisma.PropertyGetPayload<{ select: typeof select }>;

export async function listAdminProperties(): Promise<AdminPropertyView[]> {
  const rows = await db().property.findMany({ orderBy: { name: "asc" }, select });
  return rows.map(toAdminPropertyView);
}

export async function getAdminProperty(client: Prisma.TransactionClient, propertyId: string): Promise<AdminPropertyView> {
  const row = await client.property.findUnique({ where: { id: propertyId }, select });
  if (!row) throw AppError.worded("not_found", "properties.notFound");
  return toAdminPropertyView(row);
}

function toAdminPropertyView(row: Row): AdminPropertyView {
  return {
    id: row.id,
    name: row.name,
    timeZone: row.timeZone,
    enabled: row.enabled,
    connectionId: row.connectionId,
    connectionName: row.connection?.name ?? null,
    backfillState: row.backfillState,
    backfillDone: row.backfillDone,
    backfillTotal: row.backfillTotal,
    backfillStartedAt: row.backfillStartedAt?.toISOString() ?? null,
    backfillFinishedAt: row.backfillFinishedAt?.toISOString() ?? null,
    backfillError: row.backfillError,
    welcomeReplyId: row.welcomeReplyId,
    welcomeReplyTitle: row.welcomeReply?.title ?? null,
  };
}
