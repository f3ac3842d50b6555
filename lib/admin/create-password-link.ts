// One-time set-password links. The token is 32 random bytes shown once to the admin, who passes the
// link on (Bellhop sends no e-mail); only its sha256 is stored, so a database leak reveals no
// usable link. A link expires after 72 hours, works once, and a new link replaces older ones.
import { createHash, randomBytes } from "node:crypto";
import { AppError } from "../api/errors";
import type { Viewer } from "../auth/guard";
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { recordAudit } from "./record-audit";

export const SETUP_LINK_TTL_MS = 72 * 60 * 60 * 1000;

export type PasswordLink = { path: string; expiresAt: string };

export function hashSetupToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** Inside the caller's transaction (create-staff uses it too). */
export async function issuePasswordLink(tx: Prisma.TransactionClient, userId: string, now = new Date()): Promise<PasswordLink> {
  const token = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SETUP_LINK_TTL_MS);
  await tx.passwordSetupToken.deleteMany({ where: { userId, usedAt: null } });
  await tx.passwordSetupToken.create({ data: { tokenHash: hashSetupToken(token), userId, expiresAt } });
  return { path: `/set-password?token=${encodeURIComponent(token)}`, expiresAt: expiresAt.toISOString() };
}

export async function createPasswordLink(viewer: Viewer, userId: string): Promise<PasswordLink> {
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, active: true } });
    if (!user) throw AppError.worded("not_found", "staff.notFound");
    if (!user.active) throw AppError.worded("conflict", "staff.linkForInactive");
    const link = await issuePasswordLink(tx, userId);
    await recordAudit(tx, viewer, { action: "user.password_link", targetType: "user", targetId: userId, after: { linkExpiresAt: link.expiresAt } });
    return link;
  });
}
