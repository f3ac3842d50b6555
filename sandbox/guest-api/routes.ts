import type { Route } from "../http/router";
import { downloadGuestAttachment, guestAttachmentMetadata, uploadGuestAttachment } from "./attachments";
import { confirmLatest, conversationHistory, latestMessages, sendMessage, type DemandVersion } from "./messages";

// The Demand API messaging surface (https://demandapi.booking.com/3.1/messages/...), mounted under
// /demand/3.1 and, with the 3.2-Beta differences, /demand/3.2.

function routesFor(version: DemandVersion): Route[] {
  const base = `/demand/${version}/messages`;
  return [
    { method: "POST", pattern: `${base}/send`, endpoint: "guest.send", side: "guest", handler: sendMessage },
    { method: "POST", pattern: `${base}/latest`, endpoint: "guest.latest", side: "guest", handler: latestMessages },
    { method: "POST", pattern: `${base}/latest/confirm`, endpoint: "guest.confirm", side: "guest", handler: confirmLatest },
    { method: "POST", pattern: `${base}/conversations`, endpoint: "guest.conversations", side: "guest", handler: conversationHistory(version) },
    { method: "POST", pattern: `${base}/attachments/upload`, endpoint: "guest.attachments.upload", side: "guest", handler: uploadGuestAttachment },
    { method: "POST", pattern: `${base}/attachments/download`, endpoint: "guest.attachments.download", side: "guest", handler: downloadGuestAttachment },
    { method: "POST", pattern: `${base}/attachments/metadata`, endpoint: "guest.attachments.metadata", side: "guest", handler: guestAttachmentMetadata },
  ];
}

export const guestRoutes: Route[] = [...routesFor("3.1"), ...routesFor("3.2")];
