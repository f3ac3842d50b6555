// The boundary of every admin route handler: the request body (or query) parsed with a zod schema,
// a malformed body as a 400 and a schema failure as field-level messages, never a 500.
import type { z } from "zod";
import { AppError, validationError } from "../api/errors";

export async function readJsonBody<Schema extends z.ZodType>(request: Request, schema: Schema, what: string): Promise<z.output<Schema>> {
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    // English on purpose, like the schema's messages below: the settings forms always send JSON, so only an API client meets it.
    throw new AppError("bad_request", "The request body must be JSON.");
  }
  return parseInput(schema, body, what);
}

export function parseInput<Schema extends z.ZodType>(schema: Schema, input: unknown, what: string): z.output<Schema> {
  const result = schema.safeParse(input);
  if (!result.success) throw validationError(result.error, what);
  return result.data;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * A path id that cannot exist is a 404 like any other unknown id (and never reaches Postgres as a bad
 * uuid). In English: the settings page only links to ids it was given, so only a hand-made URL meets it.
 */
export function requireUuid(id: string, what: string): string {
  if (!UUID.test(id)) throw new AppError("not_found", `No such ${what}.`);
  return id;
}
