// Labels (product.md: shared inboxes' "labels"): an admin adds one on the settings page, puts it on a
// conversation from the thread's Labels menu (l), a colleague's open inbox shows the chip at once, the
// list filters by it (the URL keeps the filter), taking it off takes the row out of the filtered list,
// renaming it shows the new name in the colleague's open inbox at once, and deleting the label on the
// settings page takes it off every conversation.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, openByReference, signIn } from "./fixtures";
import { createBooking } from "./sandbox-control";

const STAFF_PROPERTY = 13921698; // the demo staff member's one property, which the admin sees too

test("an admin's new label goes on a conversation from the thread, shows on a colleague's row live, filters the list, renames live, and goes when deleted", async ({ page, browser, request }) => {
  const name = `Honeymoon ${Date.now() % 100_000}`;
  const { conversation } = await createBooking(request, { propertyId: STAFF_PROPERTY, guestName: "Lena Label", firstGuestMessage: "We are on our honeymoon!" });

  // The admin adds the label in Settings.
  await signIn(page, DEMO_ACCOUNTS.admin);
  await page.goto("/settings#labels");
  const newLabel = page.getByRole("form", { name: "New label" });
  await newLabel.getByLabel("Name").fill(name);
  await newLabel.getByLabel("Colour").selectOption({ label: "Pink" });
  await newLabel.getByRole("button", { name: "Add label" }).click();
  await expect(page.getByTestId("label-list")).toContainText(name);
  // The same name in other letters is refused on its field.
  await newLabel.getByLabel("Name").fill(name.toUpperCase());
  await newLabel.getByRole("button", { name: "Add label" }).click();
  await expect(newLabel.getByTestId("field-error")).toHaveText("Another label has this name");

  // Sam has the inbox open on this guest.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, DEMO_ACCOUNTS.staff);
  await staff.goto(`/inbox?q=${conversation.reference}`);
  const staffRow = staff.getByTestId("conversation-row").filter({ hasText: `#${conversation.reference}` });
  await expect(staffRow).toBeVisible();
  await expect(staff.getByText("Live", { exact: true })).toBeVisible();

  // The admin opens it and puts the label on with the keyboard.
  await page.goto("/inbox");
  const row = await openByReference(page, conversation.reference);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press("l");
  const box = page.getByRole("checkbox", { name });
  await expect(box).toBeFocused();
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical")).toEqual([]);
  await page.keyboard.press("Space");
  await expect(box).toBeChecked();
  await expect(page.getByTestId("thread-labels").getByTestId("label-chip")).toHaveText(name);
  await expect(row.getByTestId("label-chip")).toHaveText(name);
  await expect(page.getByText(`Ada Admin added the label “${name}”`)).toBeVisible();
  // Escape closes the menu, not the conversation.
  await page.keyboard.press("Escape");
  await expect(box).toHaveCount(0);
  await expect(page.getByTestId("thread-guest-name")).toHaveText("Lena Label");

  // Sam's row shows it without a reload.
  await expect(staffRow.getByTestId("label-chip")).toHaveText(name);

  // The list filtered by the label lists it, after a reload too.
  await page.getByLabel("Label", { exact: true }).selectOption({ label: name });
  await expect(page).toHaveURL(/label=/);
  const filteredRow = page.getByTestId("conversation-row").filter({ hasText: `#${conversation.reference}` });
  await expect(filteredRow).toBeVisible();
  await page.reload();
  await expect(filteredRow).toBeVisible();
  await expect(page.getByLabel("Label", { exact: true })).toHaveValue(/[0-9a-f-]{36}/);

  // Taken off from the menu: out of the filtered list at once, and off Sam's row.
  await page.getByRole("button", { name: "Labels" }).click();
  await page.getByRole("checkbox", { name }).uncheck();
  await expect(filteredRow).toHaveCount(0);
  await expect(page.getByText(`Nothing matches “${conversation.reference}”.`)).toBeVisible();
  await expect(staffRow.getByTestId("label-chip")).toHaveCount(0);

  // Put on again, then renamed in Settings: Sam's open inbox shows the new name without a reload.
  await page.getByRole("checkbox", { name }).check();
  await expect(staffRow.getByTestId("label-chip")).toHaveText(name);
  await page.goto("/settings#labels");
  const renamed = `${name} trip`;
  await page.getByRole("button", { name: `Edit ${name}` }).click();
  const editing = page.getByRole("form", { name: `Edit the label ${name}` });
  await editing.getByLabel("Name").fill(renamed);
  await editing.getByRole("button", { name: "Save label" }).click();
  await expect(page.getByTestId("label-list")).toContainText(renamed);
  await expect(staffRow.getByTestId("label-chip")).toHaveText(renamed);

  // Deleted in Settings: off the conversation everywhere.
  page.once("dialog", (dialog) => void dialog.accept());
  await page.getByRole("button", { name: `Delete ${renamed}` }).click();
  await expect(page.getByText("Deleted; it was on 1 conversation.")).toBeVisible();
  await expect(page.getByTestId("label-list")).not.toContainText(renamed);
  await expect(staffRow.getByTestId("label-chip")).toHaveCount(0);
  await staffContext.close();
});

test("a staff member sees the team's labels but cannot change them, and the demo labels are there from the start", async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.staff);
  const answer = await page.request.post("/api/admin/labels", { data: { name: "Mine" } });
  expect(answer.status()).toBe(403);
  const labels = (await (await page.request.get("/api/labels")).json()) as { labels: { name: string }[] };
  expect(labels.labels.map((label) => label.name)).toEqual(expect.arrayContaining(["Invoice", "Late arrival", "VIP"]));
});
