// Drafts (product.md: nothing is lost): a reply half-written in one conversation, with its uploaded
// image, is still there after opening another and after a reload, the list marks its row "Draft", a note comes back as a note,
// sending removes the draft, and signing out leaves none behind for the next person at the desk. The
// draft follows its writer to their other devices (kept for them on the server).
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, openByReference, signIn } from "./fixtures";
import { smallPng } from "./images";
import { createBooking, eventually, inspect } from "./sandbox-control";

const STAFF_PROPERTY = 13921698; // the demo staff member's one property

test("a half-written reply survives opening another conversation and a reload, is marked in the list, and goes once sent", async ({ page, request }) => {
  const first = await createBooking(request, { propertyId: STAFF_PROPERTY, guestName: "Dora Drafts", firstGuestMessage: "Can we bring our dog?" });
  const second = await createBooking(request, { propertyId: STAFF_PROPERTY, guestName: "Dario Drafts", firstGuestMessage: "Is breakfast included?" });
  await signIn(page, DEMO_ACCOUNTS.staff);

  await openByReference(page, first.conversation.reference);
  const firstUrl = page.url();
  await page.getByLabel("Reply to the guest").fill("Dogs are welcome, there is a small fee of");
  await page.locator("#attach-input").setInputFiles({ name: "dog-bed.png", mimeType: "image/png", buffer: smallPng() });
  await expect(page.getByRole("button", { name: "Send", exact: true })).toBeEnabled(); // uploaded: only then is it kept

  // Another conversation: its box is empty; the first's row says "Draft".
  await openByReference(page, second.conversation.reference);
  await expect(page.getByLabel("Reply to the guest")).toHaveValue("");
  await page.goto(`/inbox?q=Drafts`);
  const firstRow = page.getByTestId("conversation-row").filter({ hasText: `#${first.conversation.reference}` });
  const secondRow = page.getByTestId("conversation-row").filter({ hasText: `#${second.conversation.reference}` });
  await expect(firstRow.getByTestId("row-draft")).toBeVisible();
  await expect(secondRow.getByTestId("row-draft")).toHaveCount(0);

  // A note in the second, then a reload: the note is still a note, not a reply to the guest.
  await secondRow.click();
  await page.getByRole("button", { name: "Internal note" }).click();
  await page.getByLabel("Internal note for your colleagues").fill("Ask the kitchen about gluten-free");
  await page.reload();
  await expect(page.getByLabel("Internal note for your colleagues")).toHaveValue("Ask the kitchen about gluten-free");
  await expect(page.getByLabel("Reply to the guest")).toHaveCount(0);

  // Back in the first: the reply is there; finished and sent, its draft is gone, and it went once.
  await page.goto(firstUrl);
  const box = page.getByLabel("Reply to the guest");
  await expect(box).toHaveValue("Dogs are welcome, there is a small fee of");
  // The image came back too, loaded from Bellhop (it was uploaded before the page went away).
  const preview = page.getByAltText("Preview of dog-bed.png");
  await expect(preview).toBeVisible();
  await expect.poll(() => preview.evaluate((image: HTMLImageElement) => image.naturalWidth)).toBe(64);
  await box.press("End");
  await box.pressSequentially(" 15 EUR per night.");
  await box.press("Enter");
  await expect(page.getByTestId("message").filter({ hasText: "15 EUR per night." })).toHaveAttribute("data-send-state", "sent", { timeout: 20_000 });
  await expect(firstRow.getByTestId("row-draft")).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel("Reply to the guest")).toHaveValue("");
  const sent = await eventually(
    () => inspect(request, first.conversation.conversationId),
    ({ messages }) => messages.some((message) => message.content.includes("15 EUR per night.")),
    "the reply to reach the guest",
  );
  const received = sent.messages.filter((message) => message.content === "Dogs are welcome, there is a small fee of 15 EUR per night.");
  expect(received).toHaveLength(1);
  expect(received[0]?.attachmentIds).toHaveLength(1);

  // Signing out leaves no draft on this computer for whoever signs in next; the writer gets theirs back
  // (kept for them on the server).
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("bellhop.draft.")))).toEqual([]);
  await signIn(page, DEMO_ACCOUNTS.admin);
  await page.goto(`/inbox?q=Drafts`);
  await expect(secondRow).toBeVisible();
  await expect(page.getByTestId("row-draft")).toHaveCount(0);
  await secondRow.click();
  await expect(page.getByLabel("Reply to the guest")).toHaveValue("");
  await page.getByRole("button", { name: "Sign out" }).click();
  await signIn(page, DEMO_ACCOUNTS.staff);
  await page.goto(`/inbox?q=Drafts`);
  await expect(secondRow.getByTestId("row-draft")).toBeVisible();
  await secondRow.click();
  await expect(page.getByLabel("Internal note for your colleagues")).toHaveValue("Ask the kitchen about gluten-free");
});

