"use client";

import { memo } from "react";
import { useTranslations } from "use-intl";
import type { ConversationListItem, ConversationPresence, SearchHit } from "@/lib/inbox/schemas";
import { localZone } from "./format-time";
import { useTimeFormat } from "../use-time-format";
import { LabelChips } from "./label-chips";
import { useHasDraft } from "./use-draft-sync";
import { highlightMatches } from "./search-highlight";

export const ROW_HEIGHT = 84;

/** One list row: everything comes from the conversation's denormalised columns. */
export const ConversationRow = memo(function ConversationRow({
  item,
  selected,
  highlighted,
  showProperty,
  viewerId,
  presence,
  onOpen,
  checked,
  onToggleCheck,
  searchQuery,
}: {
  item: ConversationListItem;
  selected: boolean;
  highlighted: boolean;
  showProperty: boolean;
  /** The signed-in staff member: their own assignments say "You". */
  viewerId: string;
  /** Colleagues who have this conversation open right now (none: undefined). */
  presence?: ConversationPresence["others"];
  onOpen: (id: string, at?: string) => void;
  /** Chosen for a bulk action (the checkbox in the row's left margin, or x). */
  checked: boolean;
  /** `range`: Shift was held, so every row from the last one ticked takes this one's new state. */
  onToggleCheck: (id: string, range: boolean) => void;
  /** The list's search: the row's second line shows the message it found, the words marked. */
  searchQuery?: string;
}) {
  const t = useTranslations("inbox");
  const name = guestLabel(item, t("guest"));
  const zone = localZone();
  const time = useTimeFormat();
  const hasDraft = useHasDraft(viewerId, item.id);
  // In a search: the message that matched, which the row shows and the thread opens at.
  const hit = searchQuery ? item.searchHit : null;
  return (
    <div className="relative h-full">
      {/* Beside the link, not in it: a control inside a link is neither valid nor reachable. */}
      <input
        type="checkbox"
        checked={checked}
        // React reports a checkbox's change from its click, which says whether Shift was held.
        onChange={(event) => onToggleCheck(item.id, "shiftKey" in event.nativeEvent && event.nativeEvent.shiftKey === true)}
        aria-label={t("row.select", { name, reference: item.reference })}
        data-testid="row-select"
        className="absolute top-1/2 left-2.5 z-10 size-3.5 -translate-y-1/2 cursor-pointer accent-indigo-600"
      />
      <a
        href={`/inbox?c=${item.id}${hit ? `&m=${hit.messageId}` : ""}`}
        onClick={(event) => {
          if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
          event.preventDefault();
          onOpen(item.id, hit?.messageId);
        }}
        aria-current={selected ? "page" : undefined}
        data-testid="conversation-row"
        data-conversation-id={item.id}
        data-unread={item.unread}
        data-highlighted={highlighted || undefined}
        data-checked={checked || undefined}
        className={`flex h-full flex-col justify-center gap-0.5 border-b border-slate-100 pr-3 pl-8 text-sm outline-none focus-visible:ring-2 focus-visible:ring-indigo-500 focus-visible:ring-inset dark:border-slate-800/70 ${
          selected ? "bg-indigo-50 dark:bg-indigo-950/50" : highlighted ? "bg-slate-100 dark:bg-slate-800/60" : checked ? "bg-sky-50 dark:bg-sky-950/40" : "hover:bg-slate-50 dark:hover:bg-slate-900"
        } ${highlighted ? "shadow-[inset_3px_0_0_0] shadow-indigo-500" : ""}`}
      >
        <span className="flex items-center gap-2">
          {item.unread ? <span className="size-2 shrink-0 rounded-full bg-indigo-600 dark:bg-indigo-400" aria-label={t("row.unread")} role="img" /> : null}
          {item.starred ? (
            <span className="shrink-0 text-amber-500 dark:text-amber-400" aria-label={t("row.starred")} role="img" data-testid="row-star">
              ★
            </span>
          ) : null}
          <span className={`truncate ${item.unread ? "font-semibold" : "font-medium"}`} data-testid="row-guest-name">
            {name}
          </span>
          {item.type === "request_to_book" ? <Badge tone="violet">{t("row.requestToBook")}</Badge> : null}
          {item.labelIds.length > 0 ? <LabelChips ids={item.labelIds} max={2} /> : null}
          {item.lastMessageAt ? (
            <time className="ml-auto shrink-0 text-xs text-slate-600 tabular-nums dark:text-slate-400" dateTime={item.lastMessageAt} title={time.full(item.lastMessageAt, zone)}>
              {time.short(item.lastMessageAt, zone)}
            </time>
          ) : (
            <span className="ml-auto shrink-0 text-xs text-slate-600 dark:text-slate-400">{t("row.noMessages")}</span>
          )}
        </span>
        <span className="truncate text-slate-600 dark:text-slate-300">
          {hasDraft ? (
            <span className="font-medium text-rose-700 dark:text-rose-400" data-testid="row-draft" title={t("row.draftTitle")}>
              {t("row.draft")}{" "}
            </span>
          ) : null}
          {hit && searchQuery ? (
            <SearchHitLine hit={hit} query={searchQuery} zone={zone} />
          ) : (
            <>
              {item.lastMessageSender ? <span className="text-slate-600 dark:text-slate-400">{`${item.lastMessageSender === "guest" ? t("row.fromGuest") : t("row.fromYou")} `}</span> : null}
              {item.lastMessagePreview ?? <span className="italic text-slate-600 dark:text-slate-400">{t("row.noMessagesYet")}</span>}
            </>
          )}
        </span>
        <span className="flex items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
          <span className="truncate">
            {showProperty ? `${item.propertyName} · ` : ""}#{item.reference}
          </span>
          <span className="ml-auto flex shrink-0 gap-1">
            {presence && presence.length > 0 ? <RowPresence others={presence} /> : null}
            {item.needsReplySince ? (
              <Badge tone="amber" title={t("row.needsReplyTitle", { time: time.full(item.needsReplySince, zone) })}>
                {t("row.needsReply", { waiting: time.waiting(item.needsReplySince) })}
              </Badge>
            ) : null}
            {item.scheduledReplyAt ? (
              <span data-testid="row-scheduled">
                <Badge tone="sky" title={t("row.scheduledTitle", { time: time.full(item.scheduledReplyAt, zone) })}>
                  {t("row.scheduled", { when: time.snoozeUntil(item.scheduledReplyAt, zone) })}
                </Badge>
              </span>
            ) : null}
            {item.noReplyNeeded ? <Badge tone="slate">{t("row.noReplyNeeded")}</Badge> : null}
            {item.snooze ? (
              <span data-testid="row-snooze">
                <Badge tone="sky" title={item.snooze.until ? t("row.snoozedUntilTitle", { time: time.full(item.snooze.until, zone) }) : t("row.snoozedUntilReplyTitle")}>
                  {item.snooze.until ? t("row.wakes", { when: time.snoozeUntil(item.snooze.until, zone) }) : t("row.untilReply")}
                </Badge>
              </span>
            ) : null}
            {item.access === "read_only" ? <Badge tone="slate">{t("row.closed")}</Badge> : null}
            {item.assignee ? (
              <span data-testid="row-assignee">
                <Badge tone="indigo" title={item.assignee.id === viewerId ? t("row.assignedToYouTitle") : t("row.assignedToTitle", { name: item.assignee.name })}>
                  {item.assignee.id === viewerId
                    ? t.rich("row.assigneeYou", { hidden: srOnly })
                    : t.rich("row.assignee", { hidden: srOnly, name: firstName(item.assignee.name) })}
                </Badge>
              </span>
            ) : null}
          </span>
        </span>
      </a>
    </div>
  );
});

