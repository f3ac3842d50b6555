// The response-time report in the browser: a guest waits, staff answer from the inbox, and the report
// shows the wait, the answer and who sent it; staff see their own property only.
import { expect, test } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { DEMO_ACCOUNTS, openByReference, signIn } from "./fixtures";
import { createBooking } from "./sandbox-control";

const STAFF_PROPERTY = 13921698;
const STAFF_PROPERTY_NAME = "Demand API Messaging Test Hotel";

test("the report shows a guest's wait, its answer and who sent it, within the staff member's properties", async ({ page, request }) => {
  const { conversation } = await createBooking(request, { propertyId: STAFF_PROPERTY, guestName: "Rita Report", firstGuestMessage: "Do you have a gym?" });
  await signIn(page, DEMO_ACCOUNTS.staff);
  await openByReference(page, conversation.reference);
  const reply = page.getByLabel("Reply to the guest");
  await reply.fill("Yes, on the ground floor, open 24 hours.");
  await reply.press("Enter");
  await expect(page.getByTestId("message").filter({ hasText: "open 24 hours" }).getByTestId("send-state")).toHaveText(/Sent|Read by guest/, { timeout: 20_000 });

  await page.getByRole("link", { name: "Response times" }).click();
  await expect(page).toHaveURL(/\/reports/);
  await expect(page.getByRole("heading", { name: "Response times" })).toBeVisible();
  const rows = page.getByTestId("response-times-row");
  // The staff member's one property, and no other.
  await expect(rows).toHaveCount(1);
  await expect(rows.first().getByRole("rowheader")).toHaveText(STAFF_PROPERTY_NAME);
  const cells = rows.first().getByRole("cell");
  expect(Number(await cells.nth(0).textContent())).toBeGreaterThanOrEqual(1); // guest waits
  expect(Number(await cells.nth(1).textContent())).toBeGreaterThanOrEqual(1); // answered
  await expect(cells.nth(2)).not.toHaveText("–"); // a median exists
  const staffTable = page.getByTestId("response-times-by-staff");
  await expect(staffTable.getByRole("row").filter({ hasText: DEMO_ACCOUNTS.staff.name })).toBeVisible();
  await page.screenshot({ path: "test-results/reports.png", fullPage: true });

  // The period is in the URL; an unknown one says so and falls back to 30 days.
  await page.getByRole("link", { name: "Last 7 days" }).click();
  await expect(page).toHaveURL(/days=7/);
  await expect(page.getByRole("link", { name: "Last 7 days" })).toHaveAttribute("aria-current", "page");
  await page.goto("/reports?days=365");
  await expect(page.getByRole("alert").filter({ hasText: "showing the last 30 days" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Last 30 days" })).toHaveAttribute("aria-current", "page");

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical")).toEqual([]);

  // Another property's figures do not exist for this staff member, in the page or the API.
  await page.goto("/reports?property=6819547");
  await expect(page.getByText("This page could not be found")).toBeVisible();
  expect((await page.request.get("/api/reports/response-times?property=6819547")).status()).toBe(404);
  const bad = await page.request.get("/api/reports/response-times?days=2");
  expect(bad.status()).toBe(400);
  expect(((await bad.json()) as { error: { message: string } }).error.message).toContain("The period is 7, 30 or 90 days.");
});
