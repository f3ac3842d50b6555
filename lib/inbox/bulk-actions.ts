// One action on several conversations chosen in the list ("mark these five as no reply needed"), as
// shared inboxes offer. Each conversation goes through the very function its own button uses, so the
// guard's scope, the activity lines, the outbound jobs to Booking.com and the live announcements are
// the same; one that is refused (gone, outside the scope, the guest wrote since the list showed it)
// is reported with its reason and does not stop the others. They run one after another: the list's
// few dozen cost a few milliseconds each, and a concurrent change of one of them meets the same row
// locks as a click would.
import { AppError } from "../api/errors";
import type { Viewer } from "../auth/guard";
import type { Locale } from "../i18n/locales";
import { localizedErrorBody } from "../i18n/localized-error";
import { assignConversation } from "./assign-conversation";
import { setConversationLabel } from "./labels";
import { markConversationUnread, markReadForViewer } from "./mark-conversation-read";
import type { BulkAction, BulkResult } from "./schemas";
import { setNoReplyNeeded } from "./send-reply";
import { snoozeConversation } from "./snooze-conversation";

/** `locale`: the language of each refusal's reason (the bulk bar shows them as they come). */
export async function runBulkAction(viewer: Viewer, input: { conversationIds: string[]; action: BulkAction }, locale: Locale = "en"): Promise<BulkResult> {
  const results: BulkResult["results"] = [];
  for (const conversationId of new Set(input.conversationIds)) {
    try {
      await runOne(viewer, conversationId, input.action);
      results.push({ conversationId, ok: true });
    } catch (error) {
      // Anything else (the database gone, a bug) is not this conversation's: the request fails as a whole.
      if (!(error instanceof AppError)) throw error;
      const { code, message } = await localizedErrorBody(error, locale);
      results.push({ conversationId, ok: false, error: { code, message } });
    }
  }
  return { results };
}

async function runOne(viewer: Viewer, conversationId: string, action: BulkAction): Promise<void> {
  switch (action.type) {
    case "read":
      await markReadForViewer(viewer, conversationId);
      return;
    case "unread":
      await markConversationUnread(viewer, conversationId);
      return;
    case "no_reply_needed":
      await setNoReplyNeeded(viewer, conversationId, { value: action.value, seenGuestMessageAt: action.seenGuestMessageAt?.[conversationId] });
      return;
    case "label":
      await setConversationLabel(viewer, conversationId, { labelId: action.labelId, applied: action.applied });
      return;
    case "snooze":
      await snoozeConversation(viewer, conversationId, { until: action.until, seenGuestMessageAt: action.seenGuestMessageAt?.[conversationId] });
      return;
    case "assign":
      await assignConversation(viewer, conversationId, { userId: action.userId });
      return;
  }
}
