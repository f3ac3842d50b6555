import { withViewer } from "@/lib/auth/guard";
import { getAttachmentContent } from "@/lib/inbox/get-attachment-content";

export const runtime = "nodejs";

export const GET = withViewer<{ id: string }>({}, async ({ request, viewer, params }) => {
  const attachment = await getAttachmentContent(viewer, params.id);
  const download = new URL(request.url).searchParams.has("download");
  return new Response(Buffer.from(attachment.bytes), {
    headers: {
      "Content-Type": attachment.contentType,
      "Content-Length": String(attachment.bytes.byteLength),
      "Content-Disposition": `${download ? "attachment" : "inline"}; filename*=UTF-8''${encodeURIComponent(attachment.fileName)}`,
      // Private: it is a guest's picture, behind a session. Immutable: an attachment never changes.
      "Cache-Control": "private, max-age=86400, immutable",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
});
