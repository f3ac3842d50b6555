// Keyboard shortcuts of the inbox, and the rule that they never fire while the staff member types.
import { expect, test, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, openByReference, signIn } from "./fixtures";
import { createBooking, eventually, guestSends, inspect } from "./sandbox-control";

const LISBON = 6819547;

/** Keys pressed with the focus on the page itself, not in a field. */
async function pressOnPage(page: Page, key: string) {
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press(key);
}

const openId = (page: Page) => new URL(page.url()).searchParams.get("c");

test("j/k move through the list, Enter opens, / focuses the search, ? shows the shortcuts", async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.admin);
  const rows = page.getByTestId("conversation-row");
  await expect(rows.nth(2)).toBeVisible();
  const highlighted = page.locator('[data-testid="conversation-row"][data-highlighted]');
  await expect(highlighted).toHaveCount(0);

  await pressOnPage(page, "j");
  await expect(highlighted).toHaveCount(1);
  const first = await rows.nth(0).getAttribute("data-conversation-id");
  const second = await rows.nth(1).getAttribute("data-conversation-id");
  await expect(highlighted).toHaveAttribute("data-conversation-id", first!);
  await page.keyboard.press("j");
  await expect(highlighted).toHaveAttribute("data-conversation-id", second!);
  await page.keyboard.press("j");
  await page.keyboard.press("k");
  await expect(highlighted).toHaveAttribute("data-conversation-id", second!);
  expect(openId(page)).toBeNull();

  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`[?&]c=${second}`));
  await expect(page.getByTestId("thread-guest-name")).toBeVisible();
  await expect(page.locator(`[data-testid="conversation-row"][data-conversation-id="${second}"]`)).toHaveAttribute("aria-current", "page");

  // "/" focuses the search and is not typed into it.
  const search = page.getByLabel("Search conversations");
  await pressOnPage(page, "/");
  await expect(search).toBeFocused();
  await expect(search).toHaveValue("");
  await search.press("Escape");
  await expect(search).not.toBeFocused();

  // "?" opens the help, which lists the shortcuts; Escape closes it.
  await pressOnPage(page, "?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  for (const what of ["Next / previous conversation", "Open the highlighted conversation", "Reply", "Toggle “no reply needed”", "Mark as unread", "Assign", "Search", "This help"]) {
    await expect(help.getByText(what, { exact: true })).toBeVisible();
  }
  // While the help is open, shortcuts are off.
  await page.keyboard.press("j");
  await expect(highlighted).toHaveAttribute("data-conversation-id", second!);
  await page.keyboard.press("Escape");
  await expect(help).toBeHidden();
  expect(openId(page)).toBe(second);
});

test("in a thread: r focuses the reply, a the assignee picker, e toggles no reply needed, u marks it unread and leaves", async ({ page, request }) => {
  const { conversation } = await createBooking(request, { propertyId: LISBON, guestName: "Kai Teclado" });
  await guestSends(request, conversation.conversationId, "Is there a lift to the third floor?");
  await signIn(page, DEMO_ACCOUNTS.admin);
  const row = await openByReference(page, conversation.reference);
  await expect(page.getByTestId("message").filter({ hasText: "lift to the third floor" })).toBeVisible({ timeout: 20_000 });
  await expect(row).toHaveAttribute("data-unread", "false");

  const reply = page.getByLabel("Reply to the guest");
  await pressOnPage(page, "r");
  await expect(reply).toBeFocused();
  await expect(reply).toHaveValue("");
  await reply.press("Escape");
  await expect(reply).not.toBeFocused();

  // "a" takes the focus to the assignee picker, and assigns nothing by itself.
  const assignee = page.getByLabel("Assignee");
  await pressOnPage(page, "a");
  await expect(assignee).toBeFocused();
  await expect(assignee).toHaveValue("");

  const toggle = page.getByTitle("No reply needed (e)");
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await pressOnPage(page, "e");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await eventually(() => inspect(request, conversation.conversationId), (state) => state.conversation.noReplyNeeded, "Booking.com has no_reply_needed");
  await pressOnPage(page, "e");
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await eventually(() => inspect(request, conversation.conversationId), (state) => !state.conversation.noReplyNeeded, "Booking.com cleared no_reply_needed");

  await pressOnPage(page, "u");
  await expect(page).not.toHaveURL(/[?&]c=/);
  await expect(row).toHaveAttribute("data-unread", "true");
});

