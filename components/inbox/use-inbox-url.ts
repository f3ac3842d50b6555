"use client";

// The inbox screen lives in the URL's search params: view, sort, property, label, q (search), c (the open
// conversation) and m (a message of it to show: the one a search found). history.pushState/replaceState keep Next's useSearchParams in sync without a server
// round trip; opening a conversation pushes (so Back returns to the list on a phone), filters replace.
import { useSearchParams } from "next/navigation";
import { useCallback, useMemo } from "react";
import { INBOX_SORTS, INBOX_VIEWS, type InboxSort, type InboxView } from "@/lib/inbox/list-views";
import type { ListFilters } from "./query-keys";

export type InboxUrlState = ListFilters & { open: string | null; at: string | null };

export function useInboxUrl() {
  const params = useSearchParams();
  const state = useMemo<InboxUrlState>(() => {
    const view = params.get("view");
    const sort = params.get("sort");
    return {
      view: (INBOX_VIEWS as readonly string[]).includes(view ?? "") ? (view as InboxView) : "all",
      sort: (INBOX_SORTS as readonly string[]).includes(sort ?? "") ? (sort as InboxSort) : "recent",
      property: params.get("property") || null,
      label: params.get("label") || null,
      q: params.get("q") ?? "",
      open: params.get("c") || null,
      at: params.get("m") || null,
    };
  }, [params]);

  const update = useCallback((patch: Partial<InboxUrlState>, mode: "push" | "replace" = "replace") => {
    const next = new URLSearchParams(window.location.search);
    const names: Record<keyof InboxUrlState, string> = { view: "view", sort: "sort", property: "property", label: "label", q: "q", open: "c", at: "m" };
    const defaults: Partial<Record<keyof InboxUrlState, string>> = { view: "all", sort: "recent" };
    for (const [key, value] of Object.entries(patch) as [keyof InboxUrlState, string | null | undefined][]) {
      if (value === null || value === undefined || value === "" || value === defaults[key]) next.delete(names[key]);
      else next.set(names[key], value);
    }
    const query = next.toString();
    const url = `${window.location.pathname}${query ? `?${query}` : ""}`;
    if (mode === "push") window.history.pushState(null, "", url);
    else window.history.replaceState(null, "", url);
  }, []);

  return { state, update };
}

/** Shortcuts must never fire while the staff member is typing. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}
