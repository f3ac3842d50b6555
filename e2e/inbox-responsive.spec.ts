// The inbox on a phone, in dark mode, and with a very long thread: it stays usable, readable and small.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, openByReference, signIn } from "./fixtures";
import { createBooking, eventually, guestSends, guestSendsMany, inspect } from "./sandbox-control";

const LISBON = 6819547;
const PHONE = { width: 390, height: 844 };

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa"]).analyze();
  return result.violations
    .filter((violation) => violation.impact === "serious" || violation.impact === "critical")
    .map((violation) => ({ id: violation.id, impact: violation.impact, nodes: violation.nodes.map((node) => `${node.target.join(" ")}: ${node.failureSummary}`) }));
}

/** The relative luminance (0 black … 1 white) of a computed CSS colour, whatever its colour space (Tailwind 4 uses oklch). */
function luminanceOf(page: Page, selector: string) {
  return page.evaluate((target) => {
    const color = getComputedStyle(document.querySelector(target)!).backgroundColor;
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = 1;
    const context = canvas.getContext("2d")!;
    context.fillStyle = color;
    context.fillRect(0, 0, 1, 1);
    const [r, g, b] = Array.from(context.getImageData(0, 0, 1, 1).data).map((value) => {
      const channel = value / 255;
      return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    });
    return { color, luminance: 0.2126 * r! + 0.7152 * g! + 0.0722 * b! };
  }, selector);
}

