import { HttpError, badRequest } from "../http/http-error";
import type { Reply, RequestContext } from "../http/router";
import { authenticateAccount } from "./auth";
import { okReply, wantsV12 } from "./envelope";
import { queueRequestTimestamp, renderQueueMessage } from "./render";

// GET /messages/latest and PUT /messages?number_of_messages=N: one FIFO queue per machine account.
// GET shows the head (at most 100) without removing anything; PUT removes the first N. The docs do
// not say which N are removed (open question 3); FIFO head is the only reading that makes the loop
// "GET, store, PUT the count you got" correct, and ATI reads it the same way. Confirming more than
// is queued removes what there is. Both return `ok` as the boolean true.

export const QUEUE_READ_LIMIT = 100;

export function readQueue(ctx: RequestContext): Reply {
  const account = authenticateAccount(ctx);
  const v12 = wantsV12(ctx);
  if (!account.latestEnabled) {
    throw new HttpError(403, "forbidden", "This machine account has no access to /messages/latest (enable it under Endpoint access).");
  }
  for (const fault of ctx.faults) {
    if (fault.mode === "redeliver_confirmed") ctx.world.redeliverConfirmed(account, fault.count);
    if (fault.mode === "duplicate_in_queue") ctx.world.duplicateQueueHead(account, fault.count);
  }
  const messages = ctx.world.peekQueue(account, QUEUE_READ_LIMIT);
  return okReply({
    messages: messages.map((message) => renderQueueMessage(ctx.world, message, v12)),
    ok: true,
    number_of_messages: messages.length,
    timestamp: queueRequestTimestamp(ctx.world.clock.now()),
  });
}

export function confirmQueue(ctx: RequestContext): Reply {
  const account = authenticateAccount(ctx);
  const raw = ctx.query.get("number_of_messages");
  if (raw === null) throw badRequest("number_of_messages is a required query parameter (PUT /messages?number_of_messages=N).");
  if (!/^\d{1,9}$/.test(raw)) throw badRequest(`number_of_messages must be a non-negative integer, got "${raw}".`);
  if (!account.latestEnabled) {
    throw new HttpError(403, "forbidden", "This machine account has no access to /messages/latest (enable it under Endpoint access).");
  }
  ctx.world.confirmQueue(account, Number(raw));
  return okReply({ ok: true });
}
