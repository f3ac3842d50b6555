// Search results say why they matched (product.md: search over the whole history): the row's second
// line is the newest message with the words, from just before the first one, the words marked, accents
// ignored both ways. A conversation found by its guest's name keeps its usual line.
// Opening a result shows that message, however far back it is.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, signIn } from "./fixtures";
import { createBooking, guestSends, guestSendsMany } from "./sandbox-control";

const STAFF_PROPERTY = 13921698; // the demo staff member's one property

test("a search's rows show the message that matched, with the words marked, accents ignored", async ({ page, request }) => {
  const { conversation } = await createBooking(request, { propertyId: STAFF_PROPERTY, guestName: "Sölvi Searcher", firstGuestMessage: "We arrive by car with two children and a dog. Is there a garáge near the hotel?" });
  await guestSends(request, conversation.conversationId, "Thank you, see you on Friday!");
  await signIn(page, DEMO_ACCOUNTS.staff);

  // Until the sync has stored both messages, the row's usual line is the newest one.
  const row = await rowOnceStored(page, conversation.reference, "see you on Friday");
  await expect(row.getByTestId("row-search-hit")).toHaveCount(0); // found by its reservation number

  await page.getByLabel("Search conversations").fill("GARAGE searcher");
  const hit = row.getByTestId("row-search-hit");
  await expect(hit).toHaveText(/^Guest: ….*garáge near the hotel\?$/);
  await expect(hit.locator("mark")).toHaveText(["garáge"]);
  await expect(row).not.toContainText("see you on Friday");
  const axe = await new AxeBuilder({ page }).include("[data-testid=conversation-row]").analyze();
  expect(axe.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical")).toEqual([]);

  await page.getByLabel("Search conversations").fill("Sölvi");
  await expect(row).toContainText("see you on Friday");
  await expect(row.getByTestId("row-search-hit")).toHaveCount(0);
});

test("a search result opens its thread at the message that matched, even pages back, marked as found", async ({ page, request }) => {
  const { conversation } = await createBooking(request, { propertyId: STAFF_PROPERTY, guestName: "Paula Pages", firstGuestMessage: "Can we bring our tandem bicycle?" });
  await guestSendsMany(request, conversation.conversationId, 120, "Later message");
  await signIn(page, DEMO_ACCOUNTS.staff);
  const row = await rowOnceStored(page, conversation.reference, "Later message 120");

  await page.getByLabel("Search conversations").fill("tandem");
  await expect(row.getByTestId("row-search-hit").locator("mark")).toHaveText(["tandem"]);
  await row.click();
  // The match is 120 messages (three pages) back: the thread loads them and shows it, not the newest.
  const found = page.locator("[data-testid=message][data-found]");
  await expect(found).toContainText("Can we bring our tandem bicycle?");
  await expect(found).toContainText("Found by your search");
  // The search's words are marked in the thread too (where the list's search is still on).
  await expect(found.getByTestId("message-content").locator("mark")).toHaveText(["tandem"]);
  await expect(found).toBeInViewport();
  await expect(page.getByTestId("message").filter({ hasText: "Later message 120" })).not.toBeInViewport();
  expect(new URL(page.url()).searchParams.get("m")).not.toBeNull();
  // Opened any other way, the thread starts at the newest message.
  await page.goto(`/inbox?c=${new URL(page.url()).searchParams.get("c")}`);
  await expect(page.getByTestId("message").filter({ hasText: "Later message 120" })).toBeInViewport();
  await expect(found).toHaveCount(0);
  await expect(page.getByTestId("message-content").locator("mark")).toHaveCount(0);
});

/** The conversation's row, found by its reservation number, once the sync has stored its message `newest`. */
async function rowOnceStored(page: Page, reference: string, newest: string) {
  const row = page.getByTestId("conversation-row").filter({ hasText: `#${reference}` });
  await expect(async () => {
    await page.goto(`/inbox?q=${reference}`);
    await expect(row).toContainText(newest, { timeout: 2_000 });
  }).toPass({ timeout: 60_000 });
  return row;
}
