"use client";

import { useEffect, useState, type RefObject } from "react";
import { useTranslations } from "use-intl";
import type { ConversationCounts } from "@/lib/inbox/count-conversations";
import type { InboxView } from "@/lib/inbox/list-views";
import type { InboxProperty } from "./inbox-app";
import type { InboxUrlState } from "./use-inbox-url";
import { LabelOptions } from "./label-chips";
import { useLabels } from "./use-labels";
import type { GuestNotifications } from "./use-guest-notifications";
import type { GuestSound } from "./use-guest-sound";
import type { LiveStatus } from "./use-live-updates";

// The tabs, in order, each with its name's message (the view's id is the URL's, lib/inbox/list-views.ts).
const VIEWS = [
  { value: "all", label: "all" },
  { value: "mine", label: "mine" },
  { value: "starred", label: "starred" },
  { value: "unread", label: "unread" },
  { value: "needs_reply", label: "needsReply" },
  { value: "no_reply_needed", label: "noReplyNeeded" },
  { value: "snoozed", label: "snoozed" },
] as const satisfies readonly { value: InboxView; label: string }[];

export function InboxToolbar({ searchRef, ...props }: {
  state: InboxUrlState;
  update: (patch: Partial<InboxUrlState>) => void;
  properties: InboxProperty[];
  live: LiveStatus;
  notifications: GuestNotifications;
  sound: GuestSound;
  searchRef: RefObject<HTMLInputElement | null>;
  /** The Unread and Needs reply tabs' numbers (null until loaded). */
  counts: ConversationCounts | null;
  onNewMessage: () => void;
  onShowShortcuts: () => void;
}) {
  const { state, update } = props;
  const t = useTranslations("inbox.toolbar");
  const [search, setSearch] = useState(state.q);
  // Debounced into the URL, so typing does not fire a request per key.
  useEffect(() => {
    if (search === state.q) return;
    const timer = setTimeout(() => update({ q: search }), 250);
    return () => clearTimeout(timer);
  }, [search, state.q, update]);

  return (
    <div className="space-y-2 border-b border-slate-200 px-3 pt-3 pb-2 dark:border-slate-800">
      {/* The buttons move under the title, rather than squeeze it, when a language's words do not fit. */}
      <div className="flex flex-wrap items-center gap-x-2 gap-y-1">
        <h1 className="text-base font-semibold tracking-tight whitespace-nowrap">{t("title")}</h1>
        <LiveIndicator status={props.live} />
        <div className="ml-auto flex items-center gap-1">
          {props.sound.supported ? <SoundButton sound={props.sound} /> : null}
          {props.notifications.supported ? <NotificationsButton notifications={props.notifications} /> : null}
          {/* Not on a touch screen, which has no keyboard to use them with (`?` still opens them). */}
          <button type="button" onClick={props.onShowShortcuts} className="btn-ghost pointer-coarse:hidden" aria-label={t("shortcuts")} title={t("shortcutsTitle")}>
            <span aria-hidden>⌨</span>
          </button>
          <button type="button" onClick={props.onNewMessage} className="btn-primary whitespace-nowrap" title={t("newMessageTitle")} data-testid="new-message">
            {t("newMessage")}
          </button>
        </div>
      </div>
      <form role="search" onSubmit={(event) => event.preventDefault()}>
        <label htmlFor="inbox-search" className="sr-only">
          {t("searchLabel")}
        </label>
        <input
          id="inbox-search"
          ref={searchRef}
          type="search"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Escape") event.currentTarget.blur();
          }}
          placeholder={t("searchPlaceholder")}
          className="input w-full"
          autoComplete="off"
        />
      </form>
      <div className="flex flex-wrap items-center gap-2">
        <nav aria-label={t("views")} className="flex flex-wrap gap-1">
          {VIEWS.map((view) => (
            <button
              key={view.value}
              type="button"
              aria-pressed={state.view === view.value}
              onClick={() => update({ view: view.value })}
              className="rounded-full px-2 py-1 text-xs font-medium text-slate-600 hover:bg-slate-100 aria-pressed:bg-slate-900 aria-pressed:text-white dark:text-slate-300 dark:hover:bg-slate-800 dark:aria-pressed:bg-slate-100 dark:aria-pressed:text-slate-900"
            >
              {t(`view.${view.label}`)}
              <ViewCount count={view.value === "unread" ? props.counts?.unread : view.value === "needs_reply" ? props.counts?.needsReply : undefined} />
            </button>
          ))}
        </nav>
      </div>
      {/* Wraps rather than squeezing a select to a few letters of its choice (long languages, a tablet). */}
      <div className="flex flex-wrap items-center gap-2">
        {props.properties.length > 1 ? (
          <>
            <label htmlFor="property-filter" className="sr-only">
              {t("property")}
            </label>
            <select id="property-filter" value={state.property ?? ""} onChange={(event) => update({ property: event.target.value || null })} className="input min-w-36 flex-[1_1_9rem] py-1 text-xs">
              <option value="">{t("allProperties")}</option>
              {props.properties.map((property) => (
                <option key={property.id} value={property.id}>
                  {property.name}
                </option>
              ))}
            </select>
          </>
        ) : (
          <span className="flex-1 truncate text-xs text-slate-500 dark:text-slate-400">{props.properties[0]?.name}</span>
        )}
        <LabelFilter value={state.label} onChange={(label) => update({ label })} />
        <label htmlFor="sort-order" className="sr-only">
          {t("sort")}
        </label>
        <select id="sort-order" value={state.sort} onChange={(event) => update({ sort: event.target.value as InboxUrlState["sort"] })} className="input py-1 text-xs">
          <option value="recent">{t("sortRecent")}</option>
          <option value="waiting">{t("sortWaiting")}</option>
        </select>
      </div>
    </div>
  );
}

