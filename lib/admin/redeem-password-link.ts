// The public side of a one-time link: /set-password?token=… checks it, then sets the password.
// Marking the token used is a conditional update (usedAt is null and not expired), so two tabs
// submitting the same link at once cannot both succeed.
import { AppError, englishWords, type ErrorWords } from "../api/errors";
import { hashPassword } from "../auth/passwords";
import { db } from "../db";
import { hashSetupToken } from "./create-password-link";
import { recordAudit } from "./record-audit";
import type { SetPasswordInput } from "./staff.validation";

/** Why a link cannot be used: `reason` in English, and its words, for the page to say in the reader's language. */
export type LinkStatus = { valid: true; name: string; email: string } | { valid: false; reason: string; words: ErrorWords };

const UNUSABLE: ErrorWords = { key: "setPassword.invalid" };

export async function checkPasswordLink(token: string, now = new Date()): Promise<LinkStatus> {
  const row = await db().passwordSetupToken.findUnique({ where: { tokenHash: hashSetupToken(token) }, include: { user: { select: { name: true, email: true, active: true } } } });
  if (!row || !row.user.active) return invalid(UNUSABLE);
  if (row.usedAt) return invalid({ key: "setPassword.used" });
  if (row.expiresAt <= now) return invalid({ key: "setPassword.expired" });
  return { valid: true, name: row.user.name, email: row.user.email };
}

function invalid(words: ErrorWords): LinkStatus {
  return { valid: false, reason: englishWords(words), words };
}

export async function redeemPasswordLink(input: SetPasswordInput, now = new Date()): Promise<{ email: string }> {
  const tokenHash = hashSetupToken(input.token);
  const passwordHash = await hashPassword(input.password); // outside the transaction: bcrypt is slow
  return db().$transaction(async (tx) => {
    const claimed = await tx.passwordSetupToken.updateMany({ where: { tokenHash, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
    if (claimed.count === 0) {
      const status = await checkPasswordLink(input.token, now);
      const { key, values } = status.valid ? UNUSABLE : status.words;
      throw AppError.worded("unprocessable", key, { values });
    }
    const token = await tx.passwordSetupToken.findUniqueOrThrow({ where: { tokenHash }, include: { user: { select: { id: true, email: true, active: true } } } });
    if (!token.user.active) throw AppError.worded("unprocessable", UNUSABLE.key);
    await tx.user.update({ where: { id: token.user.id }, data: { passwordHash } });
    await recordAudit(tx, { id: token.user.id, email: token.user.email }, { action: "user.password_set", targetType: "user", targetId: token.user.id, after: { via: "one-time link" } });
    return { email: token.user.email };
  });
}
