// Opaque keyset cursors. The browser only hands them back; a tampered cursor fails zod and is a 400,
// never a SQL error.
import { z } from "zod";
import { AppError } from "../api/errors";

export function encodeCursor(value: unknown): string {
  return Buffer.from(JSON.stringify(value), "utf8").toString("base64url");
}

export function decodeCursor<T extends z.ZodType>(schema: T, cursor: string | undefined): z.infer<T> | null {
  if (cursor === undefined || cursor === "") return null;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw AppError.worded("bad_request", "conversations.staleCursor");
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw AppError.worded("bad_request", "conversations.staleCursor");
  return parsed.data;
}