/** A search result's second line: the message that matched, from just before its first match, the words marked. */
function SearchHitLine({ hit, query, zone }: { hit: SearchHit; query: string; zone: string }) {
  const time = useTimeFormat();
  const t = useTranslations("inbox.row");
  return (
    <span data-testid="row-search-hit" title={t("searchHitTitle", { time: time.full(hit.sentAt, zone) })}>
      <span className="text-slate-600 dark:text-slate-400">{`${hit.sender === "guest" ? t("fromGuest") : t("fromYou")} `}</span>
      {highlightMatches(hit.content, query, hit.cut).map((segment, index) =>
        segment.match ? (
          <mark key={index} className="rounded-sm bg-amber-200 px-0.5 text-slate-900 dark:bg-amber-500/40 dark:text-amber-50">
            {segment.text}
          </mark>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </span>
  );
}

/**
 * "Sam writing" (or "Sam viewing") on the row, so a colleague already answering is seen before the
 * thread is opened. The one writing comes first; more colleagues show as "+1".
 */
function RowPresence({ others }: { others: ConversationPresence["others"] }) {
  const t = useTranslations("inbox.row");
  const ordered = [...others].sort((a, b) => Number(b.activity === "replying") - Number(a.activity === "replying"));
  const first = ordered[0]!;
  const replying = first.activity === "replying";
  const everyone = ordered.map((other) => t(other.activity === "replying" ? "presenceReplying" : "presenceViewing", { name: other.name })).join(", ");
  return (
    <span data-testid="row-presence" title={everyone}>
      <Badge tone={replying ? "amber" : "emerald"}>
        <span aria-hidden className={`mr-1 inline-block size-1.5 rounded-full ${replying ? "animate-pulse bg-amber-500" : "bg-emerald-500"}`} />
        <span className="sr-only">{everyone}</span>
        <span aria-hidden>
          {t(replying ? "presenceBadgeReplying" : "presenceBadgeViewing", { name: firstName(first.name) })}
          {ordered.length > 1 ? ` +${ordered.length - 1}` : ""}
        </span>
      </Badge>
    </span>
  );
}

/**
 * The guest's name, or `fallback` (the inbox catalogue's `guest`, "Guest") when Booking.com gave none.
 * Callers that have not passed one yet get the English word.
 */
export function guestLabel(item: Pick<ConversationListItem, "guestName">, fallback: string): string {
  return item.guestName?.trim() || fallback;
}

/** The part of a badge only a screen reader says ("Assigned to "), for t.rich's `<hidden>`. */
function srOnly(chunks: React.ReactNode) {
  return <span className="sr-only">{chunks}</span>;
}

/** "Sam Staff" → "Sam": a row has room for a badge, not a full name (its title has the full name). */
function firstName(name: string): string {
  return name.trim().split(/\s+/)[0] || name;
}

export function Badge({ tone, title, children }: { tone: "amber" | "slate" | "violet" | "sky" | "red" | "indigo" | "emerald"; title?: string; children: React.ReactNode }) {
  const tones = {
    amber: "bg-amber-100 text-amber-900 dark:bg-amber-900/40 dark:text-amber-200",
    slate: "bg-slate-100 text-slate-700 dark:bg-slate-800 dark:text-slate-300",
    violet: "bg-violet-100 text-violet-800 dark:bg-violet-900/40 dark:text-violet-200",
    sky: "bg-sky-100 text-sky-800 dark:bg-sky-900/40 dark:text-sky-200",
    red: "bg-red-100 text-red-800 dark:bg-red-900/40 dark:text-red-200",
    indigo: "bg-indigo-100 text-indigo-800 dark:bg-indigo-900/40 dark:text-indigo-200",
    emerald: "bg-emerald-100 text-emerald-800 dark:bg-emerald-900/40 dark:text-emerald-200",
  } as const;
  return (
    <span title={title} className={`inline-flex shrink-0 items-center rounded px-1.5 py-0.5 text-[11px] leading-none font-medium whitespace-nowrap ${tones[tone]}`}>
      {children}
    </span>
  );
}
