// What an admin may submit for a Booking.com connection. Secrets are optional on purpose: a blank
// password or client secret means "keep the stored one" (the browser never receives it to resend).
import { z } from "zod";

export const API_VERSIONS = ["1.2", "1.0"] as const;
export const MIN_POLL_INTERVAL_SECONDS = 5;

const httpUrl = (what: string) =>
  z
    .string()
    .trim()
    .min(1, `Enter the ${what}`)
    .max(500)
    .refine((value) => {
      try {
        const url = new URL(value);
        return url.protocol === "https:" || url.protocol === "http:";
      } catch {
        return false;
      }
    }, `Enter the ${what} as a full http:// or https:// address`);

const blankToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const connectionInputSchema = z
  .object({
    name: z.string().trim().min(1, "Give the connection a name").max(100),
    baseUrl: httpUrl("base URL"),
    authType: z.enum(["basic", "token"], { error: "Choose Basic or token authentication" }),
    username: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()),
    password: z.preprocess(blankToUndefined, z.string().max(500).optional()),
    clientId: z.preprocess(blankToUndefined, z.string().trim().max(200).optional()),
    clientSecret: z.preprocess(blankToUndefined, z.string().max(500).optional()),
    tokenUrl: z.preprocess(blankToUndefined, httpUrl("token URL").optional()),
    apiVersion: z.enum(API_VERSIONS, { error: "The API version must be 1.2 or 1.0" }).default("1.2"),
    pollIntervalSeconds: z.coerce
      .number({ error: "Enter the poll interval in seconds" })
      .int("Enter a whole number of seconds")
      .min(MIN_POLL_INTERVAL_SECONDS, `Poll at most every ${MIN_POLL_INTERVAL_SECONDS} seconds`)
      .max(3600, "Poll at least once an hour"),
    enabled: z.boolean().default(true),
  })
  .superRefine((input, context) => {
    // Secrets are checked against what is stored in save-connection.ts; here only the plain fields.
    if (input.authType === "basic" && !input.username) context.addIssue({ code: "custom", path: ["username"], message: "Enter the machine account's username" });
    if (input.authType === "token") {
      if (!input.clientId) context.addIssue({ code: "custom", path: ["clientId"], message: "Enter the client id" });
      if (!input.tokenUrl) context.addIssue({ code: "custom", path: ["tokenUrl"], message: "Enter the token exchange URL" });
    }
  });

export type ConnectionInput = z.output<typeof connectionInputSchema>;
