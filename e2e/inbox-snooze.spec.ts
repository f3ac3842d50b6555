// Snooze through the UI: until the guest replies (the conversation leaves All, shows in Snoozed, and
// comes back live when the guest writes, without a reload), then until a picked date, then Unsnooze;
// the thread keeps a line of each.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, openByReference, signIn } from "./fixtures";
import { createBooking, guestSends } from "./sandbox-control";

const LISBON = 6819547;

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({ id: violation.id, nodes: violation.nodes.map((node) => `${node.target.join(" ")}: ${node.failureSummary}`) }));
}

/** Keys pressed with the focus on the page itself, not in a field. */
async function pressOnPage(page: Page, key: string) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(key);
}

test("snooze until the guest replies, woken live by the guest; snooze until a date; unsnooze", async ({ page, request }) => {
  const { conversation } = await createBooking(request, { propertyId: LISBON, guestName: "Marta Sono" });
  await guestSends(request, conversation.conversationId, "Is a late check-out possible?");
  await signIn(page, DEMO_ACCOUNTS.admin);
  await expect(page.getByTestId("live-status")).toHaveText("Live");
  // Everything below happens in this one page load: the marker would be gone after a reload.
  await page.evaluate(() => Object.assign(window, { bellhopNoReload: true }));
  const stillSamePage = () => page.evaluate(() => (window as unknown as { bellhopNoReload?: boolean }).bellhopNoReload === true);

  // Only this conversation in the list, whatever else the other tests created (typed, not navigated).
  await page.getByLabel("Search conversations").fill(conversation.reference);
  const row = page.getByTestId("conversation-row").filter({ hasText: `#${conversation.reference}` });
  await expect(row).toBeVisible({ timeout: 20_000 });
  // A tab's name, followed by its count where it has one (Unread, Needs reply).
  const view = (name: string) => page.getByRole("navigation", { name: "Views" }).getByRole("button", { name: new RegExp(`^${name}( \\d+)?$`) });

  await row.click();
  await expect(page.getByTestId("message").filter({ hasText: "late check-out" })).toBeVisible();
  const dialog = page.getByRole("dialog", { name: "Snooze" });

  // `z` does nothing while typing a reply.
  const reply = page.getByLabel("Reply to the guest");
  await reply.click();
  await reply.press("z");
  await expect(reply).toHaveValue("z");
  await expect(dialog).toBeHidden();
  await reply.fill("");

  // `z` opens the menu from the thread; the first choice has the focus; Escape closes it.
  await pressOnPage(page, "z");
  await expect(dialog).toBeVisible();
  // The first choice is three hours ahead ("In 3 hours" once that is past midnight).
  await expect(dialog.getByRole("button", { name: /^(Later today|In 3 hours)/ })).toBeFocused();
  await expect(dialog.getByRole("button", { name: /^Tomorrow morning/ })).toContainText("09:00");
  // Monday 09:00 is on offer once: as "Next week", or on a Sunday as tomorrow morning.
  await expect(dialog.getByRole("button", { name: /^(Next week|Tomorrow morning)\s*Mon \d+ \w+, 09:00$/ })).toHaveCount(1);
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(/[?&]c=/);

  // Until the guest replies: back to the list, out of All, in Snoozed.
  await pressOnPage(page, "z");
  await dialog.getByRole("button", { name: "Until the guest replies" }).click();
  await expect(page).not.toHaveURL(/[?&]c=/);
  await expect(dialog).toBeHidden();
  await expect(row).toHaveCount(0);
  await view("Snoozed").click();
  await expect(row).toBeVisible();
  await expect(row.getByTestId("row-snooze")).toHaveText("Until the guest replies");
  await view("All").click();
  await expect(row).toHaveCount(0);

  // The guest writes: the conversation is back in All and in Needs reply, live.
  await guestSends(request, conversation.conversationId, "And could we have extra towels?");
  await expect(row).toBeVisible({ timeout: 20_000 });
  await expect(row).toContainText("extra towels");
  await expect(row.getByTestId("row-snooze")).toHaveCount(0);
  await view("Needs reply").click();
  await expect(row).toBeVisible();
  await view("Snoozed").click();
  await expect(row).toHaveCount(0);
  expect(await stillSamePage()).toBe(true);

  // Until a date picked in the browser's local time: a past time is refused with a message first.
  await view("All").click();
  await row.click();
  await page.getByRole("button", { name: "Snooze", exact: true }).click();
  await expect(dialog).toBeVisible();
  const picker = dialog.getByLabel("Or pick a date and time");
  const times = await page.evaluate(() => {
    const local = (date: Date) => {
      const pad = (value: number) => String(value).padStart(2, "0");
      return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
    };
    const wake = new Date();
    wake.setDate(wake.getDate() + 2);
    wake.setHours(10, 30, 0, 0);
    const label = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(wake);
    return { past: local(new Date(Date.now() - 3_600_000)), wake: local(wake), label };
  });
  await picker.fill(times.past);
  await dialog.getByRole("button", { name: "Snooze until then" }).click();
  await expect(dialog.getByRole("alert")).toHaveText("Choose a time in the future.");
  await expect(picker).toHaveAttribute("aria-invalid", "true");
  await picker.fill(times.wake);
  await dialog.getByRole("button", { name: "Snooze until then" }).click();
  await expect(page).not.toHaveURL(/[?&]c=/);
  await expect(row).toHaveCount(0);

  await view("Snoozed").click();
  await expect(row.getByTestId("row-snooze")).toHaveText(`Wakes ${times.label}`);
  await row.click();
  const status = page.getByTestId("snooze-status");
  await expect(status).toContainText(`Snoozed until ${times.label} by ${DEMO_ACCOUNTS.admin.name}`);
  expect(await seriousViolations(page)).toEqual([]);

  // Unsnooze: out of Snoozed, back in All.
  await status.getByRole("button", { name: "Unsnooze" }).click();
  await expect(status).toHaveCount(0);
  await expect(row).toHaveCount(0);
  await view("All").click();
  await expect(row).toBeVisible();
  await expect(row.getByTestId("row-snooze")).toHaveCount(0);
  expect(await stillSamePage()).toBe(true);

  // The thread tells the story, in order, among the guest's messages.
  await row.click();
  const admin = DEMO_ACCOUNTS.admin.name;
  const story = page.getByTestId("thread").locator('[data-testid="message"], [data-testid="activity"]');
  await expect(story).toHaveText([
    /late check-out/,
    new RegExp(`^${admin} snoozed this until the guest replies`),
    /extra towels/,
    /^The guest wrote: the snooze ended/,
    new RegExp(`^${admin} snoozed this until ${times.label}`),
    new RegExp(`^${admin} woke this conversation`),
  ]);
});

