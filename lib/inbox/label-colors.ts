// The colours a label's chip may have. Kept apart from the zod schemas (lib/admin/label.validation.ts)
// because the browser needs the names, not zod. Mirrors the LabelColor enum of prisma/schema.prisma.
export const LABEL_COLORS = ["slate", "red", "amber", "emerald", "sky", "indigo", "violet", "pink"] as const;
export type LabelColor = (typeof LABEL_COLORS)[number];

/** A label as every inbox shows it. */
export type Label = { id: string; name: string; color: LabelColor };

/** How many labels the team may have: enough for any desk, few enough for one menu. */
export const LABELS_MAX = 50;
/** How many labels one conversation may carry: more than a row can show is noise. */
export const LABELS_PER_CONVERSATION_MAX = 5;
export const LABEL_NAME_MAX = 30;
