import { z } from "zod";

// An IANA "Area/Location" name written as the tz database writes it (each part capitalised). Keeps out
// offsets ("+05:00"), abbreviations ("CET", "EST") and lower-case spellings that Intl would also accept.
const IANA_NAME = /^[A-Z][A-Za-z_-]*(\/[A-Z][A-Za-z0-9_+-]*)+$/;

/**
 * IANA zones this runtime knows, plus UTC. Intl.supportedValuesOf lists ICU's canonical ids, which are
 * often the old names (Asia/Calcutta, Europe/Kiev), so a current name it does not list (Asia/Kolkata,
 * Europe/Kyiv) counts too when Intl can format with it.
 */
export function isKnownTimeZone(zone: string): boolean {
  if (zone === "UTC" || Intl.supportedValuesOf("timeZone").includes(zone)) return true;
  if (!IANA_NAME.test(zone)) return false;
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
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
