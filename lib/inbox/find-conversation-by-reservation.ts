// "New message": staff type a reservation number. Postgres first, using
// conversations_property_id_type_reference_idx; a reservation Bellhop has not seen yet (a booking made
// minutes ago, before the next poll) is asked of Booking.com and stored by the sync engine.
import { AppError } from "../api/errors";
import { assertPropertyAccess, type Viewer } from "../auth/guard";
import { isBookingApiError } from "../booking/errors";
import { db } from "../db";
import { clientForConnection } from "../sync/client-cache";
import { factsOfConversation, messagesOfConversation } from "../sync/incoming";
import { storeBatch } from "../sync/store-messages";

export async function findConversationByReservation(viewer: Viewer, input: { propertyId: string; reservation: string }): Promise<{ conversationId: string }> {
  assertPropertyAccess(viewer, input.propertyId);
  const stored = await db().conversation.findFirst({
    where: { propertyId: input.propertyId, type: "reservation", reference: input.reservation },
    select: { id: true },
  });
  if (stored) return { conversationId: stored.id };
  const learned = await learnFromBooking(input.propertyId, input.reservation);
  if (learned) return { conversationId: learned };
  throw AppError.worded("not_found", "lookup.noReservation", { values: { reservation: input.reservation } });
}

/** Asks Booking.com, and stores what it says through the sync engine's own storage path. */
async function learnFromBooking(propertyId: string, reservation: string): Promise<string | null> {
  const property = await db().property.findUnique({ where: { id: propertyId }, select: { connectionId: true } });
  if (!property?.connectionId) throw AppError.worded("unprocessable", "lookup.notConnected");
  const client = await clientForConnection(property.connectionId);
  let page;
  // Taken before the read: a staff tag change that settles while the request is out is not undone.
  const observedAt = new Date();
  try {
    page = await client.getConversationByReference({ propertyId, conversationType: "reservation", reference: reservation });
  } catch (error) {
    if (isBookingApiError(error) && (error.kind === "not_found" || error.kind === "bad_request")) return null;
    console.error("[bellhop] reservation lookup failed", error);
    throw AppError.worded("upstream_unavailable", "lookup.unavailable");
  }
  await storeBatch({ facts: [factsOfConversation(page.conversation, propertyId)], messages: messagesOfConversation(page.conversation), observedAt });
  const stored = await db().conversation.findUnique({ where: { bookingId: page.conversation.conversationId }, select: { id: true, propertyId: true } });
  return stored && stored.propertyId === propertyId ? stored.id : null;
}
