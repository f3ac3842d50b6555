import { validationError } from "@/lib/api/errors";
import { withViewer } from "@/lib/auth/guard";
import { addNote } from "@/lib/inbox/notes";
import { addNoteBody } from "@/lib/inbox/schemas";

export const POST = withViewer<{ id: string }>({}, async ({ request, viewer, params }) => {
  const body = addNoteBody.safeParse(await request.json().catch(() => null));
  if (!body.success) throw validationError(body.error, "note");
  const result = await addNote(viewer, params.id, body.data);
  return Response.json(result, { status: result.created ? 201 : 200 });
});
