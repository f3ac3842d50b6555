// Two answers to one guest (product.md: "Two staff answering the same guest"). A colleague answers from
// Booking.com's Extranet while Sam is writing, and Sam's page has not shown that answer yet (its live
// stream is held back here, as a slow connection would). Sam's Send is refused: the other answer
// appears, Sam's text is back in the box with a notice, and only a second press sends it, once.
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, holdLiveStream, openByReference, signIn } from "./fixtures";
import { createBooking, eventually, inspect, replyInExtranet } from "./sandbox-control";

const STAFF_PROPERTY = 13921698; // the demo staff member's one property, which the admin sees too

test("a reply after someone else answered the guest is held back once, with that answer shown, and sent on a second press", async ({ page, browser, request }) => {
  const { conversation } = await createBooking(request, { propertyId: STAFF_PROPERTY, guestName: "Cora Collision", firstGuestMessage: "Is there parking at the hotel?" });
  // The admin's page: live, to tell when the Extranet answer is in Bellhop.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await signIn(admin, DEMO_ACCOUNTS.admin);
  await openByReference(admin, conversation.reference);

  // Sam's page hears no live changes until released.
  const release = await holdLiveStream(page);
  await signIn(page, DEMO_ACCOUNTS.staff);
  await openByReference(page, conversation.reference);
  const box = page.getByLabel("Reply to the guest");
  await box.fill("Yes, parking is free for guests.");

  await replyInExtranet(request, conversation.conversationId, "We have a garage behind the hotel, 10 EUR a day.");
  await expect(admin.getByTestId("message").filter({ hasText: "garage behind the hotel" })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("message").filter({ hasText: "garage behind the hotel" })).toHaveCount(0);

  await box.press("Enter");
  const notice = page.getByTestId("replied-since");
  await expect(notice).toContainText("Someone at the property, on Booking.com (the Extranet or the Pulse app), replied to the guest after this conversation was loaded.");
  await expect(notice).toContainText("Press Send again to send it anyway.");
  await expect(box).toHaveValue("Yes, parking is free for guests.");
  await expect(page.getByTestId("message").filter({ hasText: "garage behind the hotel" })).toBeVisible();
  await expect(page.getByTestId("message").filter({ hasText: "parking is free for guests" })).toHaveCount(0);

  // Sam still wants to send it (adding a word): a second press sends it, once.
  await box.fill("Yes, parking is free for guests in the street, or 10 EUR a day in the garage.");
  await box.press("Enter");
  await expect(notice).toHaveCount(0);
  release(); // live again: the reply's "sent" reaches the page
  await expect(page.getByTestId("message").filter({ hasText: "parking is free for guests in the street" })).toHaveAttribute("data-send-state", "sent", { timeout: 20_000 });
  const atBooking = await eventually(
    () => inspect(request, conversation.conversationId),
    ({ messages }) => messages.some((message) => message.content.startsWith("Yes, parking is free")),
    "Sam's reply to reach the guest",
  );
  expect(atBooking.messages.filter((message) => message.content.startsWith("Yes, parking is free")).map((message) => message.content)).toEqual([
    "Yes, parking is free for guests in the street, or 10 EUR a day in the garage.",
  ]);
  await adminContext.close();
});
