// Bellhop's service worker, for guest-message notifications only (components/inbox/use-guest-notifications.ts).
// Android's Chrome shows no notification made with `new Notification()` (it throws); one shown through a
// service worker's registration works there and everywhere else. Nothing else lives here on purpose: no
// fetch handler and no cache, so the inbox is never served from a stale copy.

/** The message the inbox tab listens for, to open the conversation a notification was about. */
const OPEN_CONVERSATION = "bellhop.open-conversation";

self.addEventListener("install", () => self.skipWaiting());
self.addEventListener("activate", (event) => event.waitUntil(self.clients.claim()));

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const data = event.notification.data;
  const conversationId = data && typeof data.conversationId === "string" ? data.conversationId : null;
  if (!conversationId) return;
  event.waitUntil(openConversation(conversationId));
});

/**
 * An inbox tab already open opens it (the focused one, else a visible one, else any); otherwise a new
 * tab does. A tab whose URL is not the inbox's is still asked when no other is: a window client's URL
 * can still be the page it started at (the sign-in page, which the inbox replaced in place).
 */
async function openConversation(conversationId) {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const inboxes = windows.filter((client) => new URL(client.url).pathname.startsWith("/inbox"));
  const candidates = inboxes.length > 0 ? inboxes : windows;
  const inbox = candidates.find((client) => client.focused) ?? candidates.find((client) => client.visibilityState === "visible") ?? candidates[0];
  if (!inbox) {
    await self.clients.openWindow(`/inbox?c=${encodeURIComponent(conversationId)}`);
    return;
  }
  inbox.postMessage({ type: OPEN_CONVERSATION, conversationId });
  // Allowed only while handling a real click on the notification; the tab then shows the conversation either way.
  await inbox.focus().catch(() => undefined);
}
