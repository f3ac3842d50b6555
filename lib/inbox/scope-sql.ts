// The guard's property scope as a SQL condition, for the inbox's hand-written keyset queries (Prisma's
// query builder cannot express their ORDER BY / keyset shapes). Same rule as propertyIdFilter().
import { Prisma } from "../generated/prisma/client";
import { propertyIdFilter, type Viewer } from "../auth/guard";

export function propertyScopeSql(viewer: Viewer, column: Prisma.Sql): Prisma.Sql {
  const filter = propertyIdFilter(viewer);
  if (!filter) return Prisma.sql`true`;
  if (filter.in.length === 0) return Prisma.sql`false`;
  return Prisma.sql`${column} = any(${filter.in}::text[])`;
}