// The page missed a guest message (its live stream is held up here; in life, a slow network or a
// message that arrives the second before the click). Snoozing it, or marking it "no reply needed", now
// would hide a message nobody has read: the server refuses, and the page shows the message.
test("snooze and no reply needed are refused when the guest wrote after what the page shows, and the new message appears", async ({ page, request }) => {
  const { conversation } = await createBooking(request, { propertyId: LISBON, guestName: "Rita Lobo" });
  await guestSends(request, conversation.conversationId, "Can we check in at noon?");
  await page.route("**/api/events", () => undefined); // never answered: no live updates for this page
  await signIn(page, DEMO_ACCOUNTS.admin);
  await openByReference(page, conversation.reference);
  await expect(page.getByTestId("message").filter({ hasText: "check in at noon" })).toBeVisible({ timeout: 20_000 });

  /** The guest writes; resolves once Bellhop has stored it, with the (still empty) place it will show. */
  const guestWritesUnseen = async (text: string) => {
    await guestSends(request, conversation.conversationId, text);
    await expect
      .poll(async () => ((await (await page.request.get(`/api/conversations?q=${conversation.reference}`)).json()) as { items: { lastMessagePreview: string }[] }).items[0]?.lastMessagePreview, { timeout: 20_000 })
      .toContain(text);
    const message = page.getByTestId("message").filter({ hasText: text });
    await expect(message).toHaveCount(0);
    return message;
  };

  const missedFirst = await guestWritesUnseen("Also, we will be three, not two.");
  const toggle = page.getByTitle("No reply needed (e)");
  await pressOnPage(page, "e");
  await expect(page.getByRole("alert").filter({ hasText: 'then mark it "no reply needed"' })).toBeVisible();
  await expect(missedFirst).toBeVisible();
  await expect(toggle).toHaveAttribute("aria-pressed", "false");

  const missedSecond = await guestWritesUnseen("Is there a cot for the baby?");
  const dialog = page.getByRole("dialog", { name: "Snooze" });
  await pressOnPage(page, "z");
  await dialog.getByRole("button", { name: "Until the guest replies" }).click();
  await expect(dialog.getByRole("alert")).toHaveText(/The guest has written again since this conversation was loaded.*then snooze it/);
  await page.keyboard.press("Escape");
  await expect(missedSecond).toBeVisible();
  await expect(page).toHaveURL(/[?&]c=/);
  await expect(page.getByTestId("snooze-status")).toHaveCount(0);

  // Now the page is current: both go through.
  await pressOnPage(page, "e");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await pressOnPage(page, "z");
  await dialog.getByRole("button", { name: "Until the guest replies" }).click();
  await expect(page).not.toHaveURL(/[?&]c=/);
});
