// Every inbox flow driven through the UI, checked on the guest side of the sandbox.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { DEMO_ACCOUNTS, openByReference, signIn } from "./fixtures";
import { largePng } from "./images";
import { addFault, clearFaults, confirmRequestToBook, createBooking, eventually, guestSends, inspect, selfService, setInExtranet } from "./sandbox-control";

const LISBON = 6819547; // admin only
const STAFF_PROPERTY = 13921698; // the demo staff member's one property

async function reply(page: Page, text: string) {
  const box = page.getByLabel("Reply to the guest");
  await box.fill(text);
  await box.press("Enter");
  return page.getByTestId("message").filter({ hasText: text });
}

async function guestReceived(request: APIRequestContext, conversationId: string, text: string) {
  const state = await eventually(
    () => inspect(request, conversationId),
    (value) => value.messages.some((message) => message.sender === "property" && message.content.includes(text)),
    `the guest received "${text}"`,
  );
  return state.messages.filter((message) => message.sender === "property" && message.content.includes(text));
}

test.beforeEach(async ({ request }) => {
  await clearFaults(request);
});

test("the property starts with a reservation number: New message finds it and sends", async ({ page, request }) => {
  const { conversation } = await createBooking(request, { propertyId: LISBON, guestName: "Nuno Reis" });
  await signIn(page, DEMO_ACCOUNTS.admin);
  await page.getByRole("button", { name: "New message" }).click();
  const dialog = page.getByRole("dialog", { name: "New message" });
  await dialog.getByLabel("Property").selectOption(String(LISBON));
  await dialog.getByLabel("Reservation number").fill("9999999999");
  await dialog.getByRole("button", { name: "Find conversation" }).click();
  await expect(dialog.getByTestId("lookup-error")).toContainText("no reservation 9999999999");

  await dialog.getByLabel("Reservation number").fill(conversation.reference);
  await dialog.getByRole("button", { name: "Find conversation" }).click();
  await expect(page.getByTestId("thread-guest-name")).toHaveText("Nuno Reis");
  await expect(page.getByLabel("Reply to the guest")).toBeFocused();
  const sent = await reply(page, "Hello Nuno, we look forward to your stay.");
  await expect(sent.getByTestId("send-state")).toHaveText(/Sent|Read by guest/, { timeout: 20_000 });
  expect(await guestReceived(request, conversation.conversationId, "look forward to your stay")).toHaveLength(1);
});

test("the property starts without a number: opens the conversation from the list and writes first", async ({ page, request }) => {
  const { conversation } = await createBooking(request, { propertyId: LISBON, guestName: "Inês Duarte" });
  await signIn(page, DEMO_ACCOUNTS.admin);
  await openByReference(page, conversation.reference);
  await expect(page.getByTestId("thread")).toContainText("No messages yet. You can write first.");
  const sent = await reply(page, "Welcome Inês! Anything we can prepare?");
  await expect(sent.getByTestId("send-state")).toHaveText(/Sent|Read by guest/, { timeout: 20_000 });
  expect(await guestReceived(request, conversation.conversationId, "Anything we can prepare?")).toHaveLength(1);
});

test("a new booking's welcome template shows as an automatic template", async ({ page, request }) => {
  const { conversation, messages } = await createBooking(request, { propertyId: LISBON, guestName: "Rui Costa", sendWelcome: true });
  const templateName = messages[0]?.attributes?.template_name ?? "";
  await signIn(page, DEMO_ACCOUNTS.admin);
  await openByReference(page, conversation.reference);
  const welcome = page.locator('[data-message-type="automatically_sent_template"]');
  await expect(welcome).toBeVisible();
  await expect(welcome).toContainText(`Automatic template: ${templateName}`);
});

