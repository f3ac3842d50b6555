// Components under test speak English, as the app does by default; the same catalogue the app loads.
import { render, type RenderOptions } from "@testing-library/react";
import type { ReactElement, ReactNode } from "react";
import { IntlProvider } from "use-intl";
import { createTranslator } from "use-intl/core";
import { createTimeFormat } from "@/components/inbox/format-time";
import { loadMessages, loadPageMessages } from "@/lib/i18n/messages";

// Compiled, as the app hands them to use-intl (lib/i18n/messages.ts).
const englishMessages = await loadMessages("en");
// What the layout gives the page: a component that reached for the server's words would show a key.
const englishPageMessages = await loadPageMessages("en");

export function EnglishProvider({ children }: { children: ReactNode }) {
  return (
    <IntlProvider locale="en" messages={englishPageMessages}>
      {children}
    </IntlProvider>
  );
}

/** testing-library's render, inside the English catalogue (rerender keeps it). */
export function renderInEnglish(ui: ReactElement, options?: Omit<RenderOptions, "wrapper">) {
  return render(ui, { wrapper: EnglishProvider, ...options });
}

/** `t` of one namespace in English, for code outside React. */
export function englishTranslator<N extends keyof Awaited<ReturnType<typeof loadMessages>>>(namespace: N) {
  return createTranslator({ locale: "en", messages: englishMessages, namespace });
}

export const englishTime = createTimeFormat("en", createTranslator({ locale: "en", messages: englishMessages, namespace: "common.time" }));
