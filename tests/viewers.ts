// A signed-in staff member for integration tests: a user row with access to `propertyIds`, loaded
// through the real guard, as a request would see them.
import { randomUUID } from "node:crypto";
import { loadViewer, type Viewer } from "@/lib/auth/guard";
import { db } from "@/lib/db";

export async function createViewer(role: "admin" | "staff", propertyIds: string[] = [], name = `${role} user`): Promise<Viewer> {
  const created = await db().user.create({
    data: { email: `${randomUUID()}@bellhop.test`, name, role, passwordHash: "not-used-here", access: { create: propertyIds.map((propertyId) => ({ propertyId })) } },
  });
  return loadViewer(created.id);
}
