import { badRequest, notFound } from "../http/http-error";
import type { Reply, RequestContext } from "../http/router";
import { decodeCursor, encodeCursor } from "../world/ids";
import { authenticateAccount, requireProperty } from "./auth";
import { okReply, wantsV12 } from "./envelope";
import { renderSearchMessage, visibleInConversation, zonedTimestamp } from "./render";

// The recovery search (Searching messages page): GET /messages/search starts an asynchronous job and
// returns its `job_id` (a UUID as in the example; the table says integer); GET
// /messages/search/result/{job_id} pages through the result, `next_page_id: ""` on the last page.
// Bounds are inclusive, ISO 8601 UTC, in the past, and span at most 90 days; a missing bound is
// filled in to make a 90-day window. The job stays valid for 48 hours after it is ready.
// The "not ready yet" answer is undocumented (open question 4): we answer 200 with
// `{ok: true, status: "in_progress"}` and no `messages` until it is ready.
// Self-service messages are only found when Accept-Version 1.2 is sent on the search call.

const DAY_MS = 86_400_000;
const WINDOW_MS = 90 * DAY_MS;
const JOB_TTL_MS = 48 * 3_600_000;
const RESULT_PAGE_SIZE = 50;
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/;

function readTime(ctx: RequestContext, name: "after" | "before"): number | null {
  const raw = ctx.query.get(name);
  if (raw === null || raw === "") return null;
  const ms = Date.parse(raw);
  if (!ISO_UTC.test(raw) || Number.isNaN(ms)) throw badRequest(`${name} must be an ISO 8601 UTC time like 2026-01-31T09:30:00.000Z, got "${raw}".`);
  return ms;
}

export function startSearch(ctx: RequestContext): Reply {
  const account = authenticateAccount(ctx);
  const v12 = wantsV12(ctx);
  const known = ["after", "before", "property_id", "order_by"];
  if (!known.some((name) => (ctx.query.get(name) ?? "") !== "")) {
    throw badRequest("At least one of after, before, property_id or order_by is required.");
  }
  const now = ctx.world.clock.now();
  let after = readTime(ctx, "after");
  let before = readTime(ctx, "before");
  if (after !== null && after > now) throw badRequest("after must be in the past.");
  if (before !== null && before > now) before = now;
  if (after !== null && before !== null && before < after) throw badRequest("before must not be earlier than after.");
  if (after !== null && before !== null && before - after > WINDOW_MS) throw badRequest("The search window may span at most 90 days.");
  if (after === null && before === null) {
    before = now;
    after = now - WINDOW_MS;
  } else if (after === null) {
    after = (before as number) - WINDOW_MS;
  } else if (before === null) {
    before = Math.min(after + WINDOW_MS, now);
  }
  const orderBy = ctx.query.get("order_by") || "asc";
  if (orderBy !== "asc" && orderBy !== "desc") throw badRequest(`order_by must be asc or desc, got "${orderBy}".`);
  const propertyParam = ctx.query.get("property_id");
  let propertyIds = account.propertyIds;
  if (propertyParam !== null && propertyParam !== "") {
    if (!/^\d+$/.test(propertyParam)) throw badRequest(`property_id must be a number, got "${propertyParam}".`);
    propertyIds = [requireProperty(ctx, account, Number(propertyParam)).id];
  }

  const from = after as number;
  const to = before as number;
  const wanted = new Set(propertyIds);
  const found = [];
  for (const conversation of ctx.world.conversations.values()) {
    if (!wanted.has(conversation.propertyId)) continue;
    for (const message of ctx.world.messagesOf(conversation)) {
      if (message.timestampMs >= from && message.timestampMs <= to && visibleInConversation(message, v12)) found.push(message);
    }
  }
  found.sort((a, b) => a.timestampMs - b.timestampMs || a.seq - b.seq);
  if (orderBy === "desc") found.reverse();

  // Drop expired jobs while we are here.
  for (const [id, job] of ctx.world.searchJobs) if (job.expiresAtMs < now) ctx.world.searchJobs.delete(id);
  const readyAtMs = now + ctx.options.searchJobDelayMs;
  const job = { jobId: ctx.world.newNameId(), accountId: account.id, messageIds: found.map((m) => m.id), readyAtMs, expiresAtMs: readyAtMs + JOB_TTL_MS };
  ctx.world.searchJobs.set(job.jobId, job);
  ctx.world.onChange();
  return okReply({ expires_at: zonedTimestamp(job.expiresAtMs), ok: true, job_id: job.jobId });
}

export function searchResult(ctx: RequestContext): Reply {
  const account = authenticateAccount(ctx);
  const v12 = wantsV12(ctx);
  const jobId = ctx.params.jobId ?? "";
  const job = ctx.world.searchJobs.get(jobId);
  const now = ctx.world.clock.now();
  if (!job || job.accountId !== account.id) throw notFound(`Search job ${jobId} not found.`);
  if (job.expiresAtMs < now) throw notFound(`Search job ${jobId} has expired (jobs are kept 48 hours).`);
  if (now < job.readyAtMs) return okReply({ ok: true, status: "in_progress" });
  let offset = 0;
  const pageId = ctx.query.get("page_id");
  if (pageId) {
    const cursor = decodeCursor(pageId);
    if (!cursor || cursor.ms !== job.readyAtMs) throw badRequest(`Invalid page_id "${pageId}" for this job.`);
    offset = cursor.seq;
  }
  const ids = job.messageIds.slice(offset, offset + RESULT_PAGE_SIZE);
  const messages = ids.flatMap((id) => {
    const message = ctx.world.messages.get(id);
    return message ? [renderSearchMessage(ctx.world, message, v12)] : [];
  });
  const nextOffset = offset + RESULT_PAGE_SIZE;
  return okReply({ ok: true, messages, next_page_id: nextOffset < job.messageIds.length ? encodeCursor(job.readyAtMs, nextOffset) : "" });
}