test("shortcuts do not fire while typing in the reply, the search, a select or an editable element", async ({ page, request }) => {
  const { conversation } = await createBooking(request, { propertyId: LISBON, guestName: "Tina Typist" });
  await guestSends(request, conversation.conversationId, "Do you have parking?");
  await signIn(page, DEMO_ACCOUNTS.admin);
  await openByReference(page, conversation.reference);
  await expect(page.getByTestId("message").filter({ hasText: "Do you have parking?" })).toBeVisible({ timeout: 20_000 });
  const url = page.url();
  const toggle = page.getByTitle("No reply needed (e)");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  const snooze = page.getByRole("dialog", { name: "Snooze" });
  const assignee = page.getByLabel("Assignee");
  const star = page.getByRole("button", { name: "Star", exact: true });
  const highlighted = page.locator('[data-testid="conversation-row"][data-highlighted]');
  const highlightedBefore = await highlighted.getAttribute("data-conversation-id");

  const nothingHappened = async () => {
    await expect(toggle).toHaveAttribute("aria-pressed", "false");
    await expect(star).toHaveAttribute("aria-pressed", "false");
    await expect(help).toBeHidden();
    await expect(snooze).toBeHidden();
    await expect(assignee).not.toBeFocused();
    await expect(assignee).toHaveValue("");
    await expect(page.getByRole("dialog", { name: "New message" })).toBeHidden();
    expect(page.url()).toBe(url);
    await expect(page.getByTestId("thread-guest-name")).toHaveText("Tina Typist");
    await expect(highlighted).toHaveAttribute("data-conversation-id", highlightedBefore!);
  };

  // The reply box: every shortcut key is just text.
  const reply = page.getByLabel("Reply to the guest");
  await reply.click();
  await reply.pressSequentially("j e k u r c ? / z a s");
  await expect(reply).toHaveValue("j e k u r c ? / z a s");
  await expect(reply).toBeFocused();
  await nothingHappened();
  // Nothing was sent either.
  await expect(page.getByTestId("message").filter({ hasText: "j e k" })).toHaveCount(0);
  await reply.fill("");

  // The search box: the text appears (and becomes the search), no shortcut fires.
  const search = page.getByLabel("Search conversations");
  await search.fill("");
  await search.click();
  await search.pressSequentially("je");
  await expect(search).toHaveValue("je");
  await expect(search).toBeFocused();
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await expect(help).toBeHidden();
  await expect(page.getByTestId("thread-guest-name")).toHaveText("Tina Typist");
  await search.fill("");
  await page.goto(url);
  await expect(page.getByTestId("thread-guest-name")).toHaveText("Tina Typist");

  // A select and a contenteditable element count as typing too.
  await page.getByLabel("Sort").focus();
  await page.keyboard.press("e");
  await page.keyboard.press("u");
  await page.keyboard.press("z");
  await page.keyboard.press("a");
  await page.keyboard.press("s");
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await expect(star).toHaveAttribute("aria-pressed", "false");
  await expect(snooze).toBeHidden();
  await expect(page.getByLabel("Sort")).toBeFocused();
  await expect(assignee).toHaveValue("");
  expect(page.url()).toBe(url);
  await page.evaluate(() => {
    const editable = document.createElement("div");
    editable.contentEditable = "true";
    editable.dataset.testid = "editable";
    editable.setAttribute("aria-label", "Notes");
    editable.style.cssText = "position:fixed;left:8px;bottom:8px;width:200px;height:40px;z-index:50;background:white;color:black";
    document.body.append(editable);
  });
  const editable = page.getByTestId("editable");
  await editable.click();
  await page.keyboard.type("jeza");
  await expect(editable).toHaveText("jeza");
  await expect(editable).toBeFocused();
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await expect(snooze).toBeHidden();
  await expect(assignee).toHaveValue("");
  expect(page.url()).toBe(url);
});
