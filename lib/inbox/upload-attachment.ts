// A staff member's image, uploaded raw (the body is the file; its name in X-File-Name) so the browser
// can report upload progress. The size is checked from Content-Length before reading anything and again
// while streaming (a lying or absent header cannot make us buffer more than 10 MB), and the type is
// checked by content. The sync engine stores it and uploads it to Booking.com with the reply.
import { z } from "zod";
import { AppError } from "../api/errors";
import type { Viewer } from "../auth/guard";
import { storeOutboundAttachment } from "../sync/outbound/enqueue";
import { findScopedConversation } from "./get-conversation";
import { attachmentProblemKind, MAX_ATTACHMENT_BYTES } from "./image-type";

const fileNameHeader = z
  .string()
  .min(1, "X-File-Name is required")
  .max(300)
  .transform((value, ctx) => {
    try {
      return decodeURIComponent(value).replace(/[\\/\u0000-\u001f]/g, "_").slice(0, 200);
    } catch {
      ctx.addIssue({ code: "custom", message: "X-File-Name must be URI-encoded" });
      return z.NEVER;
    }
  });

export async function uploadAttachment(viewer: Viewer, conversationId: string, request: Request): Promise<{ attachmentId: string }> {
  const conversation = await findScopedConversation(viewer, conversationId);
  if (conversation.access === "read_only") throw AppError.worded("conflict", "attachments.closed");
  const fileName = fileNameHeader.safeParse(request.headers.get("x-file-name") ?? "");
  if (!fileName.success) throw new AppError("validation_failed", fileName.error.issues[0]?.message ?? "Invalid file name");
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > MAX_ATTACHMENT_BYTES) throw tooLarge(fileName.data);
  const bytes = await readAtMost(request, MAX_ATTACHMENT_BYTES, fileName.data);
  const problem = attachmentProblemKind(bytes.byteLength, bytes.subarray(0, 16));
  if (problem) throw AppError.worded("unprocessable", `attachments.${problem}`, { values: { fileName: fileName.data } });
  return storeOutboundAttachment({ viewer, conversationId: conversation.id, fileName: fileName.data, bytes });
}

async function readAtMost(request: Request, limit: number, fileName: string): Promise<Uint8Array> {
  if (!request.body) return new Uint8Array();
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > limit) {
      await reader.cancel();
      throw tooLarge(fileName);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function tooLarge(fileName: string): AppError {
  return AppError.worded("unprocessable", "attachments.tooLarge", { values: { fileName } });
}
