import { Client } from "pg";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { getVisibleProperty, listVisibleProperties } from "@/lib/inbox/properties";
import { resetDatabase } from "@/tests/database";
import { statusOf } from "@/tests/status-of";
import { loadViewer, type Viewer } from "./guard";
import { forgetViewer, viewerCache } from "./viewer-cache";

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

  describe("remembering the lookup (lib/auth/viewer-cache.ts)", () => {
    // Writes from "another process": a connection of its own, as the worker, a script or a second web
    // instance would make them. (Changes made through updateStaff in this process: staff.int.test.ts.)
    let elsewhere: Client;
    beforeEach(async () => {
      elsewhere = new Client({ connectionString: process.env.DATABASE_URL });
      await elsewhere.connect();
      await untilListening();
    });
    afterEach(async () => {
      await elsewhere.end();
    });

    it("sees a change of access made elsewhere as soon as its notification arrives", async () => {
      const user = await createUser("staff", ["111"]);
      await untilRemembered(elsewhere, user.id);
      expect(await statusOf(getVisibleProperty(await loadViewer(user.id), "222"))).toBe(404);
      await elsewhere.query("insert into property_access (user_id, property_id) values ($1, '222')", [user.id]);
      expect(await eventually(async () => await statusOf(getVisibleProperty(await loadViewer(user.id), "222")), "ok")).toBe("ok");
      await elsewhere.query("delete from property_access where user_id = $1 and property_id = '111'", [user.id]);
      expect(await eventually(async () => await statusOf(getVisibleProperty(await loadViewer(user.id), "111")), 404)).toBe(404);
    });

    it("ends the session of a user deactivated elsewhere", async () => {
      const user = await createUser("admin");
      await untilRemembered(elsewhere, user.id);
      await elsewhere.query("update users set active = false where id = $1", [user.id]);
      expect(await eventually(() => statusOf(loadViewer(user.id)), 401)).toBe(401);
    });

    it("forgets everyone when the users are truncated", async () => {
      const user = await createUser("admin");
      await untilRemembered(elsewhere, user.id);
      await elsewhere.query("truncate users cascade");
      expect(await eventually(() => statusOf(loadViewer(user.id)), 401)).toBe(401);
    });

    it("does not remember a lookup that a change overtook", async () => {
      const viewerNamed = (userId: string, name: string): Viewer => ({ id: userId, email: "someone@bellhop.test", name, role: "staff", locale: null, propertyScope: new Set() });
      const slowLookup = (userId: string) => {
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));
        const pending = viewerCache().lookup(userId, async () => {
          await gate;
          return viewerNamed(userId, "read before");
        });
        return { pending, release };
      };
      const freshLookup = async (userId: string) => (await viewerCache().lookup(userId, async () => viewerNamed(userId, "read again")))!.name;

      // Undisturbed, a lookup is remembered...
      const calmId = crypto.randomUUID();
      const calm = slowLookup(calmId);
      calm.release();
      await calm.pending;
      expect(await freshLookup(calmId)).toBe("read before");
      // ...but not when a change is announced while its query is in flight.
      const racedId = crypto.randomUUID();
      const raced = slowLookup(racedId);
      forgetViewer(racedId);
      raced.release();
      expect((await raced.pending)!.name).toBe("read before");
      expect(await freshLookup(racedId)).toBe("read again");
    });

    it("remembers nothing while its LISTEN connection is down, and starts again once it is back", async () => {
      const user = await createUser("staff", ["111"]);
      await untilRemembered(elsewhere, user.id);
      await elsewhere.query("select pg_terminate_backend(pid) from pg_stat_activity where application_name = 'bellhop-listen-bellhop_access'");
      await eventually(async () => viewerCache().listening, false);
      // A change made now is announced to nobody, yet the very next lookup sees it.
      await elsewhere.query("insert into property_access (user_id, property_id) values ($1, '222')", [user.id]);
      expect(await statusOf(getVisibleProperty(await loadViewer(user.id), "222"))).toBe("ok");
      await elsewhere.query("update users set active = false where id = $1", [user.id]);
      expect(await statusOf(loadViewer(user.id))).toBe(401);
      await untilListening();
      await elsewhere.query("update users set active = true where id = $1", [user.id]);
      await untilRemembered(elsewhere, user.id);
    });
  });
});

/** Polls `read` until it returns `expected` or two seconds pass (a notification normally arrives within milliseconds). */
async function eventually<T>(read: () => Promise<T>, expected: T): Promise<T> {
  const deadline = Date.now() + 2_000;
  let value = await read();
  while (value !== expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
    value = await read();
  }
  return value;
}

/**
 * Waits until the guard answers for `userId` from memory: a rename that bypasses the triggers (so
 * nobody is told) is then not seen. Right after createUser its INSERT's notification may still be on
 * its way and make the guard forget, hence the retries.
 */
async function untilRemembered(elsewhere: Client, userId: string): Promise<void> {
  let rename = 0;
  const servedFromMemory = await eventually(async () => {
    const seen = (await loadViewer(userId)).name;
    await elsewhere.query("set session_replication_role = replica");
    await elsewhere.query("update users set name = $2 where id = $1", [userId, `Renamed quietly ${++rename}`]);
    await elsewhere.query("set session_replication_role = origin");
    return (await loadViewer(userId)).name === seen;
  }, true);
  expect(servedFromMemory).toBe(true);
}

async function untilListening(): Promise<void> {
  // A lookup starts the LISTEN connection; then wait for it to be in effect.
  await loadViewer((await createUser("staff")).id);
  expect(await eventually(async () => viewerCache().listening, true)).toBe(true);
}
