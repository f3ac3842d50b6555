// Creates an account: an admin (sees every property) or staff (sees the properties assigned here).
// The person gets either an initial password typed by the admin or a one-time set-password link.
import { randomBytes } from "node:crypto";
import { AppError } from "../api/errors";
import type { Viewer } from "../auth/guard";
import { hashPassword } from "../auth/passwords";
import { db } from "../db";
import { Prisma } from "../generated/prisma/client";
import { issuePasswordLink, type PasswordLink } from "./create-password-link";
import { getStaff, staffAuditView, type StaffView } from "./list-staff";
import { recordAudit } from "./record-audit";
import type { CreateStaffInput } from "./staff.validation";

export type CreateStaffResult = { user: StaffView; setupLink: PasswordLink | null };

export async function createStaff(viewer: Viewer, input: CreateStaffInput): Promise<CreateStaffResult> {
  // With a link, nobody knows the initial password: a random one nobody is told keeps the account
  // closed until the link is used.
  const initialPassword = input.setup === "password" && input.password ? input.password : randomBytes(32).toString("base64url");
  const passwordHash = await hashPassword(initialPassword);
  // Admins see every property through their role; access rows would only mislead later.
  const propertyIds = input.role === "admin" ? [] : [...new Set(input.propertyIds)];

  try {
    return await db().$transaction(async (tx) => {
      if (await tx.user.findUnique({ where: { email: input.email }, select: { id: true } })) throw duplicateEmail();
      await assertPropertiesExist(tx, propertyIds);
      const created = await tx.user.create({
        data: { name: input.name, email: input.email, role: input.role, passwordHash, access: { create: propertyIds.map((propertyId) => ({ propertyId })) } },
      });
      const setupLink = input.setup === "link" ? await issuePasswordLink(tx, created.id) : null;
      const user = await getStaff(tx, created.id);
      await recordAudit(tx, viewer, {
        action: "user.create",
        targetType: "user",
        targetId: user.id,
        after: { ...staffAuditView(user), initialCredential: input.setup === "link" ? "one-time link" : "password typed by an admin" },
      });
      return { user, setupLink };
    });
  } catch (error) {
    // Two admins creating the same e-mail at once: the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw duplicateEmail();
    throw error;
  }
}

export async function assertPropertiesExist(tx: Prisma.TransactionClient, propertyIds: string[]): Promise<void> {
  if (propertyIds.length === 0) return;
  const found = await tx.property.count({ where: { id: { in: propertyIds } } });
  if (found !== propertyIds.length) {
    throw AppError.worded("validation_failed", "staff.propertyGone", { fields: { propertyIds: { key: "staff.propertyGoneField" } } });
  }
}

function duplicateEmail(): AppError {
  return AppError.worded("conflict", "staff.emailTaken", { fields: { email: { key: "staff.emailTakenField" } } });
}
