// Bulk actions (shared inboxes' "select several, act once"): the staff member chooses conversations with
// the rows' checkboxes or x, marks two "no reply needed" at once (they leave Needs reply, and Booking.com
// gets both tags), labels the third and marks it read, for themselves only (the guest sees no read tag),
// then gives it to a colleague, takes it and snoozes it.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, signIn } from "./fixtures";
import { createBooking, eventually, inspect } from "./sandbox-control";

const STAFF_PROPERTY = 13921698;

test("several conversations chosen in the list get one action each: no reply needed, a label, read", async ({ page, request }) => {
  const family = `Bulkley${Date.now() % 100_000}`;
  const guests = ["Bea", "Ben", "Bo"];
  const bookings = [];
  for (const [index, first] of guests.entries()) {
    bookings.push((await createBooking(request, { propertyId: STAFF_PROPERTY, guestName: `${first} ${family}`, firstGuestMessage: index < 2 ? "Thanks, all clear!" : "Is there parking?" })).conversation);
  }
  await signIn(page, DEMO_ACCOUNTS.staff);
  await page.goto(`/inbox?view=needs_reply&q=${family}`);
  const rows = page.getByTestId("conversation-row");
  await expect(async () => {
    await page.reload();
    await expect(rows).toHaveCount(3, { timeout: 2_000 });
  }).toPass({ timeout: 30_000 });

  // "Choose all" takes every row shown; Clear lets go of them.
  await page.getByRole("checkbox", { name: `Select Bea ${family}, #${bookings[0]!.reference}` }).check();
  const bar = page.getByRole("region", { name: "Chosen conversations" });
  await bar.getByRole("button", { name: "Choose all 3" }).click();
  await expect(bar.getByTestId("bulk-count")).toHaveText("3 chosen");
  await expect(page.getByTestId("row-select").and(page.locator(":checked"))).toHaveCount(3);
  await bar.getByRole("button", { name: "Clear" }).click();
  await expect(bar).toBeHidden();
  // Shift+click ticks every row from the one ticked last (the list is oldest waiting first: Bea, Ben, Bo).
  await page.getByRole("checkbox", { name: `Select Bea ${family}, #${bookings[0]!.reference}` }).check();
  await page.getByRole("checkbox", { name: `Select Bo ${family}, #${bookings[2]!.reference}` }).click({ modifiers: ["Shift"] });
  await expect(bar.getByTestId("bulk-count")).toHaveText("3 chosen");
  await bar.getByRole("button", { name: "Clear" }).click();
  await expect(bar).toBeHidden();

  // Two chosen with their checkboxes: one action for both.
  await page.getByRole("checkbox", { name: `Select Bea ${family}, #${bookings[0]!.reference}` }).check();
  await page.getByRole("checkbox", { name: `Select Ben ${family}, #${bookings[1]!.reference}` }).check();
  await expect(bar.getByTestId("bulk-count")).toHaveText("2 chosen");
  expect((await new AxeBuilder({ page }).analyze()).violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical")).toEqual([]);
  await bar.getByRole("button", { name: "No reply needed" }).click();
  await expect(rows).toHaveCount(1);
  await expect(rows).toContainText(`Bo ${family}`);
  await expect(bar).toBeHidden();
  for (const booking of bookings.slice(0, 2)) {
    await eventually(() => inspect(request, booking.conversationId), (seen) => seen.conversation.noReplyNeeded, "the tag reaches Booking.com");
  }

  // The third, chosen with the keyboard: a label, then read for this staff member only.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press("j");
  await page.keyboard.press("x");
  await expect(bar.getByTestId("bulk-count")).toHaveText("1 chosen");
  await bar.getByLabel("Put a label on the chosen conversations").selectOption({ label: "VIP" });
  await expect(rows.getByTestId("label-chip")).toHaveText("VIP");
  await expect(rows).toHaveAttribute("data-unread", "true");
  await expect(bar).toBeHidden();
  await page.keyboard.press("x");
  await bar.getByRole("button", { name: "Mark read" }).click();
  await expect(rows).toHaveAttribute("data-unread", "false");
  // The row can change (the live event) before the action's answer lets go of the choice: x pressed in
  // between would untick it. Each next x waits for the bar to close.
  await expect(bar).toBeHidden();
  const third = await inspect(request, bookings[2]!.conversationId);
  expect(third.messages.filter((message) => message.sender === "guest").every((message) => message.readBy.length === 0)).toBe(true);

  // Given to a colleague who sees the property, then taken by this staff member, then snoozed: out of
  // Needs reply until it wakes.
  await page.keyboard.press("x");
  await bar.getByLabel("Assign the chosen conversations to").selectOption({ label: "Ada Admin" });
  await expect(rows.getByTestId("row-assignee")).toHaveText(/Ada/);
  await expect(bar).toBeHidden();
  await page.keyboard.press("x");
  await bar.getByRole("button", { name: "Assign to me" }).click();
  await expect(rows.getByTestId("row-assignee")).toHaveText(/You/);
  await expect(bar).toBeHidden();
  await page.keyboard.press("x");
  await bar.getByRole("button", { name: "Snooze…" }).click();
  await page.getByRole("dialog", { name: "Snooze" }).getByRole("button", { name: /^Tomorrow morning/ }).click();
  await expect(rows).toHaveCount(0);
  await page.goto(`/inbox?view=snoozed&q=${family}`);
  await expect(rows).toHaveCount(1);
  await expect(rows.getByTestId("row-snooze")).toBeVisible();
});

test("Choose all takes the view's conversations beyond the first page, up to 100, and one action reaches them all", async ({ page, request }) => {
  test.setTimeout(120_000);
  const family = `Manyfold${Date.now() % 100_000}`;
  const count = 55; // more than one page of the list (50)
  for (let index = 0; index < count; index++) {
    await createBooking(request, { propertyId: STAFF_PROPERTY, guestName: `Guest${index} ${family}`, firstGuestMessage: "Hello!" });
  }
  await signIn(page, DEMO_ACCOUNTS.staff);
  // Every one synced in before the list is looked at.
  await eventually(
    async () => ((await (await page.request.get(`/api/conversations?q=${family}&limit=100`)).json()) as { items: unknown[] }).items.length,
    (synced) => synced === count,
    `all ${count} conversations synced`,
    60_000,
  );
  await page.goto(`/inbox?q=${family}`);
  await page.getByTestId("row-select").first().check();
  const bar = page.getByRole("region", { name: "Chosen conversations" });
  await bar.getByRole("button", { name: "Choose up to 100" }).click();
  await expect(bar.getByTestId("bulk-count")).toHaveText(`${count} chosen`);
  await bar.getByRole("button", { name: "Mark read" }).click();
  await expect(bar).toBeHidden();
  await page.goto(`/inbox?view=unread&q=${family}`);
  await expect(page.getByText(`Nothing matches “${family}”.`)).toBeVisible();
});
