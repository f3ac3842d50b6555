"use client";

import { useTranslations } from "use-intl";
import type { Label, LabelColor } from "@/lib/inbox/label-colors";
import { useLabels } from "./use-labels";

// Literal class names, so Tailwind sees every one of them.
const DOTS: Record<LabelColor, string> = {
  slate: "bg-slate-500",
  red: "bg-red-500",
  amber: "bg-amber-500",
  emerald: "bg-emerald-500",
  sky: "bg-sky-500",
  indigo: "bg-indigo-500",
  violet: "bg-violet-500",
  pink: "bg-pink-500",
};

export function LabelDot({ color }: { color: LabelColor }) {
  return <span aria-hidden className={`inline-block size-2 shrink-0 rounded-full ${DOTS[color]}`} />;
}

/** The team's labels on a conversation, as outlined chips (status badges are filled): at most `max`, then "+N". */
export function LabelChips({ ids, max = Infinity }: { ids: readonly string[]; max?: number }) {
  const { byId } = useLabels(ids);
  const t = useTranslations("inbox.labels");
  const known = ids.flatMap((id) => byId.get(id) ?? []);
  if (known.length === 0) return null;
  const shown = known.slice(0, max);
  const hidden = known.slice(max);
  return (
    <span className="flex min-w-0 shrink items-center gap-1" aria-label={t("chips", { names: known.map((label) => label.name).join(", ") })} role="group">
      {shown.map((label) => (
        <span
          key={label.id}
          data-testid="label-chip"
          className="inline-flex min-w-0 items-center gap-1 rounded-full border border-slate-300 px-1.5 py-0.5 text-[11px] leading-none font-medium text-slate-700 dark:border-slate-600 dark:text-slate-300"
        >
          <LabelDot color={label.color} />
          <span className="truncate">{label.name}</span>
        </span>
      ))}
      {hidden.length > 0 ? (
        <span className="shrink-0 text-[11px] text-slate-600 dark:text-slate-400" title={hidden.map((label) => label.name).join(", ")}>
          +{hidden.length}
        </span>
      ) : null}
    </span>
  );
}

/** The team's labels as the options of a <select> (the list's filter, the bulk bar). */
export function LabelOptions({ labels }: { labels: readonly Label[] }) {
  return labels.map((label) => (
    <option key={label.id} value={label.id}>
      {label.name}
    </option>
  ));
}
