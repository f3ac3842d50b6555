// Public on purpose: the one-time token in the body is the credential (see lib/admin/redeem-password-link.ts).
import { readJsonBody } from "@/lib/admin/read-json-body";
import { redeemPasswordLink } from "@/lib/admin/redeem-password-link";
import { setPasswordSchema } from "@/lib/admin/staff.validation";
import { localeOfRequest } from "@/lib/i18n/locales";
import { localizedErrorResponse } from "@/lib/i18n/localized-error";

export async function POST(request: Request): Promise<Response> {
  try {
    return Response.json(await redeemPasswordLink(await readJsonBody(request, setPasswordSchema, "password")));
  } catch (error) {
    // Nobody is signed in yet: the browser's language (its cookie, then Accept-Language).
    return localizedErrorResponse(error, localeOfRequest(request.headers));
  }
}
