// Desktop notifications (shared inboxes' "browser notifications"): a staff member turns them on with
// the bell, leaves the inbox for another tab, and a guest's new message shows a notification naming the
// guest and the property with the message; clicking it brings the inbox back with that conversation
// open. With the inbox in front, nothing pops up: the row itself appears.
//
// They are shown through Bellhop's service worker (public/notification-worker.js; Android's Chrome
// shows no other kind). The test reads them from the worker's registration and clicks one by
// dispatching `notificationclick` in the worker itself, so the worker's own handler finds the inbox
// tab. A browser without service workers (Firefox's private windows) falls back to the page's own
// Notification; an init script there records each one the page makes, so the test can click it.
//
// Headless Chromium reports every tab as focused unless Playwright's focus emulation is switched off
// (CDP Emulation.setFocusEmulationEnabled): then a tab behind another one really loses focus.
import { expect, test, type APIRequestContext, type BrowserContext, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, signIn } from "./fixtures";
import { createBooking, guestSends } from "./sandbox-control";

const STAFF_PROPERTY = 13921698;

/** `icon` and `badge`: the paths of the images the notification shows ("" for none). */
type Shown = { title: string; body: string | undefined; icon: string; badge: string };
type Notifications = { shown: () => Promise<Shown[]>; clickFirst: () => Promise<void> };

test("with the bell on, a guest's message shows a notification (through the service worker) while the inbox is behind another tab, and clicking it opens the conversation", async ({ browser, request }) => {
  const context = await browser.newContext();
  await context.grantPermissions(["notifications"]);
  const page = await context.newPage();
  await notifiedInTheBackground(context, page, request, "Nora Notify", throughTheWorker(context, page));
  expect(context.serviceWorkers().map((worker) => new URL(worker.url()).pathname)).toEqual(["/notification-worker.js"]);
  await context.close();
});

test("a notification worker that failed to register is registered at the next notification, not given up on", async ({ browser, request }) => {
  const context = await browser.newContext();
  await context.grantPermissions(["notifications"]);
  // The worker's script fails once (turning the bell on asks for it), as a flaky connection would.
  let fetches = 0;
  await context.route("**/notification-worker.js", (route) => (fetches++ === 0 ? route.fulfill({ status: 503, body: "" }) : route.continue()));
  const page = await context.newPage();
  await notifiedInTheBackground(context, page, request, "Rita Retry", throughTheWorker(context, page));
  expect(fetches).toBeGreaterThanOrEqual(2);
  await context.close();
});

/** The notifications Bellhop's service worker shows, and a click on the first, handled by the worker itself. */
function throughTheWorker(context: BrowserContext, page: Page): Notifications {
  const fromWorker = async () => {
    const [worker] = context.serviceWorkers();
    if (!worker) throw new Error("Bellhop's notification worker is not running");
    return worker;
  };
  return {
    shown: async () =>
      page.evaluate(async () => {
        const registration = await navigator.serviceWorker.getRegistration();
        const pathOf = (url: string) => (url ? new URL(url).pathname : "");
        return (await registration?.getNotifications())?.map((notification) => ({ title: notification.title, body: notification.body, icon: pathOf(notification.icon), badge: pathOf(notification.badge) })) ?? [];
      }),
    clickFirst: async () =>
      (await fromWorker()).evaluate(async () => {
        // The worker's own global scope (the project's TypeScript has no "webworker" lib).
        const worker = self as unknown as {
          registration: ServiceWorkerRegistration;
          dispatchEvent: (event: Event) => boolean;
          NotificationEvent: new (type: string, init: { notification: Notification }) => Event;
        };
        const [notification] = await worker.registration.getNotifications();
        worker.dispatchEvent(new worker.NotificationEvent("notificationclick", { notification: notification! }));
      }),
  };
}

test("without service workers, the page's own notification is shown instead, and clicking it opens the conversation", async ({ browser, request }) => {
  const context = await browser.newContext();
  await context.grantPermissions(["notifications"]);
  await context.addInitScript(() => {
    delete (Navigator.prototype as { serviceWorker?: unknown }).serviceWorker;
    const Real = window.Notification;
    const record = window as unknown as { shown: Shown[]; made: Notification[] };
    record.shown = [];
    record.made = [];
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        const pathOf = (url: string) => (url ? new URL(url).pathname : "");
        record.shown.push({ title, body: options?.body, icon: pathOf(this.icon), badge: pathOf(this.badge) });
        record.made.push(this);
      }
    }
    Object.defineProperty(Recorded, "permission", { get: () => Real.permission });
    Object.defineProperty(Recorded, "requestPermission", { value: Real.requestPermission.bind(Real) });
    window.Notification = Recorded;
  });
  const page = await context.newPage();
  await notifiedInTheBackground(context, page, request, "Fran Fallback", {
    shown: () => page.evaluate(() => (window as unknown as { shown: Shown[] }).shown),
    clickFirst: () => page.evaluate(() => void (window as unknown as { made: Notification[] }).made[0]!.dispatchEvent(new Event("click"))),
  });
  expect(context.serviceWorkers()).toEqual([]);
  await context.close();
});

/** The whole flow, for either kind of notification: none in front, one behind, its click, the bell off. */
async function notifiedInTheBackground(context: BrowserContext, page: Page, request: APIRequestContext, guestName: string, notifications: Notifications) {
  const { conversation } = await createBooking(request, { propertyId: STAFF_PROPERTY, guestName, firstGuestMessage: "Hello!" });
  await signIn(page, DEMO_ACCOUNTS.staff);
  await expect(page.getByTestId("live-status")).toHaveText("Live");
  const bell = page.getByRole("button", { name: "Desktop notifications" });
  await expect(bell).toHaveAttribute("aria-pressed", "false");
  await expect(bell.getByTestId("bell-off")).toBeVisible(); // a crossed-out bell, drawn (no emoji font needed)
  await bell.click();
  await expect(bell).toHaveAttribute("aria-pressed", "true");
  await expect(bell.getByTestId("bell-on")).toBeVisible();

  // In front: the row appears, no notification.
  await guestSends(request, conversation.conversationId, "Is breakfast included?");
  const row = page.getByTestId("conversation-row").filter({ hasText: `#${conversation.reference}` });
  await expect(row).toContainText("Is breakfast included?", { timeout: 30_000 });
  expect(await notifications.shown()).toEqual([]);

  // Behind another tab: the next message is announced.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setFocusEmulationEnabled", { enabled: false });
  const other = await context.newPage();
  await other.bringToFront();
  await expect.poll(() => page.evaluate(() => document.hasFocus())).toBe(false);
  await guestSends(request, conversation.conversationId, "And is there parking?");
  await expect.poll(notifications.shown, { timeout: 30_000 }).toEqual([
    { title: `${guestName} · Demand API Messaging Test Hotel`, body: "And is there parking?", icon: "/icons/icon-192.png", badge: "/icons/badge-96.png" },
  ]);

  // Clicked: the inbox opens that conversation.
  await notifications.clickFirst();
  await expect(page).toHaveURL(/[?&]c=/);
  await expect(page.getByTestId("thread-guest-name")).toHaveText(guestName);

  // Turned off: nothing more, even in the background.
  await page.bringToFront();
  await bell.click();
  await expect(bell).toHaveAttribute("aria-pressed", "false");
  await other.bringToFront();
  await guestSends(request, conversation.conversationId, "Never mind, found it.");
  await expect(page.getByTestId("message").filter({ hasText: "Never mind, found it." })).toBeVisible({ timeout: 30_000 });
  expect((await notifications.shown()).filter((shown) => shown.body === "Never mind, found it.")).toEqual([]);
}

