import type { Route } from "../http/router";
import { attachmentFileInfo, downloadAttachment, uploadAttachment, uploadChunk } from "./attachments";
import { getConversation, getConversationByReference, listConversations, postMessage } from "./conversations";
import { confirmQueue, readQueue } from "./queue";
import { searchResult, startSearch } from "./search";
import { deleteGenericTag, deleteMessageRead, deleteNoReplyNeeded, listTags, postGenericTag, putMessageRead, putNoReplyNeeded } from "./tags";
import { exchangeToken } from "./token-exchange";

// The Connectivity Messaging API surface, under /messaging like the real base URL
// (https://supply-xml.booking.com/messaging). Endpoint names are what fault rules match on.

const P = "/messaging/properties/:propertyId";
const C = `${P}/conversations/:conversationId`;

export const propertyRoutes: Route[] = [
  { method: "POST", pattern: "/token-based-authentication/exchange", endpoint: "token.exchange", side: "token", handler: exchangeToken },
  { method: "GET", pattern: "/messaging/messages/latest", endpoint: "queue.read", side: "property", handler: readQueue },
  { method: "PUT", pattern: "/messaging/messages", endpoint: "queue.confirm", side: "property", handler: confirmQueue },
  { method: "GET", pattern: "/messaging/messages/search", endpoint: "search.start", side: "property", handler: startSearch },
  { method: "GET", pattern: "/messaging/messages/search/result/:jobId", endpoint: "search.result", side: "property", handler: searchResult },
  { method: "GET", pattern: `${P}/conversations`, endpoint: "conversations.list", side: "property", handler: listConversations },
  // Before `${C}` so that "type" is never read as a conversation id.
  { method: "GET", pattern: `${P}/conversations/type/:conversationType`, endpoint: "conversation.byReference", side: "property", handler: getConversationByReference },
  { method: "GET", pattern: C, endpoint: "conversation.get", side: "property", handler: getConversation },
  { method: "POST", pattern: C, endpoint: "message.post", side: "property", handler: postMessage },
  { method: "GET", pattern: `${P}/tags`, endpoint: "tags.list", side: "property", handler: listTags },
  { method: "PUT", pattern: `${C}/tags/no_reply_needed`, endpoint: "tags.noReplyNeeded.set", side: "property", handler: putNoReplyNeeded },
  { method: "DELETE", pattern: `${C}/tags/no_reply_needed`, endpoint: "tags.noReplyNeeded.unset", side: "property", handler: deleteNoReplyNeeded },
  { method: "PUT", pattern: `${C}/tags/message_read`, endpoint: "tags.messageRead.set", side: "property", handler: putMessageRead },
  { method: "DELETE", pattern: `${C}/tags/message_read`, endpoint: "tags.messageRead.unset", side: "property", handler: deleteMessageRead },
  { method: "POST", pattern: `${C}/tags`, endpoint: "tags.generic.set", side: "property", handler: postGenericTag },
  { method: "DELETE", pattern: `${C}/tags`, endpoint: "tags.generic.unset", side: "property", handler: deleteGenericTag },
  { method: "POST", pattern: `${C}/attachments`, endpoint: "attachments.upload", side: "property", handler: uploadAttachment },
  { method: "POST", pattern: `${C}/attachment_chunks`, endpoint: "attachments.uploadChunk", side: "property", handler: uploadChunk },
  { method: "GET", pattern: `${C}/attachments/:attachmentId`, endpoint: "attachments.download", side: "property", handler: downloadAttachment },
  { method: "GET", pattern: `${C}/attachments/:attachmentId/file_info`, endpoint: "attachments.fileInfo", side: "property", handler: attachmentFileInfo },
];