test("no reply needed: set and unset, reflected in the views and in Booking.com", async ({ page, request }) => {
  const { conversation } = await createBooking(request, { propertyId: LISBON, guestName: "Sofia Neves" });
  await guestSends(request, conversation.conversationId, "Thanks, all good!");
  await signIn(page, DEMO_ACCOUNTS.admin);
  await openByReference(page, conversation.reference);
  await expect(page.getByTestId("message").filter({ hasText: "Thanks, all good!" })).toBeVisible({ timeout: 20_000 });
  await expect(page.getByTestId("thread-header").getByText("Needs reply", { exact: true })).toBeVisible();
  const toggle = page.getByTitle("No reply needed (e)");
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await page.locator("body").press("e");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  // The thread says whose call it was.
  await expect(page.getByTestId("activity").last()).toContainText(`${DEMO_ACCOUNTS.admin.name} marked this as no reply needed`);
  await eventually(() => inspect(request, conversation.conversationId), (state) => state.conversation.noReplyNeeded, "Booking.com has no_reply_needed");

  const rowIn = (view: string) => page.goto(`/inbox?view=${view}&q=${conversation.reference}`).then(() => page.getByTestId("conversation-row").filter({ hasText: `#${conversation.reference}` }));
  await expect(await rowIn("no_reply_needed")).toBeVisible();
  await expect(await rowIn("needs_reply")).toHaveCount(0);

  await (await rowIn("no_reply_needed")).click();
  await toggle.click();
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByTestId("activity").last()).toContainText(`${DEMO_ACCOUNTS.admin.name} took away "no reply needed"`);
  await eventually(() => inspect(request, conversation.conversationId), (state) => !state.conversation.noReplyNeeded, "Booking.com cleared no_reply_needed");
  await expect(await rowIn("needs_reply")).toBeVisible();
  await expect(await rowIn("no_reply_needed")).toHaveCount(0);

  // Someone at the hotel sets it in the Extranet instead: Bellhop learns it on its next read of the
  // conversation, and the open thread says where it came from.
  await (await rowIn("needs_reply")).click();
  await setInExtranet(request, conversation.conversationId, true);
  await expect(toggle).toHaveAttribute("aria-pressed", "true", { timeout: 20_000 });
  await expect(page.getByTestId("activity").last()).toContainText("Marked as no reply needed on Booking.com, outside Bellhop");
  await expect(await rowIn("no_reply_needed")).toBeVisible();

  // The guest writes again: the mark covered what was there, not this. The open thread shows the new
  // message and takes the mark away (with a line saying why), the conversation is back in Needs reply,
  // and Booking.com's tag goes too, so the guest is no longer told that no reply is needed.
  await (await rowIn("no_reply_needed")).click();
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await guestSends(request, conversation.conversationId, "Sorry, one more thing: is there parking?");
  await expect(page.getByTestId("message").filter({ hasText: "is there parking?" })).toBeVisible({ timeout: 20_000 });
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  await expect(page.getByTestId("activity").last()).toContainText('The guest wrote again: no longer marked "no reply needed"');
  await eventually(() => inspect(request, conversation.conversationId), (state) => !state.conversation.noReplyNeeded, "Booking.com's tag taken away");
  await expect(await rowIn("needs_reply")).toBeVisible();
  await expect(await rowIn("no_reply_needed")).toHaveCount(0);
});

/** A new Lisbon booking whose guest wrote `text`, opened by the admin: the row and the message. */
async function openLisbonGuestMessage(page: Page, request: APIRequestContext, guestName: string, text: string) {
  const { conversation } = await createBooking(request, { propertyId: LISBON, guestName });
  await guestSends(request, conversation.conversationId, text);
  await signIn(page, DEMO_ACCOUNTS.admin);
  const row = await openByReference(page, conversation.reference);
  const message = page.getByTestId("message").filter({ hasText: text });
  await expect(message).toBeVisible({ timeout: 20_000 });
  return { row, message };
}

