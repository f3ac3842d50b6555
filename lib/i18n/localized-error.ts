// An API error in the requester's language, for the errors that have words in the `server`
// catalogue (AppError.worded, and the database outage and the generic 500 of toAppError): the message
// and each worded field. Any other error answers as errorResponse does, in English; so does a field
// whose text came from elsewhere (a plain string).
import { createTranslator } from "use-intl/core";
import { AppError, errorResponse, sayValues, toAppError, type ErrorBody, type ErrorWords, type SayWords } from "../api/errors";
import { localeOfRequest, type Locale } from "./locales";
import { loadMessages } from "./messages";

export async function localizedErrorResponse(error: unknown, locale: Locale): Promise<Response> {
  const answer = toAppError(error);
  if (!answer.words || locale === "en") return errorResponse(answer);
  return Response.json({ error: await localizedErrorBody(answer, locale) } satisfies ErrorBody, { status: answer.status, headers: answer.headers });
}

/** The error's body in `locale` (its English one when it has no words): also for answers that list several errors (bulk actions). */
export async function localizedErrorBody(error: AppError, locale: Locale): Promise<ErrorBody["error"]> {
  const { words, fieldWords } = error;
  if (!words || locale === "en") return error.toBody().error;
  const say = await wordsIn(locale);
  // A field without words (or with a text from elsewhere) keeps the English the error carries.
  const sayField = (name: string, english: string): string => {
    const field = fieldWords?.[name];
    return field === undefined || typeof field === "string" ? english : say(field);
  };
  const fields = error.fields && Object.fromEntries(Object.entries(error.fields).map(([name, english]) => [name, sayField(name, english)]));
  return { code: error.code, message: say(words), ...(fields ? { fields } : {}) };
}

/** Words of the `server` catalogue in `locale` (a page that shows what the API would answer: a set-password link's problem). */
export async function sayWords(words: ErrorWords, locale: Locale): Promise<string> {
  return (await wordsIn(locale))(words);
}

/**
 * Says words of the `server` catalogue in `locale`, synchronously once loaded: for results that carry
 * words rather than errors (a connection test's outcome, an "added, but" warning).
 */
export async function wordsIn(locale: Locale): Promise<SayWords> {
  const t = createTranslator({ locale, messages: await loadMessages(locale), namespace: "server" });
  const say = (words: ErrorWords): string => t(words.key, sayValues(words.values, say));
  return say;
}

/** `wordsIn` the language a route answers this staff member in (their choice, else the browser's). */
export function wordsForRequest(request: Request, viewer: { locale: Locale | null }): Promise<SayWords> {
  return wordsIn(localeOfRequest(request.headers, viewer.locale));
}
