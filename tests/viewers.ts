// A signed-in staff member for integration tests: a user row with access to `propertyIds`, loaded
// through the real guard, as a request would see them.
import { randomUUID } from "node:crypto";
import { encode } from "next-auth/jwt";
import { loadViewer, type Viewer } from "@/lib/auth/guard";
import { db } from "@/lib/db";
import { resetDatabase } from "./database";

export async function createViewer(role: "admin" | "staff", propertyIds: string[] = [], name = `${role} user`): Promise<Viewer> {
  const created = await db().user.create({
    data: { email: `${randomUUID()}@bellhop.test`, name, role, passwordHash: "not-used-here", access: { create: propertyIds.map((propertyId) => ({ propertyId })) } },
  });
  return loadViewer(created.id);
}

/**
 * An empty database with two properties, Harbour Hotel ("111") and Mountain Inn ("222"), an admin (Ada
 * Admin) and a staff member of Harbour only (Sam Staff): the team most inbox tests start from.
 */
export async function resetToHarbourTeam(): Promise<{ admin: Viewer; sam: Viewer }> {
  await resetDatabase();
  await db().property.createMany({ data: [{ id: "111", name: "Harbour Hotel" }, { id: "222", name: "Mountain Inn" }] });
  return { admin: await createViewer("admin", [], "Ada Admin"), sam: await createViewer("staff", ["111"], "Sam Staff") };
}

/** The Auth.js session cookie a signed-in browser of `viewer` would send, for calling route handlers directly. */
export async function sessionCookieFor(viewer: Viewer): Promise<string> {
  const name = "authjs.session-token";
  const token = await encode({ token: { sub: viewer.id }, secret: process.env.AUTH_SECRET!, salt: name, maxAge: 3600 });
  return `${name}=${token}`;
}
