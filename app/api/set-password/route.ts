// Public on purpose: the one-time token in the body is the credential (see lib/admin/redeem-password-link.ts).
import { errorResponse } from "@/lib/api/errors";
import { readJsonBody } from "@/lib/admin/read-json-body";
import { redeemPasswordLink } from "@/lib/admin/redeem-password-link";
import { setPasswordSchema } from "@/lib/admin/staff.validation";

export async function POST(request: Request): Promise<Response> {
  try {
    return Response.json(await redeemPasswordLink(await readJsonBody(request, setPasswordSchema, "password")));
  } catch (error) {
    return errorResponse(error);
  }
}