test.describe("on a phone", () => {
  test.use({ viewport: PHONE, isMobile: true, hasTouch: true });

  test("the list and the thread are two screens, with a Back control between them", async ({ page, request }) => {
    const { conversation } = await createBooking(request, { propertyId: LISBON, guestName: "Pia Telemóvel" });
    await guestSends(request, conversation.conversationId, "Can I leave my bags after check-out?");
    await signIn(page, DEMO_ACCOUNTS.admin);
    const list = page.getByRole("region", { name: "Conversations" });
    const threadScreen = page.getByRole("region", { name: "Conversation", exact: true });
    await expect(list).toBeVisible();
    await expect(threadScreen).toBeHidden();
    await page.screenshot({ path: "test-results/inbox-phone-list.png" });

    const row = await openByReference(page, conversation.reference);
    await expect(page.getByTestId("message").filter({ hasText: "leave my bags" })).toBeVisible({ timeout: 20_000 });
    await expect(list).toBeHidden();
    await expect(row).toBeHidden();
    await expect(threadScreen).toBeVisible();
    await expect(page.getByLabel("Reply to the guest")).toBeVisible();
    // Nothing is wider than the phone.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    // The page's header keeps to one line (no link broken over two), and Send stays beside Send later.
    const banner = page.getByRole("banner");
    const oneLine = (await banner.getByRole("link", { name: "Bellhop" }).boundingBox())!.height;
    for (const item of [banner.getByRole("link", { name: "Response times" }), banner.getByRole("link", { name: "Settings" }), banner.getByRole("button", { name: "Sign out" })]) {
      expect((await item.boundingBox())!.height).toBeLessThan(oneLine * 1.5 + 8); // Sign out's padding: 8 px
    }
    await page.getByLabel("Reply to the guest").fill("Yes, the luggage room is open all day.");
    const send = (await page.getByRole("button", { name: "Send", exact: true }).boundingBox())!;
    const later = (await page.getByRole("button", { name: "Send later" }).boundingBox())!;
    expect(Math.abs(send.y - later.y)).toBeLessThanOrEqual(1);
    expect(send.x).toBeGreaterThan(later.x);
    await page.getByLabel("Reply to the guest").fill("");
    await page.screenshot({ path: "test-results/inbox-phone-thread.png" });
    // The header's menus open on the screen, wherever its wrapped buttons put them.
    await page.getByRole("button", { name: "Labels" }).click();
    const menuBox = (await page.locator("#label-menu").boundingBox())!;
    expect(menuBox.x).toBeGreaterThanOrEqual(0);
    expect(menuBox.x + menuBox.width).toBeLessThanOrEqual(PHONE.width);
    await page.getByRole("button", { name: "Labels" }).click();
    await expect(page.locator("#label-menu")).toHaveCount(0);

    const back = page.getByRole("button", { name: "Back to the list" });
    await expect(back).toBeVisible();
    await back.click();
    await expect(list).toBeVisible();
    await expect(threadScreen).toBeHidden();
    await expect(page).not.toHaveURL(/[?&]c=/);

    // The browser's Back button does the same.
    await row.click();
    await expect(list).toBeHidden();
    await expect(page.getByTestId("thread-guest-name")).toHaveText("Pia Telemóvel");
    await page.goBack();
    await expect(list).toBeVisible();
    await expect(threadScreen).toBeHidden();
  });

  test("on the smallest phones (320 px) nothing is wider than the screen, and the header's home link is the icon, still named Bellhop", async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 640 });
    await signIn(page, DEMO_ACCOUNTS.staff);
    await expect(page.getByTestId("live-status")).toHaveText("Live");
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
    const home = page.getByRole("banner").getByRole("link", { name: "Bellhop" });
    await expect(home).toBeVisible();
    expect((await home.boundingBox())!.width).toBeLessThan(40);
  });

  test("the keyboard's return key starts a new line instead of sending, and Send sends the reply, lines and all, once", async ({ page, request }) => {
    const { conversation } = await createBooking(request, { propertyId: LISBON, guestName: "Rui Enter" });
    await guestSends(request, conversation.conversationId, "Where can we park, and until when is breakfast?");
    await signIn(page, DEMO_ACCOUNTS.admin);
    const row = await openByReference(page, conversation.reference);
    expect(await page.evaluate(() => matchMedia("(pointer: coarse)").matches)).toBe(true); // a touch screen, as Playwright's phone has
    // No keyboard hints for a keyboard this screen does not have.
    await expect(page.getByText("Enter to send")).toBeHidden();
    await page.getByRole("button", { name: "Back to the list" }).tap();
    await expect(page.getByRole("button", { name: "New message" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Keyboard shortcuts" })).toBeHidden();
    await row.tap();
    const reply = page.getByLabel("Reply to the guest");
    await reply.pressSequentially("Parking is in the garage.");
    await reply.press("Enter");
    await reply.pressSequentially("Breakfast is until 10:30.");
    await expect(reply).toHaveValue("Parking is in the garage.\nBreakfast is until 10:30.");
    await expect(page.getByTestId("message").filter({ hasText: "Parking is in the garage." })).toHaveCount(0);

    await page.getByRole("button", { name: "Send", exact: true }).tap();
    await expect(reply).toHaveValue("");
    const sent = await eventually(
      () => inspect(request, conversation.conversationId),
      (state) => state.messages.some((message) => message.content.includes("Parking")),
      "the reply reached Booking.com",
    );
    expect(sent.messages.filter((message) => message.content.includes("Parking")).map((message) => message.content)).toEqual(["Parking is in the garage.\nBreakfast is until 10:30."]);
  });
});

test.describe("in dark mode", () => {
  test.use({ colorScheme: "dark" });

  test("the page is dark and passes the accessibility check, list, thread and help alike", async ({ page, request }) => {
    const { conversation } = await createBooking(request, { propertyId: LISBON, guestName: "Dora Noite", sendWelcome: true });
    await guestSends(request, conversation.conversationId, "We land at 23:40, is late check-in fine? https://www.booking.com/help", true);
    await signIn(page, DEMO_ACCOUNTS.admin);
    await expect(page.getByTestId("live-status")).toHaveText("Live");

    const body = await luminanceOf(page, "body");
    expect(body.luminance, `body background ${body.color}`).toBeLessThan(0.05);
    const list = await luminanceOf(page, '[aria-label="Conversations"]');
    expect(list.luminance, `list background ${list.color}`).toBeLessThan(0.05);
    expect(await seriousViolations(page)).toEqual([]);

    await openByReference(page, conversation.reference);
    await expect(page.getByTestId("message").filter({ hasText: "late check-in" })).toBeVisible({ timeout: 20_000 });
    const reply = page.getByLabel("Reply to the guest");
    await reply.fill("Of course, the night desk will welcome you.");
    await reply.press("Enter");
    await expect(page.getByTestId("message").filter({ hasText: "night desk" }).getByTestId("send-state")).toHaveText(/Sent|Read by guest/, { timeout: 20_000 });
    // A placeholder left in a draft shows the warning, which must be readable too.
    await reply.fill("Dear {guest_name}, ");
    await expect(page.getByTestId("placeholder-warning")).toBeVisible();
    const thread = await luminanceOf(page, '[data-testid="thread"]');
    expect(thread.luminance, `thread background ${thread.color}`).toBeLessThan(0.05);
    await page.screenshot({ path: "test-results/inbox-dark-thread.png" });
    expect(await seriousViolations(page)).toEqual([]);

    await reply.fill("");
    await reply.press("Escape");
    await page.keyboard.press("?");
    await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
    await page.screenshot({ path: "test-results/inbox-dark-help.png" });
    expect(await seriousViolations(page)).toEqual([]);
  });

  test("on a phone too", async ({ page, request }) => {
    await page.setViewportSize(PHONE);
    const { conversation } = await createBooking(request, { propertyId: LISBON, guestName: "Noa Escuro" });
    await guestSends(request, conversation.conversationId, "Is the pool heated in winter?");
    await signIn(page, DEMO_ACCOUNTS.admin);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: "test-results/inbox-dark-phone-list.png" });
    await openByReference(page, conversation.reference);
    await expect(page.getByTestId("message").filter({ hasText: "pool heated" })).toBeVisible({ timeout: 20_000 });
    await page.screenshot({ path: "test-results/inbox-dark-phone-thread.png" });
    expect(await seriousViolations(page)).toEqual([]);
  });
});

