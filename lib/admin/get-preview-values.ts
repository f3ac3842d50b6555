// Real values for previewing a saved reply: the most recent conversation of the chosen property (or
// of any property for a shared reply), so the admin sees the text a guest would get. Without any
// conversation yet, clearly-labelled sample values stand in.
import { db } from "../db";
import type { PlaceholderValues } from "../inbox/placeholders";

/** Where the values come from, for the page to say in its own language. */
export type PreviewSource = { kind: "conversation"; propertyName: string; reference: string } | { kind: "sample" };
export type PreviewValues = { values: Required<{ [K in keyof PlaceholderValues]: string }>; source: PreviewSource };

export const SAMPLE_VALUES = { guest_name: "Maria Jensen", property_name: "Your property", reservation_number: "4705950059" } as const;

export async function getPreviewValues(propertyId: string | undefined): Promise<PreviewValues> {
  const conversation = await db().conversation.findFirst({
    where: { propertyId, type: "reservation" },
    orderBy: [{ lastMessageAt: { sort: "desc", nulls: "last" } }, { id: "asc" }],
    select: { guestName: true, reference: true, property: { select: { name: true } } },
  });
  if (conversation) {
    return {
      values: {
        guest_name: conversation.guestName ?? SAMPLE_VALUES.guest_name,
        property_name: conversation.property.name,
        reservation_number: conversation.reference,
      },
      source: { kind: "conversation", propertyName: conversation.property.name, reference: conversation.reference },
    };
  }
  const property = propertyId ? await db().property.findUnique({ where: { id: propertyId }, select: { name: true } }) : null;
  return {
    values: { ...SAMPLE_VALUES, property_name: property?.name ?? SAMPLE_VALUES.property_name },
    source: { kind: "sample" },
  };
}
