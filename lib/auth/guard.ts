// The one access guard. Every route handler and server action goes through it:
//   1. resolve the session (Auth.js JWT) to a user id,
//   2. load that user and their property scope from Postgres, remembered per process only while every
//      change is announced to it (lib/auth/viewer-cache.ts), so a deactivation or a change of access
//      takes effect at once, not when the JWT expires,
//   3. reject: no session -> 401 (pages: redirect to sign-in); wrong role -> 403; a property outside
//      the scope -> 404, so a staff member cannot even learn that the property exists.
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { AppError } from "../api/errors";
import { Prisma } from "../generated/prisma/client";
import { isLocale, localeOfRequest, type Locale } from "../i18n/locales";
import { localizedErrorResponse } from "../i18n/localized-error";
import { queryRows } from "../sql-pool";
import { sessionUserIdFromCookies } from "./session-token";
import { viewerCache } from "./viewer-cache";

export type Role = "admin" | "staff";

export type Viewer = {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The language they chose for Bellhop's screens; null follows their browser (lib/i18n/locales.ts). */
  locale: Locale | null;
  /** "all" for admins; otherwise the ids of the properties an admin assigned. */
  propertyScope: "all" | ReadonlySet<string>;
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Loads the signed-in user's identity and scope; throws 401 when there is none or it is inactive. */
export async function loadViewer(userId: string | null | undefined): Promise<Viewer> {
  if (!userId) throw AppError.worded("unauthenticated", "access.signIn");
  if (!UUID.test(userId)) throw AppError.worded("unauthenticated", "access.sessionEnded");
  // Remembered per process while every change to users and access is heard (lib/auth/viewer-cache.ts);
  // an inactive or unknown user is never remembered, so they are asked again each time.
  const viewer = await viewerCache().lookup(userId, () => readViewer(userId));
  if (!viewer) throw AppError.worded("unauthenticated", "access.sessionEnded");
  return viewer;
}

/** The active user `userId` with their scope, from Postgres; undefined when unknown or inactive. */
async function readViewer(userId: string): Promise<Viewer | undefined> {
  // One round trip: the user and their property ids in one raw query on the plain pool (a Prisma
  // findUnique with the `access` relation costs two queries and about 1 ms more per request; the same
  // SQL through Prisma about 0.3 ms more, see lib/sql-pool.ts).
  const [user] = await queryRows<{ id: string; email: string; name: string; role: Role; active: boolean; locale: string | null; property_ids: string[] }>(Prisma.sql`
    select u.id, u.email, u.name, u.role::text as role, u.active, u.locale,
      coalesce((select array_agg(a.property_id) from property_access a where a.user_id = u.id), '{}') as property_ids
    from users u where u.id = ${userId}::uuid`);
  if (!user || !user.active) return undefined;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    // A language this build no longer speaks is the same as no choice.
    locale: isLocale(user.locale) ? user.locale : null,
    propertyScope: user.role === "admin" ? "all" : new Set(user.property_ids),
  };
}

export function requireRole(viewer: Viewer, role: Role | undefined): void {
  if (role === "admin" && viewer.role !== "admin") throw AppError.worded("forbidden", "access.adminOnly");
}

export function canSeeProperty(viewer: Viewer, propertyId: string): boolean {
  return viewer.propertyScope === "all" || viewer.propertyScope.has(propertyId);
}

/** 404 (not 403) outside the scope: do not reveal that the property exists. */
export function assertPropertyAccess(viewer: Viewer, propertyId: string): void {
  if (!canSeeProperty(viewer, propertyId)) throw AppError.worded("not_found", "properties.notFound");
}

/** A Prisma `where` fragment on a property id column that keeps a query inside the viewer's scope. */
export function propertyIdFilter(viewer: Viewer): { in: string[] } | undefined {
  return viewer.propertyScope === "all" ? undefined : { in: [...viewer.propertyScope] };
}

type RouteContext<Params> = { params: Promise<Params> };
export type GuardedContext<Params> = { request: Request; viewer: Viewer; params: Params };

/**
 * Wraps a route handler: session, scope and role are checked before `handler` runs, and any thrown
 * error becomes the one JSON error shape. A handler returning a plain value gets it as JSON.
 */
export function withViewer<Params = Record<string, never>>(
  options: { role?: Role },
  handler: (context: GuardedContext<Params>) => Promise<Response | unknown>,
) {
  return async (request: Request, context: RouteContext<Params>): Promise<Response> => {
    let viewer: Viewer | undefined;
    try {
      viewer = await loadViewer(await sessionUserIdFromCookies(request.headers.get("cookie")));
      requireRole(viewer, options.role);
      const result = await handler({ request, viewer, params: await context.params });
      return result instanceof Response ? result : Response.json(result);
    } catch (error) {
      return localizedErrorResponse(error, localeOfRequest(request.headers, viewer?.locale));
    }
  };
}

/** For server components: the viewer, or a redirect to the sign-in page that comes back to `returnTo`. */
export async function requirePageViewer(returnTo: string, options: { role?: Role } = {}): Promise<Viewer> {
  let viewer: Viewer;
  try {
    viewer = await loadViewer(await sessionUserIdFromCookies((await headers()).get("cookie")));
  } catch (error) {
    if (error instanceof AppError && error.code === "unauthenticated") redirect(`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`);
    throw error;
  }
  if (options.role === "admin" && viewer.role !== "admin") redirect("/inbox?denied=settings");
  return viewer;
}

/** For server components showing one property: a property outside the scope is a 404 page. */
export function assertPagePropertyAccess(viewer: Viewer, propertyId: string): void {
  if (!canSeeProperty(viewer, propertyId)) notFound();
}
