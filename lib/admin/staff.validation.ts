import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "../auth/passwords";

const password = z
  .string({ error: "Enter a password" })
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(200, "Use at most 200 characters");

const propertyIds = z.array(z.string().regex(/^\d+$/, "Unknown property")).max(1000);

export const createStaffSchema = z
  .object({
    name: z.string().trim().min(1, "Enter the person's name").max(120),
    // Stored lower-cased, like sign-in reads it (lib/auth/credentials.ts).
    email: z.string().trim().toLowerCase().email("Enter a valid e-mail address").max(254),
    role: z.enum(["admin", "staff"], { error: "Choose admin or staff" }).default("staff"),
    propertyIds: propertyIds.default([]),
    /** "password": the admin types an initial one; "link": a one-time set-password link is made. */
    setup: z.enum(["password", "link"], { error: "Choose how the person gets a password" }),
    password: z.string().optional(),
  })
  .superRefine((input, context) => {
    if (input.setup !== "password") return;
    const result = password.safeParse(input.password ?? "");
    if (!result.success) context.addIssue({ code: "custom", path: ["password"], message: result.error.issues[0]?.message ?? "Enter a password" });
  });
export type CreateStaffInput = z.output<typeof createStaffSchema>;

export const updateStaffSchema = z
  .object({
    name: z.string().trim().min(1, "Enter the person's name").max(120).optional(),
    role: z.enum(["admin", "staff"], { error: "Choose admin or staff" }).optional(),
    propertyIds: propertyIds.optional(),
    active: z.boolean().optional(),
  })
  .refine((input) => Object.values(input).some((value) => value !== undefined), "Nothing to change");
export type UpdateStaffInput = z.output<typeof updateStaffSchema>;

export const setPasswordSchema = z.object({
  token: z.string().trim().min(1, "This link is incomplete").max(200),
  password,
});
export type SetPasswordInput = z.output<typeof setPasswordSchema>;
