// A guest message written while Booking.com's reads are failing reaches Bellhop late, and sits in
// the thread by its time, above the replies sent since. Reopening the conversation marks it "New"
// and brings it on screen, rather than opening at the newest message, below it. And a guest message
// that comes in while the staff member reads further up is announced, one click away.
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, openByReference, signIn } from "./fixtures";
import { addFault, clearFaults, createBooking, guestSends, guestSendsMany } from "./sandbox-control";

test("a guest message that arrived late is marked new and shown when the conversation is opened again", async ({ page, request }) => {
  // Replies sent one after the other, and a worker that waits longer after each failed read: over the default 30 s.
  test.setTimeout(120_000);
  const { conversation } = await createBooking(request, { propertyId: 6819547, guestName: "Ingrid Solberg" });
  await guestSends(request, conversation.conversationId, "Is there parking at the hotel?");
  await signIn(page, DEMO_ACCOUNTS.admin);
  await openByReference(page, conversation.reference);
  const messages = page.getByTestId("message");
  await expect(messages.filter({ hasText: "Is there parking" })).toBeVisible();
  // The first opening: nothing was read before it, so nothing is marked.
  await expect(page.locator("[data-new]")).toHaveCount(0);

  try {
    // Booking.com's reads fail (its queue, and the conversations reconciliation reads): the guest's next
    // message waits there. Sending still works.
    await addFault(request, { method: "GET", path: "/**", mode: "error_500" });
    await guestSends(request, conversation.conversationId, "We come by electric car: is there a charger?");
    // Replies sent meanwhile are Bellhop's own, stored at once: they go below it in the thread.
    const box = page.getByLabel("Reply to the guest");
    for (let index = 1; index <= 3; index++) {
      await box.fill(`Reply ${index}.\nThere is a garage under the hotel.\nIt costs 20 € a night.\nNo need to book it.\nThe entrance is on the side street.\nThe height limit is 2 m.\nThere are two chargers.\nSee you soon!`);
      await box.press("Enter");
      // Sent before the next one is typed: the box takes no second reply while one is on its way.
      await expect(messages.filter({ hasText: `Reply ${index}.` }).getByTestId("send-state")).toHaveText(/Sent|Read by guest/, { timeout: 20_000 });
    }
    // Back to the list (Escape, once out of the box).
    await box.blur();
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("thread")).toHaveCount(0);
  } finally {
    await clearFaults(request);
  }

  const row = page.getByTestId("conversation-row").filter({ hasText: `#${conversation.reference}` });
  await expect(row).toHaveAttribute("data-unread", "true", { timeout: 60_000 });
  await row.click();

  const late = messages.filter({ hasText: "electric car" });
  await expect(late).toBeInViewport();
  await expect(late).toHaveAttribute("data-new", "true");
  await expect(late.getByText("New", { exact: true })).toBeVisible();
  // The rest was there at the last read: not new, the staff's own replies never.
  await expect(page.locator("[data-new]")).toHaveCount(1);
  await expect(row).toHaveAttribute("data-unread", "false");

  // "Mark as unread" makes the guest's newest message (by arrival: the late one) new again.
  await page.getByTestId("thread-guest-name").click();
  await page.keyboard.press("u");
  await expect(row).toHaveAttribute("data-unread", "true");
  await row.click();
  await expect(late).toBeInViewport();
  await expect(page.locator("[data-new]")).toHaveCount(1);
  await expect(late).toHaveAttribute("data-new", "true");
});

test("a guest message that comes in while the staff member reads further up is announced below, one click away", async ({ page, request }) => {
  const { conversation } = await createBooking(request, { propertyId: 6819547, guestName: "Pieter de Vries" });
  await guestSendsMany(request, conversation.conversationId, 30, "Question");
  await signIn(page, DEMO_ACCOUNTS.admin);
  await openByReference(page, conversation.reference);
  const messages = page.getByTestId("message");
  await expect(messages.filter({ hasText: "Question 030" })).toBeInViewport();
  const jump = page.getByTestId("unseen-new");
  // Reading further up, where the thread does not follow new messages.
  await page.getByTestId("thread").evaluate((element) => element.scrollTo({ top: 0 }));
  await expect(messages.filter({ hasText: "Question 001" })).toBeInViewport();
  await expect(jump).toHaveCount(0);

  await guestSends(request, conversation.conversationId, "Sorry, one more: can we check out late?");
  await expect(jump).toHaveText("↓ 1 new message below", { timeout: 20_000 });
  // The staff member stays where they were reading.
  await expect(messages.filter({ hasText: "Question 001" })).toBeInViewport();
  await jump.click();
  const arrived = messages.filter({ hasText: "check out late" });
  await expect(arrived).toBeInViewport();
  await expect(arrived).toHaveAttribute("data-new", "true");
  await expect(jump).toHaveCount(0);
});
