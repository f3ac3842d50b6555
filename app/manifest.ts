import type { MetadataRoute } from "next";
import { getServerTranslator, requestLocale } from "@/lib/i18n/request-locale";

// Makes Bellhop installable (Chrome's and Edge's "Install", Android's "Add to home screen"): the front
// desk's phone or tablet then opens the inbox as an app of its own, in its own window, with the icon
// (rendered from app/icon.svg by `npm run icons`). The `id` stays the same for as long as Bellhop lives
// at this origin: browsers tell installed apps apart by it. The description is in the installer's
// language, by the pages' rule (which makes this route dynamic rather than built once).
export default async function manifest(): Promise<MetadataRoute.Manifest> {
  return {
    id: "/inbox",
    name: "Bellhop",
    short_name: "Bellhop",
    description: (await getServerTranslator("common"))("description"),
    lang: await requestLocale(),
    start_url: "/inbox",
    scope: "/",
    display: "standalone",
    background_color: "#ffffff",
    theme_color: "#4f46e5",
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
  };
}
