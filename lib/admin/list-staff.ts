// Every account (admins and staff) with its role, state and property access, for the Staff section.
import { AppError } from "../api/errors";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";

export type StaffView = {
  id: string;
  name: string;
  email: string;
  role: "admin" | "staff";
  active: boolean;
  propertyIds: string[];
  createdAt: string;
  /** When an unused one-time set-password link expires (null: none outstanding). */
  setupLinkExpiresAt: string | null;
};

function select(now: Date) {
  return {
    id: true,
    name: true,
    email: true,
    role: true,
    active: true,
    createdAt: true,
    access: { select: { propertyId: true }, orderBy: { propertyId: "asc" } },
    setupTokens: { where: { usedAt: null, expiresAt: { gt: now } }, select: { expiresAt: true }, orderBy: { expiresAt: "desc" }, take: 1 },
  } satisfies Prisma.UserSelect;
}

type Row = Prisma.UserGetPayload<{ select: ReturnType<typeof select> }>;

export async function listStaff(): Promise<StaffView[]> {
  const rows = await db().user.findMany({ orderBy: [{ active: "desc" }, { name: "asc" }], select: select(new Date()) });
  return rows.map(toStaffView);
}

export async function getStaff(client: Prisma.TransactionClient, userId: string): Promise<StaffView> {
  const row = await client.user.findUnique({ where: { id: userId }, select: select(new Date()) });
  if (!row) throw AppError.worded("not_found", "staff.notFound");
  return toStaffView(row);
}

function toStaffView(row: Row): StaffView {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role: row.role,
    active: row.active,
    propertyIds: row.access.map((access) => access.propertyId),
    createdAt: row.createdAt.toISOString(),
    setupLinkExpiresAt: row.setupTokens[0]?.expiresAt.toISOString() ?? null,
  };
}

/** The account as the audit log records it (never the password hash). */
export function staffAuditView(view: StaffView) {
  return { name: view.name, email: view.email, role: view.role, active: view.active, propertyIds: view.propertyIds };
}