/** Only the conversations with one label; hidden until the team has labels (unless the URL asks for one). */
function LabelFilter({ value, onChange }: { value: string | null; onChange: (label: string | null) => void }) {
  const { labels, byId } = useLabels();
  const t = useTranslations("inbox.toolbar");
  if (labels.length === 0 && !value) return null;
  return (
    <>
      <label htmlFor="label-filter" className="sr-only">
        {t("label")}
      </label>
      <select id="label-filter" value={value ?? ""} onChange={(event) => onChange(event.target.value || null)} className="input min-w-0 max-w-[9rem] py-1 text-xs">
        <option value="">{t("allLabels")}</option>
        {value && !byId.has(value) ? <option value={value}>{t("deletedLabel")}</option> : null}
        <LabelOptions labels={labels} />
      </select>
    </>
  );
}

function LiveIndicator({ status }: { status: LiveStatus }) {
  const live = status === "live";
  const t = useTranslations("inbox.toolbar");
  return (
    <span role="status" data-testid="live-status" className="inline-flex items-center gap-1.5 whitespace-nowrap text-xs text-slate-500 dark:text-slate-400" title={live ? t("liveTitle") : t("reconnectingTitle")}>
      <span aria-hidden className={`size-2 rounded-full ${live ? "bg-emerald-500" : "animate-pulse bg-amber-500"}`} />
      {live ? t("live") : t("reconnecting")}
    </span>
  );
}

/** The bell: desktop notifications of guests' new messages while this tab is in the background. */
function NotificationsButton({ notifications }: { notifications: GuestNotifications }) {
  const t = useTranslations("inbox.toolbar");
  const title = notifications.blocked ? t("notificationsBlocked") : notifications.enabled ? t("notificationsOn") : t("notificationsOff");
  return (
    <button
      type="button"
      onClick={() => void notifications.toggle()}
      className="btn-ghost"
      aria-label={t("notifications")}
      aria-pressed={notifications.enabled}
      disabled={notifications.blocked}
      title={title}
      data-testid="notifications-toggle"
    >
      <OutlineIcon path={notifications.enabled ? BELL : BELL_SLASH} testId={notifications.enabled ? "bell-on" : "bell-off"} />
    </button>
  );
}

