// The audit log: who changed what in the admin settings, with the state before and after. Every
// mutating lib/admin function calls recordAudit inside its own transaction, so a change and its
// audit entry are committed together or not at all.
import type { Viewer } from "../auth/guard";
import type { Prisma } from "../generated/prisma/client";

export type AuditTargetType = "connection" | "property" | "user" | "saved_reply" | "outbound_action" | "label";

export type AuditEntryInput = {
  action: string;
  targetType: AuditTargetType;
  targetId: string | null;
  before?: unknown;
  after?: unknown;
};

export const REDACTED = "[redacted]";

// Any key that looks like a credential is replaced, whatever the caller passed: snapshots are built
// from redacted views already, this is the safety net that keeps a slip out of the log for good.
const SECRET_KEY = /password|secret|token|hash|encrypted/i;
// Booleans such as `passwordSet` say only that a secret exists; they are useful and not sensitive.
const SAFE_SECRET_FLAG = /(Set|Changed|Replaced)$/;

export function redactSecrets(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactSecrets);
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value)) {
      if (SECRET_KEY.test(key) && !(SAFE_SECRET_FLAG.test(key) && typeof inner === "boolean")) {
        out[key] = inner === null || inner === undefined ? inner ?? null : REDACTED;
      } else {
        out[key] = redactSecrets(inner);
      }
    }
    return out;
  }
  if (typeof value === "bigint") return value.toString();
  return value;
}

export async function recordAudit(tx: Prisma.TransactionClient, actor: Pick<Viewer, "id" | "email"> | null, entry: AuditEntryInput): Promise<void> {
  await tx.auditLog.create({
    data: {
      actorId: actor?.id ?? null,
      actorEmail: actor?.email ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId,
      before: toJson(entry.before),
      after: toJson(entry.after),
    },
  });
}

function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return redactSecrets(value) as Prisma.InputJsonValue;
}
