"use client";

// The team's labels in the browser: fetched once and shared by every chip, menu and the filter. An admin
// adds or renames labels rarely, so a minute's staleness (and a refetch on window focus) is enough;
// a row carrying a label this tab has not heard of yet fetches them again at once.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useMemo } from "react";
import type { Label } from "@/lib/inbox/label-colors";
import { fetchLabels } from "./inbox-api";
import { inboxKeys } from "./query-keys";

const NONE: Label[] = [];
const NO_IDS: readonly string[] = [];

export function useLabels(shownIds: readonly string[] = NO_IDS) {
  const query = useQuery({ queryKey: inboxKeys.labels(), queryFn: ({ signal }) => fetchLabels(signal), staleTime: 60_000 });
  const labels = query.data ?? NONE;
  const byId = useMemo(() => new Map(labels.map((label) => [label.id, label])), [labels]);
  const unknown = query.isSuccess ? shownIds.filter((id) => !byId.has(id)).join(",") : "";
  const { refetch } = query;
  useEffect(() => {
    // Joins the fetch already under way (every row with the new label asks at once) rather than restart it.
    if (unknown) void refetch({ cancelRefetch: false });
  }, [unknown, refetch]);
  return { labels, byId };
}
