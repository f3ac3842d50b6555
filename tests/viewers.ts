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

type RouteHandler<Params> = (request: Request, context: { params: Promise<Params> }) => Promise<Response>;

/**
 * Calls a route handler as a browser of `viewer` would (no viewer: no session), with `body` sent as
 * given (a string, so a test can send broken JSON); answers the status and the parsed JSON (null when
 * there is none, e.g. a 204).
 */
export async function callRoute<Params>(
  handler: RouteHandler<Params>,
  options: { method: string; path: string; params: Params; viewer?: Viewer; body?: string },
): Promise<{ status: number; body: unknown }> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (options.viewer) headers.cookie = await sessionCookieFor(options.viewer);
  const request = new Request(`http://bellhop.test${options.path}`, { method: options.method, headers, body: options.body });
  const response = await handler(request, { params: Promise.resolve(options.params) });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : null };
}
