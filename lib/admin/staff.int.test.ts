import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db";
import { resetDatabase } from "@/tests/database";
import { AppError } from "../api/errors";
import { loadViewer, type Viewer } from "../auth/guard";
import { authenticate } from "../auth/credentials";
import { createAdminViewer } from "./admin-fixtures";
import { createPasswordLink, hashSetupToken, SETUP_LINK_TTL_MS } from "./create-password-link";
import { createStaff } from "./create-staff";
import { checkPasswordLink, redeemPasswordLink } from "./redeem-password-link";
import { createStaffSchema, setPasswordSchema } from "./staff.validation";
import { updateStaff } from "./update-staff";

let admin: Viewer;

beforeEach(async () => {
  await resetDatabase();
  await db().property.createMany({ data: [{ id: "111", name: "Harbour Hotel" }, { id: "222", name: "Mountain Inn" }] });
  admin = await createAdminViewer();
});

function staffInput(overrides: Record<string, unknown> = {}) {
  return createStaffSchema.parse({ name: "Rita Reception", email: "Rita@Hotel.test", role: "staff", propertyIds: ["111"], setup: "password", password: "long-enough-pw", ...overrides });
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return error;
}

describe("creating staff", () => {
  it("creates a staff member limited to the chosen properties, who can sign in", async () => {
    const { user, setupLink } = await createStaff(admin, staffInput());
    expect(setupLink).toBeNull();
    expect(user).toMatchObject({ email: "rita@hotel.test", role: "staff", active: true, propertyIds: ["111"] });
    const viewer = await loadViewer(user.id);
    expect(viewer.propertyScope).toEqual(new Set(["111"]));
    expect((await authenticate({ email: "rita@hotel.test", password: "long-enough-pw" }, "test")).ok).toBe(true);
  });

  it("refuses a duplicate e-mail (whatever its case) with a field message", async () => {
    await createStaff(admin, staffInput());
    const error = await failure(createStaff(admin, staffInput({ email: "RITA@hotel.test", name: "Other Rita" })));
    expect(error.status).toBe(409);
    expect(error.fields).toEqual({ email: "An account with this e-mail already exists" });
    expect(await db().user.count({ where: { email: "rita@hotel.test" } })).toBe(1);
  });

  it("refuses a password that is too short, on the server", () => {
    const result = createStaffSchema.safeParse({ name: "A", email: "a@b.test", setup: "password", password: "short" });
    expect(result.success).toBe(false);
    expect(result.error!.issues[0]).toMatchObject({ path: ["password"], message: "Use at least 10 characters" });
  });

  it("audits the creation without any password", async () => {
    const { user } = await createStaff(admin, staffInput());
    const entry = await db().auditLog.findFirstOrThrow({ where: { action: "user.create" } });
    expect(entry).toMatchObject({ actorEmail: admin.email, targetType: "user", targetId: user.id, before: null });
    expect(entry.after).toMatchObject({ email: "rita@hotel.test", role: "staff", propertyIds: ["111"], initialCredential: "password typed by an admin" });
    expect(JSON.stringify([entry.before, entry.after])).not.toContain("long-enough-pw");
  });
});

