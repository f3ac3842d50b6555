import { readJsonBody } from "@/lib/admin/read-json-body";
import { withViewer } from "@/lib/auth/guard";
import { localeCookie, setLocaleBody, setStaffLocale } from "@/lib/auth/staff-locale";

/** The signed-in staff member's language: `{ "locale": "de" }`, or `null` to follow the browser. */
export const PUT = withViewer({}, async ({ request, viewer }) => {
  const { locale } = await readJsonBody(request, setLocaleBody, "language");
  const saved = await setStaffLocale(viewer, locale);
  return Response.json(saved, { headers: { "set-cookie": localeCookie(locale, new URL(request.url).protocol === "https:") } });
});