/** The speaker: a chime when a guest writes, in this browser. */
function SoundButton({ sound }: { sound: GuestSound }) {
  const t = useTranslations("inbox.toolbar");
  const title = !sound.enabled ? t("soundOff") : sound.waitingForClick ? t("soundWaiting") : t("soundOn");
  return (
    <button type="button" onClick={sound.toggle} className="btn-ghost relative" aria-label={t("sound")} aria-pressed={sound.enabled} title={title}>
      <OutlineIcon path={sound.enabled ? SPEAKER_WAVE : SPEAKER_X} testId={sound.enabled ? "speaker-on" : "speaker-off"} />
      {sound.waitingForClick ? <span aria-hidden data-testid="sound-waiting" className="absolute top-1 right-1 size-1.5 rounded-full bg-amber-500" /> : null}
    </button>
  );
}

// Heroicons' outline bell, bell-slash, speaker-wave and speaker-x-mark (MIT), drawn rather than emoji
// (🔔): without an emoji font (many Linux desktops) those were empty boxes.
const BELL = "M14.857 17.082a23.848 23.848 0 0 0 5.454-1.31A8.967 8.967 0 0 1 18 9.75V9A6 6 0 0 0 6 9v.75a8.967 8.967 0 0 1-2.312 6.022c1.733.64 3.56 1.085 5.455 1.31m5.714 0a24.255 24.255 0 0 1-5.714 0m5.714 0a3 3 0 1 1-5.714 0";
const BELL_SLASH = "M9.143 17.082a24.248 24.248 0 0 0 3.844.148m-3.844-.148a23.856 23.856 0 0 1-5.455-1.31 8.964 8.964 0 0 0 2.3-5.542m3.155 6.852a3 3 0 0 0 5.667 1.97m1.965-2.277L21 21m-4.225-4.225a23.81 23.81 0 0 0 3.536-1.003A8.967 8.967 0 0 1 18 9.75V9A6 6 0 0 0 6.53 6.53m10.245 10.245L6.53 6.53M3 3l3.53 3.53";
const SPEAKER_WAVE = "M19.114 5.636a9 9 0 0 1 0 12.728M16.463 8.288a5.25 5.25 0 0 1 0 7.424M6.75 8.25l4.72-4.72a.75.75 0 0 1 1.28.53v15.88a.75.75 0 0 1-1.28.53l-4.72-4.72H4.51c-.88 0-1.704-.507-1.938-1.354A9.009 9.009 0 0 1 2.25 12c0-.83.112-1.633.322-2.396C2.806 8.756 3.63 8.25 4.51 8.25H6.75Z";
const SPEAKER_X = "M17.25 9.75 19.5 12m0 0 2.25 2.25M19.5 12l2.25-2.25M19.5 12l-2.25 2.25m-10.5-6 4.72-4.72a.75.75 0 0 1 1.28.53v15.88a.75.75 0 0 1-1.28.53l-4.72-4.72H4.51c-.88 0-1.704-.507-1.938-1.354A9.009 9.009 0 0 1 2.25 12c0-.83.112-1.633.322-2.396C2.806 8.756 3.63 8.25 4.51 8.25H6.75Z";

function OutlineIcon({ path, testId }: { path: string; testId: string }) {
  return (
    <svg aria-hidden viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth={1.5} strokeLinecap="round" strokeLinejoin="round" className="size-4" data-testid={testId}>
      <path d={path} />
    </svg>
  );
}

/** A tab's number, when it has one and it is not zero. */
function ViewCount({ count }: { count: number | undefined }) {
  // The hidden space keeps a screen reader's "Needs reply 12" from running together as "reply12".
  return count ? (
    <span className="ml-1 tabular-nums opacity-80">
      <span className="sr-only"> </span>
      {count}
    </span>
  ) : null;
}
