// Stars (product.md: "filters by … unread and starred"): a staff member's own flag. The admin stars a
// conversation with `s`, finds it in their Starred view, a colleague looking at the same conversation
// sees no star and an empty Starred view, and taking the star away takes it out of the view at once
// and for good.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, openByReference, signIn } from "./fixtures";
import { createBooking } from "./sandbox-control";

const STAFF_PROPERTY = 13921698; // the demo staff member's one property, which the admin sees too

test("s stars a conversation for oneself: the Starred view lists it, a colleague sees no star, and unstarring takes it out", async ({ page, browser, request }) => {
  const { conversation } = await createBooking(request, { propertyId: STAFF_PROPERTY, guestName: "Stella Star", firstGuestMessage: "Could you keep a parking space for us?" });
  await signIn(page, DEMO_ACCOUNTS.admin);
  const row = await openByReference(page, conversation.reference);
  const conversationId = new URL(page.url()).searchParams.get("c")!;
  const starButton = page.getByRole("button", { name: "Star", exact: true });
  await expect(starButton).toHaveAttribute("aria-pressed", "false");
  await expect(row.getByTestId("row-star")).toHaveCount(0);

  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press("s");
  await expect(starButton).toHaveAttribute("aria-pressed", "true");
  await expect(row.getByTestId("row-star")).toBeVisible();

  // The Starred view lists it (after a reload too: the server has it).
  await page.getByRole("button", { name: "Starred", exact: true }).click();
  const starredRow = page.getByTestId("conversation-row").filter({ hasText: `#${conversation.reference}` });
  await expect(starredRow).toBeVisible();
  await page.reload();
  await expect(starredRow).toBeVisible();
  await expect(starredRow.getByTestId("row-star")).toBeVisible();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical")).toEqual([]);

  // Sam sees the same conversation without the admin's star, and nothing in his own Starred view.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, DEMO_ACCOUNTS.staff);
  await staff.goto(`/inbox?c=${conversationId}`);
  await expect(staff.getByTestId("thread-guest-name")).toHaveText("Stella Star");
  await expect(staff.getByRole("button", { name: "Star", exact: true })).toHaveAttribute("aria-pressed", "false");
  await staff.goto(`/inbox?view=starred&q=${conversation.reference}`);
  await expect(staff.getByText(`Nothing matches “${conversation.reference}”.`)).toBeVisible();
  await staffContext.close();

  // The admin unstars it from the open thread: it leaves the Starred view at once, and stays out.
  await starredRow.click();
  await expect(starButton).toHaveAttribute("aria-pressed", "true");
  await starButton.click();
  await expect(starButton).toHaveAttribute("aria-pressed", "false");
  await expect(starredRow).toHaveCount(0);
  await page.goto(`/inbox?view=starred&q=${conversation.reference}`);
  await expect(page.getByText(`Nothing matches “${conversation.reference}”.`)).toBeVisible();
});

test("a staff member's other tab shows their star and their reading at once, without a reload", async ({ page, browser, request }) => {
  const { conversation } = await createBooking(request, { propertyId: STAFF_PROPERTY, guestName: "Tomás Twotabs", firstGuestMessage: "Is the spa open on Sundays?" });
  // The second tab: the same staff member signed in on another device, the list filtered to this guest.
  const otherDevice = await browser.newContext();
  const other = await otherDevice.newPage();
  await signIn(other, DEMO_ACCOUNTS.admin);
  await other.goto(`/inbox?q=${conversation.reference}`);
  const otherRow = other.getByTestId("conversation-row").filter({ hasText: `#${conversation.reference}` });
  await expect(otherRow).toHaveAttribute("data-unread", "true");
  await expect(other.getByText("Live", { exact: true })).toBeVisible();

  // Reading it here clears the unread marker there; starring it here stars it there.
  await signIn(page, DEMO_ACCOUNTS.admin);
  await openByReference(page, conversation.reference);
  await expect(page.getByTestId("message").filter({ hasText: "Is the spa open on Sundays?" })).toBeVisible();
  await expect(otherRow).toHaveAttribute("data-unread", "false");
  const starButton = page.getByRole("button", { name: "Star", exact: true });
  await starButton.click();
  await expect(otherRow.getByTestId("row-star")).toBeVisible();
  // Unstarred and marked unread here: both there too. (The button stays pressed here meanwhile, even if
  // a refetch that read the conversation before the star lands after it.)
  await expect(starButton).toHaveAttribute("aria-pressed", "true");
  await starButton.click();
  await expect(starButton).toHaveAttribute("aria-pressed", "false");
  await expect(otherRow.getByTestId("row-star")).toHaveCount(0);
  await page.getByRole("button", { name: "Mark as unread" }).click();
  await expect(otherRow).toHaveAttribute("data-unread", "true");
  await otherDevice.close();
});
