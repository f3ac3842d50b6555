// Properties as the viewer may see them: every query is scoped by the guard's property filter.
import { AppError } from "../api/errors";
import { assertPropertyAccess, propertyIdFilter, type Viewer } from "../auth/guard";
import { db } from "../db";

export type PropertySummary = { id: string; name: string; timeZone: string; enabled: boolean };

const summary = { id: true, name: true, timeZone: true, enabled: true } as const;

export async function listVisibleProperties(viewer: Viewer): Promise<PropertySummary[]> {
  return db().property.findMany({ where: { id: propertyIdFilter(viewer) }, orderBy: { name: "asc" }, select: summary });
}

export async function getVisibleProperty(viewer: Viewer, propertyId: string): Promise<PropertySummary> {
  assertPropertyAccess(viewer, propertyId);
  const property = await db().property.findUnique({ where: { id: propertyId }, select: summary });
  if (!property) throw AppError.worded("not_found", "properties.notFound");
  return property;
}
