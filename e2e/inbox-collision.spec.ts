// Two answers to one guest (product.md: "Two staff answering the same guest"). A colleague answers from
// Booking.com's Extranet while Sam is writing, and Sam's page has not shown that answer yet (its live
// stream is held back here, as a slow connection would). Sam's Send is refused: the other answer
// appears, Sam's text is back in the box with a notice, and only a second press sends it, once.
// Scheduling the reply (Send later) is held back the same way.
import { expect, test, type Browser, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, holdLiveStream, openByReference, signIn } from "./fixtures";
import { createBooking, eventually, inspect, replyInExtranet } from "./sandbox-control";

const STAFF_PROPERTY = 13921698; // the demo staff member's one property, which the admin sees too

/**
 * Sam has the conversation open and a reply typed, while a colleague answers in the Extranet; Sam's page
 * has not heard of that answer (its live stream is held back). Returns the box and the live release.
 */
async function samWritesWhileColleagueAnswers(page: Page, browser: Browser, request: APIRequestContext, guestName: string) {
  const { conversation } = await createBooking(request, { propertyId: STAFF_PROPERTY, guestName, firstGuestMessage: "Is there parking at the hotel?" });
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
  await adminContext.close();
  return { conversation, box, release };
}

const EXTRANET_ANSWERED = "Someone at the property, on Booking.com (the Extranet or the Pulse app), replied to the guest after this conversation was loaded.";

test("a reply after someone else answered the guest is held back once, with that answer shown, and sent on a second press", async ({ page, browser, request }) => {
  const { conversation, box, release } = await samWritesWhileColleagueAnswers(page, browser, request, "Cora Collision");

  await box.press("Enter");
  const notice = page.getByTestId("replied-since");
  await expect(notice).toContainText(EXTRANET_ANSWERED);
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
});

test("scheduling a reply after someone else answered is held back once too, and scheduled on a second choice", async ({ page, browser, request }) => {
  const { conversation, box } = await samWritesWhileColleagueAnswers(page, browser, request, "Sven Scheduler");

  await page.getByRole("button", { name: "Send later" }).click();
  const menu = page.getByRole("dialog", { name: "Send later" });
  await menu.getByRole("button", { name: /^Tomorrow morning/ }).click();
  await expect(menu).toBeHidden();
  const notice = page.getByTestId("replied-since");
  await expect(notice).toContainText(EXTRANET_ANSWERED);
  await expect(notice).toContainText("Your reply was not scheduled");
  await expect(box).toHaveValue("Yes, parking is free for guests.");
  await expect(page.getByTestId("message").filter({ hasText: "garage behind the hotel" })).toBeVisible();
  await expect(page.getByTestId("message").filter({ hasText: "parking is free for guests" })).toHaveCount(0);

  // Chosen again, it is scheduled (unchecked), and nothing has gone to the guest.
  await page.getByRole("button", { name: "Send later" }).click();
  await menu.getByRole("button", { name: /^Tomorrow morning/ }).click();
  await expect(menu).toBeHidden();
  await expect(notice).toHaveCount(0);
  await expect(box).toHaveValue("");
  await expect(page.getByTestId("message").filter({ hasText: "parking is free for guests" }).getByTestId("send-state")).toContainText("Scheduled for");
  expect((await inspect(request, conversation.conversationId)).messages.filter((message) => message.content.startsWith("Yes, parking is free"))).toEqual([]);
});