test.describe("a reader whose clock is not the property's", () => {
  test.use({ timezoneId: "Asia/Tokyo" });

  test("the thread shows the property's clock and says how far it is from the reader's; the list shows the reader's", async ({ page, request }) => {
    const { row, message } = await openLisbonGuestMessage(page, request, "Tiago Faria", "Can we check in at 10:00?");

    const sentAt = new Date((await message.locator("time").first().getAttribute("datetime"))!);
    // Tokyo keeps +9 all year; Lisbon is +0 in winter and +1 in summer.
    const lisbonOffsetHours = new Intl.DateTimeFormat("en-US", { timeZone: "Europe/Lisbon", timeZoneName: "longOffset" }).format(sentAt).endsWith("+01:00") ? 1 : 0;
    await expect(page.getByTestId("thread-time-zone")).toHaveText(`Message times are Lisbon time, ${9 - lisbonOffsetHours} h behind you`);
    const lisbonClock = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Lisbon", day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }).format(sentAt);
    await expect(message.locator("time").first()).toHaveText(lisbonClock);
    await expect(message.locator("time").first()).toHaveAttribute("title", /WES?T$/);
    // The list spans properties: it keeps the reader's own clock.
    await expect(row.locator("time")).toHaveAttribute("title", /GMT\+9$/);
  });
});

test.describe("a reader at the property", () => {
  test.use({ timezoneId: "Europe/Lisbon" });

  test("sees no time-zone note: the thread's clock is their own", async ({ page, request }) => {
    await openLisbonGuestMessage(page, request, "Marta Lopes", "See you tomorrow");
    await expect(page.getByTestId("thread-guest-name")).toHaveText("Marta Lopes");
    await expect(page.getByTestId("thread-time-zone")).toHaveCount(0);
  });
});

test("attachments both ways: progress, chunked upload, thumbnail, lightbox, download, refusals", async ({ page, request }) => {
  const { conversation } = await createBooking(request, { propertyId: LISBON, guestName: "Tiago Lopes" });
  await guestSends(request, conversation.conversationId, "Here is a photo of the stain", true);
  await signIn(page, DEMO_ACCOUNTS.admin);
  await openByReference(page, conversation.reference);

  // Incoming: thumbnail through Bellhop's own route, lightbox, Esc closes, download.
  const thumbnail = page.getByTestId("attachment-thumbnail").first();
  await expect(thumbnail.locator("img")).toHaveJSProperty("complete", true);
  expect(await thumbnail.locator("img").evaluate((image: HTMLImageElement) => image.naturalWidth)).toBeGreaterThan(0);
  await thumbnail.click();
  const lightbox = page.getByTestId("lightbox");
  await expect(lightbox).toBeVisible();
  const href = await lightbox.getByRole("link", { name: "Download" }).getAttribute("href");
  const download = await page.request.get(href!);
  expect(download.status()).toBe(200);
  expect(download.headers()["content-type"]).toBe("image/png");
  expect(download.headers()["content-disposition"]).toContain("attachment");
  await page.keyboard.press("Escape");
  await expect(lightbox).toBeHidden();

  // Refusals, by content: a PDF, and a text file renamed to .jpg.
  const fileInput = page.locator("#attach-input");
  await fileInput.setInputFiles({ name: "invoice.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.7\n%âãÏÓ\n1 0 obj") });
  await expect(page.getByTestId("attachment-error")).toContainText("not a JPEG or PNG");
  await fileInput.setInputFiles({ name: "holiday.jpg", mimeType: "image/jpeg", buffer: Buffer.from("just some text pretending to be a photo") });
  await expect(page.getByTestId("attachment-error")).toContainText("holiday.jpg is not a JPEG or PNG");
  // The server refuses it too, whatever the browser says.
  const forged = await page.request.post(`/api/conversations/${new URL(page.url()).searchParams.get("c")}/attachments`, {
    headers: { "Content-Type": "image/jpeg", "X-File-Name": "holiday.jpg" },
    data: Buffer.from("just some text pretending to be a photo"),
  });
  expect(forged.status()).toBe(422);

  // Outgoing, over 1 MB (Booking.com's chunked upload path), with a visible progress bar.
  const large = largePng();
  expect(large.byteLength).toBeGreaterThan(1024 * 1024);
  await fileInput.setInputFiles({ name: "room-view.png", mimeType: "image/png", buffer: large });
  await expect(page.getByTestId("upload-progress")).toBeVisible();
  await expect(page.getByText("Booking.com needs text with every attachment")).toBeVisible();
  // Once uploaded ("Uploading…" until then), Send still waits for the text ("Send later" as well).
  await expect(page.getByRole("button", { name: "Send", exact: true })).toBeDisabled();
  const sent = await reply(page, "This is the view from your room.");
  await expect(sent.getByTestId("send-state")).toHaveText(/Sent|Read by guest/, { timeout: 30_000 });
  const [received] = await guestReceived(request, conversation.conversationId, "view from your room");
  expect(received?.attachmentIds).toHaveLength(1);
  await expect(sent.getByTestId("attachment-thumbnail")).toBeVisible();
});

