"use client";

// What a page shows when its server rendering failed: most often Bellhop's database restarting. The
// details stay in the server's log (Next.js sends the browser only a digest); the staff member gets a
// plain sentence and a way to try again without losing their place.
import { useEffect } from "react";
import { useTranslations } from "use-intl";

export default function PageError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("common.pageError");
  useEffect(() => {
    console.error(error);
  }, [error]);
  return (
    <main className="mx-auto flex min-h-screen max-w-md flex-col justify-center gap-4 p-6">
      <h1 className="text-lg font-semibold">{t("title")}</h1>
      <p role="alert" className="text-sm text-slate-600 dark:text-slate-300">
        {t("body")}
      </p>
      <div className="flex gap-2">
        <button type="button" className="btn-primary" onClick={() => reset()}>
          {t("retry")}
        </button>
        <a href="/inbox" className="btn-secondary">
          {t("toInbox")}
        </a>
      </div>
      {error.digest ? <p className="text-xs text-slate-500 dark:text-slate-400">{t("reference", { digest: error.digest })}</p> : null}
    </main>
  );
}
