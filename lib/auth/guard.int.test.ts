import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getVisibleProperty, listVisibleProperties } from "@/lib/inbox/properties";
import { resetDatabase } from "@/tests/database";
import { AppError } from "../api/errors";
import { loadViewer } from "./guard";

async function createUser(role: "admin" | "staff", propertyIds: string[] = [], active = true) {
  return db().user.create({
    data: {
      email: `${role}-${Math.random()}@bellhop.test`,
      name: role,
      role,
      active,
      passwordHash: "not-used-here",
      access: { create: propertyIds.map((propertyId) => ({ propertyId })) },
    },
  });
}

async function statusOf(promise: Promise<unknown>): Promise<number | "ok"> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    if (error instanceof AppError) return error.status;
    throw error;
  }
}

describe("the access guard against Postgres", () => {
  beforeEach(async () => {
    await resetDatabase();
    await db().property.createMany({
      data: [
        { id: "111", name: "Harbour Hotel" },
        { id: "222", name: "Mountain Inn" },
      ],
    });
  });

  it("rejects anonymous requests with 401", async () => {
    expect(await statusOf(loadViewer(undefined))).toBe(401);
    expect(await statusOf(loadViewer(null))).toBe(401);
  });

  it("rejects a session whose user no longer exists or was deactivated", async () => {
    const inactive = await createUser("staff", ["111"], false);
    expect(await statusOf(loadViewer(inactive.id))).toBe(401);
    expect(await statusOf(loadViewer("00000000-0000-0000-0000-000000000000"))).toBe(401);
  });

  it("gives admins every property", async () => {
    const viewer = await loadViewer((await createUser("admin")).id);
    expect((await listVisibleProperties(viewer)).map((p) => p.id)).toEqual(["111", "222"]);
    expect((await getVisibleProperty(viewer, "222")).name).toBe("Mountain Inn");
  });

  it("limits staff to their assigned properties, with 404 for the others", async () => {
    const viewer = await loadViewer((await createUser("staff", ["111"])).id);
    expect((await listVisibleProperties(viewer)).map((p) => p.id)).toEqual(["111"]);
    expect(await statusOf(getVisibleProperty(viewer, "111"))).toBe("ok");
    expect(await statusOf(getVisibleProperty(viewer, "222"))).toBe(404);
    expect(await statusOf(getVisibleProperty(viewer, "does-not-exist"))).toBe(404);
  });

  it("gives staff without any assignment nothing", async () => {
    const viewer = await loadViewer((await createUser("staff")).id);
    expect(await listVisibleProperties(viewer)).toEqual([]);
  });

  it("sees a change of access on the next request", async () => {
    const user = await createUser("staff", ["111"]);
    expect(await statusOf(getVisibleProperty(await loadViewer(user.id), "222"))).toBe(404);
    await db().propertyAccess.create({ data: { userId: user.id, propertyId: "222" } });
    expect(await statusOf(getVisibleProperty(await loadViewer(user.id), "222"))).toBe("ok");
  });
});
