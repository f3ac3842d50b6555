// Internal notes, in two real browser sessions: a staff member writes one (n, or the composer's switch),
// a colleague sees it live, it never reaches the guest and does not count as an answer; its author or
// an admin can delete it.
import { expect, test } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { DEMO_ACCOUNTS, openByReference, signIn } from "./fixtures";
import { createBooking, eventually, inspect } from "./sandbox-control";

const STAFF_PROPERTY = 13921698; // the demo staff member's one property, which the admin sees too

test("a note is shared live with colleagues, never sent to the guest, and deleted by an admin", async ({ page, browser, request }) => {
  const { conversation } = await createBooking(request, { propertyId: STAFF_PROPERTY, guestName: "Noor Notes", firstGuestMessage: "We will arrive very late, is that fine?" });
  await signIn(page, DEMO_ACCOUNTS.admin);
  await openByReference(page, conversation.reference);
  const conversationId = new URL(page.url()).searchParams.get("c")!;
  await expect(page.getByTestId("message").filter({ hasText: "arrive very late" })).toBeVisible();

  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, DEMO_ACCOUNTS.staff);
  await staff.goto(`/inbox?c=${conversationId}`);
  await expect(staff.getByTestId("thread-guest-name")).toHaveText("Noor Notes");

  // `n` opens the composer as a note; writing one is not "writing a reply" for colleagues.
  await staff.getByTestId("thread").click();
  await staff.keyboard.press("n");
  const noteBox = staff.getByLabel("Internal note for your colleagues");
  await expect(noteBox).toBeFocused();
  await noteBox.fill("Guest phoned: arriving around 01:00, key box code given.");
  await expect(page.getByTestId("presence")).toHaveText("Sam Staff is viewing");
  const axe = await new AxeBuilder({ page: staff }).analyze();
  expect(axe.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical")).toEqual([]);
  await noteBox.press("Enter");

  const staffNote = staff.getByTestId("message").filter({ hasText: "key box code given" });
  await expect(staffNote).toHaveAttribute("data-sender", "note");
  await expect(staffNote).toContainText("Internal note · only staff see it");
  await expect(staffNote).toContainText("Sam Staff");
  await expect(noteBox).toHaveValue("");
  // The admin sees it without a reload; the guest still waits for an answer.
  const adminNote = page.getByTestId("message").filter({ hasText: "key box code given" });
  await expect(adminNote).toBeVisible({ timeout: 20_000 });
  await expect(page.locator("header").filter({ has: page.getByTestId("thread-guest-name") }).getByText("Needs reply")).toBeVisible();

  // The admin writes one too, through the switch; Sam may not delete it, only his own.
  await page.getByRole("button", { name: "Internal note" }).click();
  await page.getByLabel("Internal note for your colleagues").fill("Thanks Sam, I will tell the night porter.");
  await page.getByRole("button", { name: "Save note" }).click();
  const adminsOwn = staff.getByTestId("message").filter({ hasText: "tell the night porter" });
  await expect(adminsOwn).toBeVisible({ timeout: 20_000 });
  await expect(adminsOwn.getByRole("button", { name: "Delete note" })).toHaveCount(0);
  await expect(staffNote.getByRole("button", { name: "Delete note" })).toBeVisible();
  await staff.getByLabel("Internal note for your colleagues").fill("Drafting another note…");
  await staff.screenshot({ path: "test-results/inbox-notes.png", fullPage: true });
  await staff.getByLabel("Internal note for your colleagues").fill("");

  // A real reply goes out; once the guest has it, we know the notes before it did not.
  await page.getByRole("button", { name: "Reply to guest" }).click();
  const reply = page.getByLabel("Reply to the guest");
  await reply.fill("That is fine, the key box code is in your confirmation.");
  await reply.press("Enter");
  const guestSide = await eventually(
    () => inspect(request, conversation.conversationId),
    (state) => state.messages.some((message) => message.sender === "property" && message.content.includes("key box code is in your confirmation")),
    "the guest received the reply",
  );
  expect(guestSide.messages.filter((message) => message.content.includes("night porter") || message.content.includes("arriving around 01:00"))).toEqual([]);

  // The admin deletes Sam's note: it is gone for Sam too, live.
  await adminNote.getByRole("button", { name: "Delete note" }).click();
  await adminNote.getByRole("button", { name: "Delete", exact: true }).click();
  await expect(adminNote).toHaveCount(0);
  await expect(staffNote).toHaveCount(0, { timeout: 20_000 });
  await staffContext.close();

  const empty = await page.request.post(`/api/conversations/${conversationId}/notes`, { data: { content: "   ", clientKey: crypto.randomUUID() } });
  expect(empty.status()).toBe(400);
  expect(((await empty.json()) as { error: { fields: Record<string, string> } }).error.fields.content).toBe("Write something first.");
});
