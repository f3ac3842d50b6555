import type { Metadata } from "next";
import { SetPasswordForm } from "@/components/settings/set-password-form";
import { checkPasswordLink } from "@/lib/admin/redeem-password-link";
import { sayWords } from "@/lib/i18n/localized-error";
import { getServerTranslator, requestLocale } from "@/lib/i18n/request-locale";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getServerTranslator("team.setPassword");
  return { title: t("pageTitle") };
}

// Public: the one-time token in the link is the credential. Checked here so an expired or used link
// says so before anyone types a password.
export default async function SetPasswordPage({ searchParams }: { searchParams: Promise<{ token?: string | string[] }> }) {
  const { token } = await searchParams;
  const t = await getServerTranslator("team.setPassword");
  const value = typeof token === "string" ? token : "";
  const status = value ? await checkPasswordLink(value) : null;
  // In the reader's language: an expired or used link is the first thing a new colleague may see.
  const problem = !status ? t("incompleteLink") : status.valid ? null : await sayWords(status.words, await requestLocale());
  return (
    <main className="mx-auto mt-24 max-w-sm px-4">
      <h1 className="mb-6 text-2xl font-semibold">{t("heading")}</h1>
      {status?.valid ? (
        <SetPasswordForm token={value} name={status.name} email={status.email} />
      ) : (
        <p role="alert" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950 dark:text-red-200" data-testid="set-password-invalid">
          {problem}
        </p>
      )}
    </main>
  );
}
