// Send later (product.md: "scheduled … messages"): the reply waits in the thread as "Scheduled for …",
// its row in the list says a reply is scheduled, it survives a reload, Edit takes it back into the box, reaches nobody, and is cancelled; a time too near is refused in the menu. That
// it goes once at its time is checked against the sandbox in lib/sync/send-later.int.test.ts (the
// earliest time is a minute ahead).
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, openByReference, signIn } from "./fixtures";
import { createBooking, inspect } from "./sandbox-control";

const LISBON = 6819547;

test("a reply sent later waits in the thread, reaches nobody, is taken back to edit, and is cancelled", async ({ page, request }) => {
  const { conversation } = await createBooking(request, { propertyId: LISBON, guestName: "Lena Later", firstGuestMessage: "What time can we check in?" });
  await signIn(page, DEMO_ACCOUNTS.admin);
  const row = await openByReference(page, conversation.reference);
  await expect(row.getByTestId("row-scheduled")).toHaveCount(0);
  const box = page.getByLabel("Reply to the guest");
  await box.fill("Check-in is from 15:00, see you tomorrow!");

  await page.getByRole("button", { name: "Send later" }).click();
  const menu = page.getByRole("dialog", { name: "Send later" });
  await expect(menu).toBeVisible();
  expect((await new AxeBuilder({ page }).analyze()).violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical")).toEqual([]);
  // A time a minute ahead at most is "now": the menu says so and sends nothing.
  await menu.getByLabel("Or pick a date and time").fill(await page.evaluate(() => {
    const now = new Date();
    const pad = (value: number) => String(value).padStart(2, "0");
    return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}T${pad(now.getHours())}:${pad(now.getMinutes())}`;
  }));
  await menu.getByRole("button", { name: "Send then" }).click();
  await expect(menu.getByRole("alert")).toHaveText("Choose a time at least a minute ahead (to send now, use Send).");

  await menu.getByRole("button", { name: /^Tomorrow morning/ }).click();
  await expect(menu).toBeHidden();
  await expect(box).toHaveValue("");
  const scheduled = page.getByTestId("message").filter({ hasText: "Check-in is from 15:00" });
  await expect(scheduled.getByTestId("send-state")).toContainText("Scheduled for");
  // The row says a reply is on its way (so no colleague answers again), while the guest still waits.
  await expect(row.getByTestId("row-scheduled")).toContainText("Scheduled");
  await expect(row).toContainText("Needs reply");
  await page.reload();
  await expect(scheduled.getByTestId("send-state")).toContainText("Scheduled for");
  expect((await inspect(request, conversation.conversationId)).messages.filter((message) => message.sender === "property")).toEqual([]);

  // Edit takes it back into the reply box (it no longer waits), to change and schedule again.
  await scheduled.getByRole("button", { name: "Edit" }).click();
  await expect(scheduled).toHaveCount(0);
  await expect(box).toHaveValue("Check-in is from 15:00, see you tomorrow!");
  await expect(box).toBeFocused();
  await expect(row.getByTestId("row-scheduled")).toHaveCount(0);
  await box.fill("Check-in is from 14:00, see you tomorrow!");
  await page.getByRole("button", { name: "Send later" }).click();
  await menu.getByRole("button", { name: /^Tomorrow morning/ }).click();
  const edited = page.getByTestId("message").filter({ hasText: "Check-in is from 14:00" });
  await expect(edited.getByTestId("send-state")).toContainText("Scheduled for");
  await expect(page.getByTestId("message").filter({ hasText: "from 15:00" })).toHaveCount(0);

  await edited.getByRole("button", { name: "Cancel" }).click();
  await expect(scheduled).toHaveCount(0);
  await expect(row.getByTestId("row-scheduled")).toHaveCount(0);
  await expect(edited).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId("message").filter({ hasText: "What time can we check in?" })).toBeVisible();
  await expect(edited).toHaveCount(0);
  expect((await inspect(request, conversation.conversationId)).messages.filter((message) => message.sender === "property")).toEqual([]);
});