test("Send while an image is still uploading waits for the upload, then sends once; Don't send yet calls it off", async ({ page, request }) => {
  const { conversation } = await createBooking(request, { propertyId: LISBON, guestName: "Lara Upload" });
  await guestSends(request, conversation.conversationId, "Can you send me a photo of the parking?");
  await signIn(page, DEMO_ACCOUNTS.admin);
  await openByReference(page, conversation.reference);
  // A slow line: each upload reaches Bellhop two seconds late (the request itself is the real one).
  await page.route("**/api/conversations/*/attachments", async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await route.continue();
  });
  const fileInput = page.locator("#attach-input");
  const box = page.getByLabel("Reply to the guest");

  await fileInput.setInputFiles({ name: "parking.png", mimeType: "image/png", buffer: largePng() });
  await box.fill("Here is the parking entrance.");
  await box.press("Enter");
  await expect(page.getByTestId("send-when-uploaded")).toBeVisible();
  await expect(page.getByRole("button", { name: "Sending after upload…" })).toBeDisabled();
  const sent = page.getByTestId("message").filter({ hasText: "Here is the parking entrance." });
  await expect(sent.getByTestId("send-state")).toHaveText(/Sent|Read by guest/, { timeout: 30_000 });
  await expect(sent.getByTestId("attachment-thumbnail")).toBeVisible();
  const received = await guestReceived(request, conversation.conversationId, "Here is the parking entrance.");
  expect(received).toHaveLength(1);
  expect(received[0]?.attachmentIds).toHaveLength(1);
  expect(received[0]?.postCount).toBe(1);
  await expect(box).toHaveValue("");

  // Asked again, then called off: the upload finishes and nothing goes out until Send.
  await fileInput.setInputFiles({ name: "entrance.png", mimeType: "image/png", buffer: largePng() });
  await box.fill("And the entrance from the street.");
  await page.getByRole("button", { name: "Send when uploaded" }).click();
  await page.getByTestId("send-when-uploaded").getByRole("button", { name: "Don't send yet" }).click();
  await expect(page.getByRole("button", { name: "Send", exact: true })).toBeEnabled({ timeout: 30_000 });
  await expect(box).toHaveValue("And the entrance from the street.");
  expect((await inspect(request, conversation.conversationId)).messages.filter((message) => message.content.includes("entrance from the street"))).toHaveLength(0);
});

test("a guest's link that is not on the property's allowlist shows removed", async ({ page, request }) => {
  const { conversation } = await createBooking(request, { propertyId: LISBON, guestName: "Marta Pinto" });
  await guestSends(request, conversation.conversationId, "Booked via https://evil-deals.example/win and https://www.booking.com/help ok?");
  await signIn(page, DEMO_ACCOUNTS.admin);
  await openByReference(page, conversation.reference);
  const message = page.getByTestId("message").filter({ hasText: "Booked via" });
  await expect(message).not.toContainText("evil-deals.example");
  const allowed = message.getByRole("link", { name: /booking\.com/ });
  await expect(allowed).toHaveAttribute("rel", "noopener noreferrer nofollow");
  await expect(allowed).toHaveAttribute("target", "_blank");
});

