import { withViewer } from "@/lib/auth/guard";
import { deleteNote } from "@/lib/inbox/notes";

export const DELETE = withViewer<{ id: string; noteId: string }>({}, async ({ viewer, params }) => deleteNote(viewer, params.id, params.noteId));
