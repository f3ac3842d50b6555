// Reading the conversation list in integration tests as the route does (the query string's schema
// applied), one page, its ids, or every page in turn.
import type { Viewer } from "@/lib/auth/guard";
import { listConversations } from "@/lib/inbox/list-conversations";
import { listConversationsQuery, type ListConversationsInput } from "@/lib/inbox/schemas";

export const listPage = (viewer: Viewer, input: Partial<ListConversationsInput> = {}) => listConversations(viewer, listConversationsQuery.parse(input));

export const listIds = async (viewer: Viewer, input: Partial<ListConversationsInput> = {}) => (await listPage(viewer, input)).items.map((item) => item.id);

/** Every page from the first, following the cursors (at most 30, so a cursor that loops fails the test). */
export async function allListPages(viewer: Viewer, input: Partial<ListConversationsInput>): Promise<{ ids: string[]; pages: number }> {
  const seen: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await listPage(viewer, { ...input, cursor });
    seen.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor ?? undefined;
    pages++;
  } while (cursor && pages < 30);
  return { ids: seen, pages };
}
