// Demo data for a fresh install: two accounts, the sandbox's demo properties and a few labels. Runs only when the
// database has no users, so it never touches a Bellhop that is in use.
import type { PrismaClient } from "../lib/generated/prisma/client";
import { hashPassword } from "../lib/auth/passwords";
import { encryptSecret, parseSecretsKey } from "../lib/secrets";

export const DEMO_ACCOUNTS = {
  admin: { email: "admin@bellhop.local", password: "bellhop-admin", name: "Ada Admin" },
  staff: { email: "staff@bellhop.local", password: "bellhop-staff", name: "Sam Staff" },
} as const;

/** The sandbox's demo world has these properties (ids from Booking.com's own documentation). */
export const DEMO_PROPERTIES = [
  { id: "13921698", name: "Demand API Messaging Test Hotel", timeZone: "Europe/Amsterdam" },
  { id: "2098153", name: "Demand API Test Hotel", timeZone: "Europe/Amsterdam" },
  { id: "6819547", name: "Casa do Rio Lisboa", timeZone: "Europe/Lisbon" },
  { id: "6378711", name: "Test Property", timeZone: "Europe/Berlin" },
] as const;

/** A few of the team's labels, so the Labels menu has something in it from the first sign-in. */
export const DEMO_LABELS = [
  { name: "VIP", color: "amber" },
  { name: "Late arrival", color: "indigo" },
  { name: "Invoice", color: "emerald" },
] as const;

/** The staff demo account sees only this property, so scoping is visible from the first sign-in. */
export const DEMO_STAFF_PROPERTY_ID = "13921698";

/** The sandbox's machine account (sandbox/options.ts). */
export const SANDBOX_CONNECTION = { name: "Booking.com sandbox", username: "bellhop-sandbox", password: "sandbox-password" } as const;

export type SeedOptions = {
  /** The running sandbox's root URL: the demo properties get a connection to it. */
  sandboxUrl?: string;
  /** Key for encrypting the connection's password (SECRETS_KEY). */
  secretsKey: string;
};

export async function seedDemoDataIfEmpty(prisma: PrismaClient, options: SeedOptions): Promise<boolean> {
  if ((await prisma.user.count()) > 0) return false;
  await prisma.$transaction(async (tx) => {
    const connection = options.sandboxUrl
      ? await tx.bookingConnection.create({
          data: {
            name: SANDBOX_CONNECTION.name,
            baseUrl: `${options.sandboxUrl}/messaging`,
            tokenUrl: `${options.sandboxUrl}/token-based-authentication/exchange`,
            authType: "basic",
            username: SANDBOX_CONNECTION.username,
            passwordEncrypted: encryptSecret(SANDBOX_CONNECTION.password, parseSecretsKey(options.secretsKey)),
          },
        })
      : null;
    for (const property of DEMO_PROPERTIES) {
      await tx.property.upsert({ where: { id: property.id }, create: { ...property, connectionId: connection?.id }, update: {} });
    }
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
    await tx.label.createMany({ data: [...DEMO_LABELS] });
  });
  return true;
}

/**
 * The sandbox may listen on another port than when the database was seeded (SANDBOX_PORT changed):
 * point the demo connection at the sandbox that is running now.
 */
export async function pointSandboxConnectionAt(prisma: PrismaClient, sandboxUrl: string): Promise<void> {
  await prisma.bookingConnection.updateMany({
    where: { name: SANDBOX_CONNECTION.name, baseUrl: { startsWith: "http://127.0.0.1:" } },
    data: { baseUrl: `${sandboxUrl}/messaging`, tokenUrl: `${sandboxUrl}/token-based-authentication/exchange` },
  });
}
