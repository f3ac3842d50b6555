import { z } from "zod";
import { LABEL_COLORS, LABEL_NAME_MAX } from "../inbox/label-colors";

export const labelInputSchema = z.strictObject({
  name: z
    .string({ error: "Give the label a name" })
    .trim()
    .min(1, "Give the label a name")
    .max(LABEL_NAME_MAX, `Keep the name under ${LABEL_NAME_MAX} characters`)
    // A name is shown on one line of a row, in a chip.
    .regex(/^[^\p{Cc}]+$/u, "A name is one line of text"),
  color: z.enum(LABEL_COLORS, { error: `Choose a colour: ${LABEL_COLORS.join(", ")}` }).default("slate"),
});
export type LabelInput = z.output<typeof labelInputSchema>;
