// Attachment bytes for the browser, always through Bellhop: the guest's images are fetched from
// Booking.com once (with the property's connection) and cached in attachments.content, so the browser
// never talks to Booking.com and a second view costs one indexed read.
import { z } from "zod";
import { AppError } from "../api/errors";
import { canSeeProperty, type Viewer } from "../auth/guard";
import { db } from "../db";
import { clientForConnection } from "../sync/client-cache";
import { sniffImageType } from "./image-type";

export type AttachmentContent = { bytes: Uint8Array; contentType: string; fileName: string };

export async function getAttachmentContent(viewer: Viewer, attachmentId: string): Promise<AttachmentContent> {
  const id = z.uuid().safeParse(attachmentId);
  if (!id.success) throw notFound();
  const attachment = await db().attachment.findUnique({
    where: { id: id.data },
    select: {
      id: true,
      bookingId: true,
      fileName: true,
      fileType: true,
      fileSize: true,
      content: true,
      conversation: { select: { bookingId: true, propertyId: true, property: { select: { connectionId: true } } } },
    },
  });
  // Scope is decided by the conversation's property, like everything else.
  if (!attachment || !canSeeProperty(viewer, attachment.conversation.propertyId)) throw notFound();

  let bytes: Uint8Array | null = attachment.content;
  if (!bytes) {
    const connectionId = attachment.conversation.property.connectionId;
    if (!attachment.bookingId || !connectionId) throw AppError.worded("not_found", "attachments.notYetAvailable");
    const client = await clientForConnection(connectionId);
    const downloaded = await client
      .downloadWholeAttachment({
        propertyId: attachment.conversation.propertyId,
        conversationId: attachment.conversation.bookingId,
        attachmentId: attachment.bookingId,
        fileSize: attachment.fileSize ?? undefined,
      })
      .catch((error: unknown) => {
        console.error("[bellhop] attachment download failed", error);
        throw AppError.worded("upstream_unavailable", "attachments.notDelivered");
      });
    bytes = downloaded.content;
    await db().attachment.update({ where: { id: attachment.id }, data: { content: Buffer.from(bytes), fileSize: bytes.byteLength } });
  }
  // Serve the type the bytes prove, not a stored label: never let an attachment render as HTML.
  const contentType = sniffImageType(bytes.subarray(0, 16)) ?? "application/octet-stream";
  return { bytes, contentType, fileName: attachment.fileName ?? `attachment-${attachment.id}` };
}

function notFound(): AppError {
  return AppError.worded("not_found", "attachments.notFound");
}