test("self-service requests show their topic and the Extranet notice; request-to-book hides the name until confirmed", async ({ page, request }) => {
  const { conversation } = await createBooking(request, { propertyId: LISBON, guestName: "Carla Matos" });
  await selfService(request, conversation.conversationId, "change_dates_nr");
  const rtb = await createBooking(request, { propertyId: LISBON, guestName: "Hidden Name", type: "request_to_book", firstGuestMessage: "Is the room quiet?" });
  await signIn(page, DEMO_ACCOUNTS.admin);

  await openByReference(page, conversation.reference);
  const request1 = page.locator('[data-message-type="self_service_event"]');
  await expect(request1).toContainText("Self-service request: Change of dates");
  await expect(request1.getByTestId("extranet-notice")).toContainText("only accepts the answer to this request in the Extranet");

  await openByReference(page, rtb.conversation.reference);
  await expect(page.getByTestId("thread-guest-name")).toHaveText("Guest");
  await expect(page.getByTestId("conversation-row").filter({ hasText: `#${rtb.conversation.reference}` }).getByTestId("row-guest-name")).toHaveText("Guest");
  await confirmRequestToBook(request, rtb.conversation.conversationId);
  await expect(page.getByTestId("thread-guest-name")).toHaveText("Hidden Name", { timeout: 30_000 });
});

test("a reply while Booking.com fails shows failed, why in each reader's language, and a retry sends it once", async ({ page, request, browser, baseURL }) => {
  test.setTimeout(120_000);
  const { conversation } = await createBooking(request, { propertyId: LISBON, guestName: "Paulo Gomes" });
  await guestSends(request, conversation.conversationId, "Hello?");
  await signIn(page, DEMO_ACCOUNTS.admin);
  await openByReference(page, conversation.reference);
  await addFault(request, { endpoint: "message.post", mode: "error_500" });
  const sent = await reply(page, "Sorry for the wait, Paulo.");
  await expect(sent.getByTestId("send-failed")).toBeVisible({ timeout: 60_000 });
  await expect(sent.getByTestId("send-failed")).toContainText("Not sent: Booking.com answered 500: ");
  // A colleague reading Bellhop in German reads why in German; Booking.com's own text stays as it came.
  const german = await browser.newContext();
  try {
    const colleague = await german.newPage();
    await signIn(colleague, DEMO_ACCOUNTS.admin);
    await german.addCookies([{ name: "bellhop-locale", value: "de", url: baseURL! }]);
    await openByReference(colleague, conversation.reference);
    await expect(colleague.getByTestId("message").filter({ hasText: "Sorry for the wait, Paulo." }).getByTestId("send-failed")).toContainText(
      "Nicht gesendet: Booking.com antwortete mit 500: ",
    );
  } finally {
    await german.close();
  }
  await clearFaults(request);
  await sent.getByRole("button", { name: "Retry" }).click();
  await expect(sent.getByTestId("send-state")).toHaveText(/Sent|Read by guest/, { timeout: 30_000 });
  const received = await guestReceived(request, conversation.conversationId, "Sorry for the wait, Paulo.");
  expect(received).toHaveLength(1);
  expect(received[0]?.postCount).toBe(1);
});

