import { z } from "zod";

export const savedReplyInputSchema = z.object({
  title: z.string().trim().min(1, "Give the reply a title").max(120, "Keep the title under 120 characters"),
  body: z.string().trim().min(1, "Write the reply's text").max(5000, "Keep the reply under 5,000 characters"),
  /** null: usable for every property. */
  propertyId: z
    .string()
    .regex(/^\d+$/, "Unknown property")
    .nullable()
    .default(null),
});
export type SavedReplyInput = z.output<typeof savedReplyInputSchema>;

export const previewValuesQuerySchema = z.object({
  propertyId: z
    .string()
    .regex(/^\d+$/, "Unknown property")
    .optional(),
});
