// Search results say why they matched (product.md: search over the whole history): the row's second
// line is the newest message with the words, from just before the first one, the words marked, accents
// ignored both ways. A conversation found by its guest's name keeps its usual line.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, signIn } from "./fixtures";
import { createBooking, guestSends } from "./sandbox-control";

const STAFF_PROPERTY = 13921698; // the demo staff member's one property

test("a search's rows show the message that matched, with the words marked, accents ignored", async ({ page, request }) => {
  const { conversation } = await createBooking(request, { propertyId: STAFF_PROPERTY, guestName: "Sölvi Searcher", firstGuestMessage: "We arrive by car with two children and a dog. Is there a garáge near the hotel?" });
  await guestSends(request, conversation.conversationId, "Thank you, see you on Friday!");
  await signIn(page, DEMO_ACCOUNTS.staff);

  // Until the sync has stored both messages, the row's usual line is the newest one.
  const row = page.getByTestId("conversation-row").filter({ hasText: `#${conversation.reference}` });
  await expect(async () => {
    await page.goto(`/inbox?q=${conversation.reference}`);
    await expect(row).toContainText("see you on Friday", { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
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
