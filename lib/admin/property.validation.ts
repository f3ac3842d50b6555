import { z } from "zod";

/** IANA zones this runtime knows, plus UTC (which Intl lists only under its aliases). */
export function isKnownTimeZone(zone: string): boolean {
  return zone === "UTC" || Intl.supportedValuesOf("timeZone").includes(zone);
}

const timeZone = z
  .string()
  .trim()
  .min(1, "Choose the property's time zone")
  .refine(isKnownTimeZone, "Enter an IANA time zone such as Europe/Amsterdam");

const name = z.string().trim().min(1, "Give the property a name").max(120, "Keep the name under 120 characters");

export const addPropertySchema = z.object({
  // Booking.com hotel ids are numbers; kept as text (see prisma/schema.prisma).
  id: z
    .string({ error: "Enter the Booking.com property id" })
    .trim()
    .min(1, "Enter the Booking.com property id")
    .regex(/^\d+$/, "The Booking.com property id is a number, e.g. 1383087")
    .max(15, "That is too long for a Booking.com property id"),
  name,
  timeZone,
  connectionId: z.uuid("Choose the connection that reaches this property"),
  enabled: z.boolean().default(true),
});
export type AddPropertyInput = z.output<typeof addPropertySchema>;

export const updatePropertySchema = z
  .object({
    name: name.optional(),
    timeZone: timeZone.optional(),
    enabled: z.boolean().optional(),
    welcomeReplyId: z.uuid("Choose a saved reply").nullable().optional(),
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), "Nothing to change");
export type UpdatePropertyInput = z.output<typeof updatePropertySchema>;
