// Demo data for a fresh install: two accounts and the sandbox's demo properties. Runs only when the
// database has no users, so it never touches a Bellhop that is in use.
import type { PrismaClient } from "../lib/generated/prisma/client";
import { hashPassword } from "../lib/auth/passwords";

export const DEMO_ACCOUNTS = {
  admin: { email: "admin@bellhop.local", password: "bellhop-admin", name: "Ada Admin" },
  staff: { email: "staff@bellhop.local", password: "bellhop-staff", name: "Sam Staff" },
} as const;

/** The sandbox's demo world has these properties (ids from Booking.com's own documentation). */
export const DEMO_PROPERTIES = [
  { id: "13921698", name: "Demand API Messaging Test Hotel", timeZone: "Europe/Amsterdam" },
  { id: "6819547", name: "Canal View Apartments", timeZone: "Europe/Amsterdam" },
  { id: "2098153", name: "Hotel Sol y Mar", timeZone: "Europe/Madrid" },
  { id: "6378711", name: "Alpine Lodge", timeZone: "Europe/Zurich" },
] as const;

/** The staff demo account sees only this property, so scoping is visible from the first sign-in. */
export const DEMO_STAFF_PROPERTY_ID = "13921698";

export async function seedDemoDataIfEmpty(prisma: PrismaClient): Promise<boolean> {
  if ((await prisma.user.count()) > 0) return false;
  await prisma.$transaction(async (tx) => {
    for (const property of DEMO_PROPERTIES) await tx.property.upsert({ where: { id: property.id }, create: property, update: {} });
    await tx.user.create({
      data: { email: DEMO_ACCOUNTS.admin.email, name: DEMO_ACCOUNTS.admin.name, role: "admin", passwordHash: await hashPassword(DEMO_ACCOUNTS.admin.password) },
    });
    await tx.user.create({
      data: {
        email: DEMO_ACCOUNTS.staff.email,
        name: DEMO_ACCOUNTS.staff.name,
        role: "staff",
        passwordHash: await hashPassword(DEMO_ACCOUNTS.staff.password),
        access: { create: [{ propertyId: DEMO_STAFF_PROPERTY_ID }] },
      },
    });
  });
  return true;
}
