// Who else has this conversation open, under the thread's title: "Sam Staff is writing a reply",
// "Bea Front is viewing". A status region, always in the page (empty when nobody else is there), so
// screen readers hear it as it changes.
import { useTranslations } from "use-intl";
import type { ConversationPresence } from "@/lib/inbox/schemas";

export function PresenceNotice({ others }: { others: ConversationPresence["others"] }) {
  const t = useTranslations("thread.presence");
  return (
    <div role="status" className="w-full empty:-mt-1" data-testid="presence">
      {others.length === 0 ? null : (
        <ul aria-label={t("label")} className="flex flex-wrap gap-x-3 gap-y-0.5 text-xs">
          {others.map((other) => (
            <li key={other.userId} className={other.activity === "replying" ? "font-medium text-amber-800 dark:text-amber-300" : "text-slate-600 dark:text-slate-400"}>
              <span aria-hidden className={`mr-1 inline-block size-2 rounded-full ${other.activity === "replying" ? "animate-pulse bg-amber-500" : "bg-emerald-500"}`} />
              {other.activity === "replying" ? t("replying", { name: other.name }) : t("viewing", { name: other.name })}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
