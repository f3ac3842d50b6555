// Saved replies for the settings page, with the placeholders each one uses that are not known
// (probably typos), so the list can flag them without opening the editor.
import { db } from "../db";
import type { Prisma } from "../generated/prisma/client";
import { renderReply } from "../inbox/placeholders";

export type SavedReplyView = {
  id: string;
  title: string;
  body: string;
  propertyId: string | null;
  propertyName: string | null;
  unknownPlaceholders: string[];
  /** Properties that send this reply as their automatic welcome message. */
  welcomeForPropertyIds: string[];
  updatedAt: string;
};

const select = {
  id: true,
  title: true,
  body: true,
  propertyId: true,
  property: { select: { name: true } },
  welcomeFor: { select: { id: true }, orderBy: { id: "asc" } },
  updatedAt: true,
} satisfies Prisma.SavedReplySelect;

export async function listSavedReplies(): Promise<SavedReplyView[]> {
  const rows = await db().savedReply.findMany({ orderBy: [{ title: "asc" }, { id: "asc" }], select });
  return rows.map(toSavedReplyView);
}

export function toSavedReplyView(row: Prisma.SavedReplyGetPayload<{ select: typeof select }>): SavedReplyView {
  return {
    id: row.id,
    title: row.title,
    body: row.body,
    propertyId: row.propertyId,
    propertyName: row.property?.name ?? null,
    unknownPlaceholders: renderReply(row.body, {}).unknown,
    welcomeForPropertyIds: row.welcomeFor.map((property) => property.id),
    updatedAt: row.updatedAt.toISOString(),
  };
}

export const savedReplySelect = select;

export function savedReplyAuditView(view: { title: string; body: string; propertyId: string | null }) {
  return { title: view.title, body: view.body, propertyId: view.propertyId };
}
