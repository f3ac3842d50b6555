"use client";

// The unread count on Bellhop's icon once it is installed (app/manifest.ts): the Badging API, in Chrome
// and Edge on the desktop and Safari for a home-screen app. Where the browser has no such API, or
// refuses (an uninstalled page may be told no), nothing changes: the tab's title carries the count too.
// `"setAppBadge" in navigator`, not a test of the value: see notificationWorker() in
// inbox/use-guest-notifications.ts for what the production build's minifier did to the latter.

export function showUnreadOnAppIcon(unread: number): void {
  if (!("setAppBadge" in navigator)) return;
  const done = unread > 0 ? navigator.setAppBadge(unread) : navigator.clearAppBadge();
  void done.catch(() => undefined);
}
