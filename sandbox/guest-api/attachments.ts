import { z } from "zod";
import { badRequest, notFound } from "../http/http-error";
import { parseJsonBody, type Reply, type RequestContext } from "../http/router";
import { SINGLE_UPLOAD_MAX_BYTES, decodeStrictBase64, imageProblem } from "../world/images";
import { affiliateConversation, numericId } from "./messages";
import { authenticateAffiliate, dataReply } from "./envelope";

// Demand API attachments: images only (image/png, image/jpg, image/jpeg), at most 1 MB, and only into
// existing conversations. Booking had "temporarily removed" guest attachments when the docs were
// written; the sandbox keeps them, because the guest page must be able to send an image.
//
// `file_size`: the guide says "the size of the base64 content", Connectivity says the decoded size.
// We accept either value and refuse anything else.

const ACCEPTED_TYPES = ["image/png", "image/jpg", "image/jpeg"] as const;

const uploadBody = z.object({
  conversation: z.string().min(1),
  accommodation: numericId,
  file_size: z.number().int().positive(),
  file_name: z.string().min(1).max(255),
  file_type: z.string().min(1),
  file_content: z.string().min(1),
});

export function uploadGuestAttachment(ctx: RequestContext): Reply {
  const affiliate = authenticateAffiliate(ctx);
  const body = parseJsonBody(ctx, uploadBody);
  const conversation = affiliateConversation(ctx, affiliate, body.accommodation, { conversation: body.conversation });
  if (conversation.type === "request_to_book") throw badRequest("Attachments are not available in request_to_book conversations.");
  const data = decodeStrictBase64(body.file_content);
  if (!data) throw badRequest("file_content is not valid base64.");
  if (body.file_size !== data.length && body.file_size !== body.file_content.length) {
    throw badRequest(`file_size is ${body.file_size} but the content is ${data.length} bytes (${body.file_content.length} as base64).`);
  }
  const problem = imageProblem({ declaredType: body.file_type, acceptedTypes: ACCEPTED_TYPES, data, maxBytes: SINGLE_UPLOAD_MAX_BYTES });
  if (problem) throw badRequest(problem);
  const createdAtMs = ctx.world.clock.stampEvent();
  const id = ctx.world.newTimeId(createdAtMs);
  const fileType = body.file_type === "image/jpg" ? "image/jpeg" : body.file_type;
  ctx.world.attachments.set(id, { id, conversationId: conversation.id, fileName: body.file_name, fileType, data, createdAtMs });
  ctx.world.onChange();
  return dataReply({ attachment: id });
}

const attachmentRef = z.object({ conversation: z.string().min(1), accommodation: numericId, attachment: z.string().min(1) });

function findGuestAttachment(ctx: RequestContext) {
  const affiliate = authenticateAffiliate(ctx);
  const body = parseJsonBody(ctx, attachmentRef);
  const conversation = affiliateConversation(ctx, affiliate, body.accommodation, { conversation: body.conversation });
  const attachment = ctx.world.attachments.get(body.attachment);
  if (!attachment || attachment.conversationId !== conversation.id) throw notFound(`Attachment ${body.attachment} not found in conversation ${conversation.id}.`);
  return { conversation, attachment };
}

export function downloadGuestAttachment(ctx: RequestContext): Reply {
  const { conversation, attachment } = findGuestAttachment(ctx);
  return dataReply({ conversation: conversation.id, file_content: attachment.data.toString("base64") });
}

export function guestAttachmentMetadata(ctx: RequestContext): Reply {
  const { attachment } = findGuestAttachment(ctx);
  // The spec types file_size as integer; the example returns the string "92620". Examples win here,
  // as everywhere in the sandbox.
  return dataReply({ metadata: { file_name: attachment.fileName, file_type: attachment.fileType, file_size: String(attachment.data.length) } });
}
