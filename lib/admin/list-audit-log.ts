// The audit log, newest first, a page at a time.
import { db } from "../db";

export const AUDIT_PAGE_SIZE = 20;

export type AuditEntryView = {
  id: string;
  at: string;
  actorEmail: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
};

export async function listAuditLog(page: number): Promise<{ entries: AuditEntryView[]; page: number; pageCount: number; total: number }> {
  const [total, rows] = await Promise.all([
    db().auditLog.count(),
    db().auditLog.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: (page - 1) * AUDIT_PAGE_SIZE, take: AUDIT_PAGE_SIZE }),
  ]);
  return {
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)),
    entries: rows.map((row) => ({
      id: row.id.toString(),
      at: row.createdAt.toISOString(),
      actorEmail: row.actorEmail,
      action: row.action,
      targetType: row.targetType,
      targetId: row.targetId,
      before: row.before,
      after: row.after,
    })),
  };
}
