import type { Metadata, Viewport } from "next";
import { GeistSans } from "geist/font/sans";
import "./globals.css";
import { AppIntlProvider } from "@/components/intl-provider";
import { loadPageMessages } from "@/lib/i18n/messages";
import { getServerTranslator, requestLocale } from "@/lib/i18n/request-locale";
import { Providers } from "./providers";

export async function generateMetadata(): Promise<Metadata> {
  return {
    title: "Bellhop",
    description: (await getServerTranslator("common"))("description"),
    // Added to an iPhone's home screen, the inbox opens full screen under this name.
    appleWebApp: { capable: true, title: "Bellhop" },
  };
}

// The browser's own bars (Android's, an installed app's title bar) take the page's background.
export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#020617" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // The staff member's language (lib/i18n/request-locale.ts): `lang` for screen readers and
  // hyphenation, and the one catalogue the page's client components need.
  const locale = await requestLocale();
  const messages = await loadPageMessages(locale);
  return (
    <html lang={locale} className={GeistSans.variable}>
      <body className="min-h-screen bg-white font-sans text-slate-900 antialiased dark:bg-slate-950 dark:text-slate-100">
        <AppIntlProvider locale={locale} messages={messages}>
          <Providers>{children}</Providers>
        </AppIntlProvider>
      </body>
    </html>
  );
}
