// Desktop notifications (shared inboxes' "browser notifications"): a staff member turns them on with
// the bell, leaves the inbox for another tab, and a guest's new message shows a notification naming the
// guest and the property with the message; clicking it brings the inbox back with that conversation
// open. With the inbox in front, nothing pops up: the row itself appears.
//
// Headless Chromium reports every tab as focused unless Playwright's focus emulation is switched off
// (CDP Emulation.setFocusEmulationEnabled): then a tab behind another one really loses focus. The
// notifications themselves are the browser's own (permission granted, `show` fires); an init script
// only records each one the page makes, so the test can read them and click one.
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, signIn } from "./fixtures";
import { createBooking, guestSends } from "./sandbox-control";

const STAFF_PROPERTY = 13921698;

type Shown = { title: string; body: string | undefined };

test("with the bell on, a guest's message shows a desktop notification while the inbox is behind another tab, and clicking it opens the conversation", async ({ browser, request }) => {
  const context = await browser.newContext();
  await context.grantPermissions(["notifications"]);
  await context.addInitScript(() => {
    const Real = window.Notification;
    const record = window as unknown as { shown: Shown[]; made: Notification[] };
    record.shown = [];
    record.made = [];
    class Recorded extends Real {
      constructor(title: string, options?: NotificationOptions) {
        super(title, options);
        record.shown.push({ title, body: options?.body });
        record.made.push(this);
      }
    }
    Object.defineProperty(Recorded, "permission", { get: () => Real.permission });
    Object.defineProperty(Recorded, "requestPermission", { value: Real.requestPermission.bind(Real) });
    window.Notification = Recorded;
  });
  const page = await context.newPage();

  const { conversation } = await createBooking(request, { propertyId: STAFF_PROPERTY, guestName: "Nora Notify", firstGuestMessage: "Hello!" });
  await signIn(page, DEMO_ACCOUNTS.staff);
  await expect(page.getByTestId("live-status")).toHaveText("Live");
  const bell = page.getByRole("button", { name: "Desktop notifications" });
  await expect(bell).toHaveAttribute("aria-pressed", "false");
  await bell.click();
  await expect(bell).toHaveAttribute("aria-pressed", "true");
  const shown = () => page.evaluate(() => (window as unknown as { shown: Shown[] }).shown);

  // In front: the row appears, no notification.
  await guestSends(request, conversation.conversationId, "Is breakfast included?");
  const row = page.getByTestId("conversation-row").filter({ hasText: `#${conversation.reference}` });
  await expect(row).toContainText("Is breakfast included?", { timeout: 30_000 });
  expect(await shown()).toEqual([]);

  // Behind another tab: the next message is announced.
  const cdp = await context.newCDPSession(page);
  await cdp.send("Emulation.setFocusEmulationEnabled", { enabled: false });
  const other = await context.newPage();
  await other.bringToFront();
  await expect.poll(() => page.evaluate(() => document.hasFocus())).toBe(false);
  await guestSends(request, conversation.conversationId, "And is there parking?");
  await expect.poll(shown, { timeout: 30_000 }).toEqual([{ title: expect.stringMatching(/^Nora Notify · /), body: "And is there parking?" }]);

  // Clicked: the inbox opens that conversation.
  await page.evaluate(() => (window as unknown as { made: Notification[] }).made[0]!.dispatchEvent(new Event("click")));
  await expect(page).toHaveURL(/[?&]c=/);
  await expect(page.getByTestId("thread-guest-name")).toHaveText("Nora Notify");

  // Turned off: nothing more, even in the background.
  await bell.click();
  await expect(bell).toHaveAttribute("aria-pressed", "false");
  await other.bringToFront();
  await guestSends(request, conversation.conversationId, "Never mind, found it.");
  await expect(page.getByTestId("message").filter({ hasText: "Never mind, found it." })).toBeVisible({ timeout: 30_000 });
  expect(await shown()).toHaveLength(1);
  await context.close();
});
