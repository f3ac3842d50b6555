"use client";

// The settings page's own TanStack Query client. Kept local so the page does not depend on whether
// app/providers.tsx (the inbox's) exists yet; a nested provider simply takes precedence.
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useState } from "react";

export function SettingsQueryProvider({ children }: { children: React.ReactNode }) {
  const [client] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, retry: 1, refetchOnWindowFocus: true } } }));
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
