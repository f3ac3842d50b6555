import { HttpError, notFound } from "../http/http-error";
import { integerParam, type RequestContext } from "../http/router";
import type { ConversationRecord, MachineAccountRecord, PropertyRecord } from "../world/types";
import { authenticateAccount, requireProperty } from "./auth";

// The guard every /properties/{property_id}/… handler starts with: authenticate, check the account
// may see the property, then find the conversation (404 when it is not this property's).

export interface PropertyScope {
  account: MachineAccountRecord;
  property: PropertyRecord;
}

export function propertyScope(ctx: RequestContext): PropertyScope {
  const account = authenticateAccount(ctx);
  const property = requireProperty(ctx, account, integerParam(ctx, "propertyId"));
  return { account, property };
}

export function conversationScope(ctx: RequestContext): PropertyScope & { conversation: ConversationRecord } {
  const scope = propertyScope(ctx);
  const id = ctx.params.conversationId ?? "";
  const conversation = ctx.world.conversations.get(id);
  if (!conversation || conversation.propertyId !== scope.property.id) throw notFound(`Conversation ${id} not found for property ${scope.property.id}.`);
  return { ...scope, conversation };
}

/** Tags and attachments are not available in request-to-book conversations (C-RTB). */
export function refuseInRequestToBook(conversation: ConversationRecord, what: string): void {
  if (conversation.type === "request_to_book") {
    throw new HttpError(400, "invalid_request", `${what} are not available in request_to_book conversations.`);
  }
}