test("a draft follows its writer to another device, and is gone from both once sent from one", async ({ browser, request }) => {
  const booking = await createBooking(request, { propertyId: STAFF_PROPERTY, guestName: "Dmitri Devices", firstGuestMessage: "Can we park a van?" });
  const deskContext = await browser.newContext();
  const tabletContext = await browser.newContext();
  try {
    const desk = await deskContext.newPage();
    await signIn(desk, DEMO_ACCOUNTS.staff);
    await openByReference(desk, booking.conversation.reference);
    const conversationId = new URL(desk.url()).searchParams.get("c")!;
    await desk.getByLabel("Reply to the guest").fill("Vans fit in the garage, up to 2.1 m");
    // On the server a moment after the typing stops.
    await expect
      .poll(async () => ((await (await desk.request.get(`/api/conversations/${conversationId}/draft`)).json()) as { draft: { text: string } | null }).draft?.text)
      .toBe("Vans fit in the garage, up to 2.1 m");

    // The tablet at the door: the row says "Draft", and the box holds it.
    const tablet = await tabletContext.newPage();
    await signIn(tablet, DEMO_ACCOUNTS.staff);
    await tablet.goto(`/inbox?q=${booking.conversation.reference}`);
    const row = tablet.getByTestId("conversation-row").filter({ hasText: `#${booking.conversation.reference}` });
    await expect(row.getByTestId("row-draft")).toBeVisible();
    await row.click();
    const box = tablet.getByLabel("Reply to the guest");
    await expect(box).toHaveValue("Vans fit in the garage, up to 2.1 m");
    await box.press("End");
    await box.pressSequentially(" high.");
    await box.press("Enter");
    await expect(tablet.getByTestId("message").filter({ hasText: "up to 2.1 m high." })).toHaveAttribute("data-send-state", "sent", { timeout: 20_000 });

    // Back at the desk: the conversation opened again shows an empty box, not the sent text.
    await desk.reload();
    await expect(desk.getByTestId("message").filter({ hasText: "up to 2.1 m high." })).toBeVisible();
    await expect(desk.getByLabel("Reply to the guest")).toHaveValue("");
    const sent = await eventually(
      () => inspect(request, booking.conversation.conversationId),
      ({ messages }) => messages.some((message) => message.content.includes("up to 2.1 m high.")),
      "the reply to reach the guest",
    );
    expect(sent.messages.filter((message) => message.content === "Vans fit in the garage, up to 2.1 m high.")).toHaveLength(1);
  } finally {
    await deskContext.close();
    await tabletContext.close();
  }
});

test("a reply typed a moment before signing out is kept for its writer, not for this computer", async ({ page, request }) => {
  const booking = await createBooking(request, { propertyId: STAFF_PROPERTY, guestName: "Sigrid Signout", firstGuestMessage: "Is the sauna open late?" });
  await signIn(page, DEMO_ACCOUNTS.staff);
  await openByReference(page, booking.conversation.reference);
  await page.getByLabel("Reply to the guest").fill("The sauna is open until 22:00");
  // At once: before the box would have sent it by itself.
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect(await page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("bellhop.draft.")))).toEqual([]);

  await signIn(page, DEMO_ACCOUNTS.staff);
  await openByReference(page, booking.conversation.reference);
  await expect(page.getByLabel("Reply to the guest")).toHaveValue("The sauna is open until 22:00");
});
