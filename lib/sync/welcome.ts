// The welcome message: when the poller learns a NEW reservation conversation (not one imported by a
// backfill) of a property with a welcome reply configured, and the property has not written in it yet,
// the saved reply is rendered (guest_name, property_name, reservation_number) and enqueued once.
// "Once" is the unique clientKey `welcome:<conversationId>`: a second worker, a restart or a redelivered
// queue message finds the key taken. A placeholder without a value means no welcome; the reason is kept
// on a failed OutboundAction under the same key (visible to admins, and it also blocks any later try).
import { renderReply } from "../inbox/placeholders";
import type { Prisma } from "../generated/prisma/client";
import type { IncomingMessage } from "./incoming";
import { createReplyIn } from "./outbound/create-reply";
import { lastErrorColumns } from "./outbound/errors";
import type { StoredConversationRef } from "./store-messages";

type Tx = Prisma.TransactionClient;

export interface WelcomeProperty {
  id: string;
  name: string;
  backfillState: string;
  welcomeReply: { body: string } | null;
}

export interface WelcomeCandidate {
  conversation: StoredConversationRef;
  type: "reservation" | "request_to_book";
  reference: string;
  guestName: string | null;
  /** The conversation's newest messages as Booking.com showed them when we learned it. */
  newestMessages: IncomingMessage[];
}

export function welcomeClientKey(conversationId: string): string {
  return `welcome:${conversationId}`;
}

/** Returns the action id to dispatch after commit, or null when no welcome is due. */
export async function enqueueWelcomeIn(tx: Tx, property: WelcomeProperty, candidate: WelcomeCandidate): Promise<string | null> {
  if (!property.welcomeReply || candidate.type !== "reservation") return null;
  // Until a property's history is imported, an unknown conversation may be an old one.
  if (property.backfillState !== "done") return null;
  // Booking's automatic templates are not the property writing; anything else from the property is.
  if (candidate.newestMessages.some((message) => message.senderType === "property" && message.messageType !== "automatically_sent_template")) return null;

  const clientKey = welcomeClientKey(candidate.conversation.id);
  const rendered = renderReply(property.welcomeReply.body, {
    guest_name: candidate.guestName,
    property_name: property.name,
    reservation_number: candidate.reference,
  });
  const taken = await tx.outboundAction.findUnique({ where: { clientKey }, select: { id: true } });
  if (taken) return null;
  if (rendered.missing.length > 0 || rendered.text.trim() === "") {
    await tx.outboundAction.create({
      data: {
        kind: "welcome",
        conversationId: candidate.conversation.id,
        clientKey,
        state: "failed",
        // "none" selects the words for an empty text in every language.
        ...lastErrorColumns({ key: "sending.welcomeMissingValues", values: { names: rendered.missing.map((name) => `{${name}}`).join(", ") || "none" } }),
      },
    });
    return null;
  }
  const { actionId } = await createReplyIn(tx, {
    conversationId: candidate.conversation.id,
    propertyId: property.id,
    content: rendered.text,
    clientKey,
    kind: "welcome",
    authorId: null,
    senderName: property.name,
    attachmentIds: [],
  });
  return actionId;
}