test("when Booking.com will not take the \"no reply needed\" mark away, the thread says so, the question stays in Needs reply, and Try again carries it", async ({ page, request }) => {
  test.setTimeout(120_000);
  const { conversation } = await createBooking(request, { propertyId: LISBON, guestName: "Rita Refused", firstGuestMessage: "Thanks a lot!" });
  await signIn(page, DEMO_ACCOUNTS.admin);
  await openByReference(page, conversation.reference);
  const toggle = page.getByTitle("No reply needed (e)");
  await page.locator("body").press("e");
  await expect(toggle).toHaveAttribute("aria-pressed", "true");
  await eventually(() => inspect(request, conversation.conversationId), (state) => state.conversation.noReplyNeeded, "Booking.com has no_reply_needed");

  // The guest asks something new while Booking.com refuses to take its tag away, until Bellhop gives up.
  await addFault(request, { endpoint: "tags.noReplyNeeded.unset", mode: "error_500" });
  await guestSends(request, conversation.conversationId, "Actually, can we check out late?");
  await expect(toggle).toHaveAttribute("aria-pressed", "false", { timeout: 20_000 });
  const problem = page.getByTestId("no-reply-needed-problem");
  await expect(problem).toContainText("Booking.com still shows this as “no reply needed”", { timeout: 60_000 });
  // Bellhop's reads of Booking.com's stale tag do not hide the question again (reconciliation runs every 3 s here).
  await page.waitForTimeout(5_000);
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
  expect((await inspect(request, conversation.conversationId)).conversation.noReplyNeeded).toBe(true);

  await clearFaults(request);
  await problem.getByRole("button", { name: "Try again" }).click();
  await expect(problem).toHaveCount(0);
  await eventually(() => inspect(request, conversation.conversationId), (state) => !state.conversation.noReplyNeeded, "Booking.com's tag taken away");
  await expect(toggle).toHaveAttribute("aria-pressed", "false");
});

test("a staff member limited to one property never sees another's conversations", async ({ page, request }) => {
  const foreign = await createBooking(request, { propertyId: LISBON, guestName: "Zélia Foreign", firstGuestMessage: "confidential-lisbon-note" });
  const own = await createBooking(request, { propertyId: STAFF_PROPERTY, guestName: "Olga Own", firstGuestMessage: "hello from my own hotel" });
  // Wait until both are stored (the admin sees both).
  await signIn(page, DEMO_ACCOUNTS.admin);
  await openByReference(page, foreign.conversation.reference);
  const foreignId = new URL(page.url()).searchParams.get("c")!;
  await openByReference(page, own.conversation.reference);
  // The foreign guest's words are searchable (for the admin), so the staff member's empty result below
  // is the scope at work, not a search that finds nothing for anyone.
  await page.goto("/inbox?q=confidential");
  await expect(page.getByTestId("conversation-row").filter({ hasText: `#${foreign.conversation.reference}` })).toBeVisible({ timeout: 20_000 });
  // Leave the inbox first: with the session gone, its next request (a live refetch) would get a 401 and
  // send the page to the sign-in page itself, racing the navigation below (CI caught it once).
  await page.goto("about:blank");
  await page.context().clearCookies();

  await signIn(page, DEMO_ACCOUNTS.staff);
  await expect(page.getByTestId("conversation-row").first()).toBeVisible();
  await expect(page.getByTestId("conversation-row").filter({ hasText: "Casa do Rio Lisboa" })).toHaveCount(0);
  for (const q of ["Zélia", "confidential", foreign.conversation.reference]) {
    await page.goto(`/inbox?q=${encodeURIComponent(q)}`);
    await expect(page.getByText(`Nothing matches “${q}”.`)).toBeVisible();
  }
  await page.goto(`/inbox?q=${own.conversation.reference}`);
  await expect(page.getByTestId("conversation-row")).toHaveCount(1);

  await page.goto(`/inbox?c=${foreignId}`);
  await expect(page.getByText("This conversation cannot be shown.")).toBeVisible();
  for (const path of [`/api/conversations/${foreignId}`, `/api/conversations/${foreignId}/messages`, `/api/saved-replies?conversationId=${foreignId}`]) {
    expect((await page.request.get(path)).status(), path).toBe(404);
  }
  expect((await page.request.get(`/api/conversations?property=${LISBON}`)).status()).toBe(404);

  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical")).toEqual([]);
});
