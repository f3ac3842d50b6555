// Tells use-intl which messages and locales exist, so `useTranslations("inbox")("…")` with a key that
// is not in the English catalogue fails the type check instead of showing the key to staff.
import type { Messages } from "./english";
import type { Locale } from "./locales";

declare module "use-intl" {
  interface AppConfig {
    Messages: Messages;
    Locale: Locale;
  }
}