describe("changing access", () => {
  it("reassigns properties and deactivates immediately, with before and after in the audit log", async () => {
    const { user } = await createStaff(admin, staffInput());
    await updateStaff(admin, user.id, { propertyIds: ["222"] });
    expect((await loadViewer(user.id)).propertyScope).toEqual(new Set(["222"]));
    await updateStaff(admin, user.id, { active: false });
    await expect(loadViewer(user.id)).rejects.toMatchObject({ status: 401 });
    expect((await authenticate({ email: "rita@hotel.test", password: "long-enough-pw" }, "test")).ok).toBe(false);

    const entries = await db().auditLog.findMany({ where: { targetId: user.id }, orderBy: { id: "asc" } });
    expect(entries.map((entry) => entry.action)).toEqual(["user.create", "user.access", "user.deactivate"]);
    expect(entries[1]).toMatchObject({ before: { propertyIds: ["111"] }, after: { propertyIds: ["222"] } });
    expect(entries[2]).toMatchObject({ before: { active: true }, after: { active: false } });
  });

  it("never removes the last active admin, by demotion or by deactivation", async () => {
    const other = (await createStaff(admin, staffInput({ email: "other@hotel.test", role: "admin" }))).user;
    await updateStaff(admin, other.id, { active: false });
    // `admin` is now the only active admin: an inactive admin does not count.
    const demote = await failure(updateStaff(admin, admin.id, { role: "staff" }));
    expect(demote.status).toBe(409);
    expect(demote.fields).toEqual({ role: "This is the last active admin" });
    const otherViewer = await loadViewer((await createStaff(admin, staffInput({ email: "third@hotel.test", role: "admin" }))).user.id);
    await updateStaff(otherViewer, admin.id, { role: "staff" }); // allowed: a second admin exists
    const deactivate = await failure(updateStaff(otherViewer, otherViewer.id, { active: false }));
    expect(deactivate.status).toBe(409);
    expect(await db().user.count({ where: { role: "admin", active: true } })).toBe(1);
  });

  it("lets only one of two simultaneous demotions of the last two admins through", async () => {
    const second = await loadViewer((await createStaff(admin, staffInput({ email: "second@hotel.test", role: "admin" }))).user.id);
    const results = await Promise.allSettled([updateStaff(second, admin.id, { role: "staff" }), updateStaff(admin, second.id, { role: "staff" })]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await db().user.count({ where: { role: "admin", active: true } })).toBe(1);
  });
});

describe("one-time set-password links", () => {
  it("stores only the token's hash, lets the person choose a password once, then refuses the link", async () => {
    const { user, setupLink } = await createStaff(admin, staffInput({ setup: "link", password: undefined }));
    expect(setupLink).not.toBeNull();
    const token = new URL(setupLink!.path, "http://x").searchParams.get("token")!;
    const stored = await db().passwordSetupToken.findMany();
    expect(stored).toHaveLength(1);
    expect(stored[0]!.tokenHash).toBe(hashSetupToken(token));
    expect(JSON.stringify(stored)).not.toContain(token);
    expect(user.setupLinkExpiresAt).toBe(setupLink!.expiresAt);

    expect(await checkPasswordLink(token)).toEqual({ valid: true, name: "Rita Reception", email: "rita@hotel.test" });
    await redeemPasswordLink(setPasswordSchema.parse({ token, password: "chosen-by-rita" }));
    expect((await authenticate({ email: "rita@hotel.test", password: "chosen-by-rita" }, "test")).ok).toBe(true);

    const again = await failure(redeemPasswordLink(setPasswordSchema.parse({ token, password: "another-password" })));
    expect(again.message).toContain("already been used");
    expect((await authenticate({ email: "rita@hotel.test", password: "another-password" }, "test")).ok).toBe(false);
  });

  it("refuses an expired link", async () => {
    const { user } = await createStaff(admin, staffInput());
    const link = await createPasswordLink(admin, user.id);
    const token = new URL(link.path, "http://x").searchParams.get("token")!;
    const later = new Date(Date.now() + SETUP_LINK_TTL_MS + 1000);
    expect(await checkPasswordLink(token, later)).toMatchObject({ valid: false, reason: expect.stringContaining("expired") });
    const error = await failure(redeemPasswordLink(setPasswordSchema.parse({ token, password: "too-late-password" }), later));
    expect(error.message).toContain("expired");
    expect((await authenticate({ email: "rita@hotel.test", password: "long-enough-pw" }, "test")).ok).toBe(true);
  });

  it("a new link replaces the old one, and an unknown token is refused", async () => {
    const { user } = await createStaff(admin, staffInput());
    const first = new URL((await createPasswordLink(admin, user.id)).path, "http://x").searchParams.get("token")!;
    await createPasswordLink(admin, user.id);
    expect((await checkPasswordLink(first)).valid).toBe(false);
    expect((await checkPasswordLink("made-up")).valid).toBe(false);
  });
});
