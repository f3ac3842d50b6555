// An API error in the requester's language, for the errors that have words in the `server`
// catalogue (AppError.worded); any other error answers as errorResponse does, in English.
import { createTranslator } from "use-intl/core";
import { AppError, errorResponse, type ErrorBody } from "../api/errors";
import type { Locale } from "./locales";
import { loadMessages } from "./messages";

export async function localizedErrorResponse(error: unknown, locale: Locale): Promise<Response> {
  if (!(error instanceof AppError) || !error.words || locale === "en") return errorResponse(error);
  const t = createTranslator({ locale, messages: await loadMessages(locale), namespace: "server" });
  const body: ErrorBody = { error: { code: error.code, message: t(error.words.key, error.words.values), ...(error.fields ? { fields: error.fields } : {}) } };
  return Response.json(body, { status: error.status, headers: error.headers });
}