test("a very long thread keeps the DOM small while paging back to its start", async ({ page, request }) => {
  test.setTimeout(180_000);
  const TOTAL = 320;
  const MAX_RENDERED = 120;
  const { conversation } = await createBooking(request, { propertyId: LISBON, guestName: "Lena Longa" });
  await guestSendsMany(request, conversation.conversationId, TOTAL, "Long thread message");
  await signIn(page, DEMO_ACCOUNTS.admin);
  await openByReference(page, conversation.reference);
  const thread = page.getByTestId("thread");
  const messages = thread.getByTestId("message");
  const newest = `Long thread message ${TOTAL}`;
  // The sync engine stores the backlog in batches of 100; the open thread follows it live.
  await expect(async () => {
    await expect(messages.filter({ hasText: newest })).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  expect(await messages.count()).toBeLessThanOrEqual(MAX_RENDERED);

  // Older pages answer slowly, so the test can see what the staff member was reading when one arrives.
  await page.route("**/api/conversations/*/messages?before=*", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 600));
    await route.continue();
  });
  const loaded = async () => Number(await messages.first().getAttribute("aria-setsize"));
  const scrollTop = () => thread.evaluate((element) => element.scrollTop);

  // Scroll up again and again, with the wheel: older pages load, the message being read stays in
  // place when one is prepended, and the DOM never holds more than a screenful or so.
  const start = thread.getByText("Start of the conversation");
  let pagesLoaded = 0;
  for (let round = 0; round < 20 && !(await start.isVisible()); round++) {
    const before = await loaded();
    await thread.hover();
    await page.mouse.wheel(0, -40_000);
    await expect.poll(async () => (await scrollTop()) === 0 || (await loaded()) > before).toBe(true);
    if ((await loaded()) > before) continue; // the page arrived while the wheel was still turning
    const anchor = await thread.evaluate((element) => {
      const top = element.getBoundingClientRect().top;
      const first = Array.from(element.querySelectorAll<HTMLElement>('[data-testid="message"]')).find((item) => item.getBoundingClientRect().bottom > top + 1)!;
      return { text: first.querySelector('[data-testid="message-content"]')!.textContent!, top: first.getBoundingClientRect().top };
    });
    await expect.poll(loaded).toBeGreaterThan(before);
    pagesLoaded++;
    const box = await messages.filter({ hasText: anchor.text }).boundingBox();
    expect(Math.abs(box!.y - anchor.top), `"${anchor.text}" stays where it was when older messages arrive`).toBeLessThanOrEqual(2);
    expect(await messages.count()).toBeLessThanOrEqual(MAX_RENDERED);
  }
  await expect(start).toBeVisible();
  expect(await loaded()).toBe(TOTAL);
  expect(pagesLoaded).toBeGreaterThanOrEqual(4); // 320 messages, 50 a page, the first one shown at once
  await thread.hover();
  await page.mouse.wheel(0, -40_000);
  await expect(messages.filter({ hasText: "Long thread message 001" })).toBeInViewport();
  const rendered = await messages.count();
  expect(rendered).toBeLessThanOrEqual(MAX_RENDERED);
  expect(await page.locator('[data-testid="message"]').count()).toBe(rendered);

  // Back to the newest: still there, still small.
  await page.mouse.wheel(0, 1_000_000);
  await expect(messages.filter({ hasText: newest })).toBeInViewport();
  expect(await messages.count()).toBeLessThanOrEqual(MAX_RENDERED);

  // A reply sent while reading the start of the thread takes the staff member to it.
  await thread.hover();
  await page.mouse.wheel(0, -1_000_000);
  await expect(messages.filter({ hasText: "Long thread message 001" })).toBeInViewport();
  await page.getByLabel("Reply to the guest").fill("Thanks for all the details, see you soon!");
  await page.keyboard.press("Enter");
  await expect(messages.filter({ hasText: "Thanks for all the details" })).toBeInViewport();
});
