// Assignment (product.md: "assignment to a staff member"), in two real browser sessions: the admin gives
// a conversation to Sam, it appears in Sam's open Mine view without a reload, Sam hands it back, and
// the thread keeps a line of each change for both of them; the API
// refuses an assignee who cannot see the property (400) and a conversation outside the caller's
// properties (404).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, openByReference, signIn } from "./fixtures";
import { createBooking } from "./sandbox-control";

const STAFF_PROPERTY = 13921698; // the demo staff member's one property, which the admin sees too
const LISBON = 6819547; // admin only

async function seriousViolations(page: Page) {
  const axe = await new AxeBuilder({ page }).analyze();
  return axe.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical");
}

test("the admin assigns a conversation to Sam, it appears in Sam's Mine view live, and Sam unassigns it", async ({ page, browser, request }) => {
  const { conversation } = await createBooking(request, { propertyId: STAFF_PROPERTY, guestName: "Asa Assign", firstGuestMessage: "Can someone call me back?" });
  await signIn(page, DEMO_ACCOUNTS.admin);
  const adminRow = await openByReference(page, conversation.reference);
  const conversationId = new URL(page.url()).searchParams.get("c")!;
  const adminPicker = page.getByLabel("Assignee");
  await expect(adminPicker).toHaveValue("");

  // Sam has his inbox open on Mine, empty for now.
  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, DEMO_ACCOUNTS.staff);
  await staff.goto("/inbox?view=mine");
  await expect(staff.getByRole("button", { name: "Mine" })).toHaveAttribute("aria-pressed", "true");
  const samsRow = staff.getByTestId("conversation-row").filter({ hasText: `#${conversation.reference}` });
  await expect(samsRow).toHaveCount(0);

  // Those who see the property are offered, by name (other tests may add colleagues, so in order, not only these).
  await expect(adminPicker.locator("option")).toContainText(["Unassigned", "Ada Admin (you)", "Sam Staff"]);
  await adminPicker.selectOption({ label: "Sam Staff" });
  await expect(adminRow.getByTestId("row-assignee")).toHaveText("Assigned to Sam");
  // The thread keeps a line of it, after the guest's message.
  const adminsActivity = page.getByTestId("activity");
  await expect(adminsActivity).toHaveCount(1);
  await expect(adminsActivity).toContainText("Ada Admin assigned this to Sam Staff");
  await expect(page.getByTestId("thread").locator("li").last()).toHaveAttribute("data-activity-kind", "assigned");

  // Sam sees it arrive under Mine without reloading, marked as his.
  await expect(samsRow).toBeVisible();
  await expect(samsRow.getByTestId("row-assignee")).toHaveText("Assigned to You");
  await page.screenshot({ path: "test-results/inbox-assign.png", fullPage: true });
  expect(await seriousViolations(page)).toEqual([]);
  expect(await seriousViolations(staff)).toEqual([]);

  // Sam opens it; `a` takes him to the picker, which shows him; he hands it back.
  await samsRow.click();
  await expect(staff.getByTestId("thread-guest-name")).toHaveText("Asa Assign");
  await expect(staff.getByTestId("activity")).toContainText("Ada Admin assigned this to Sam Staff");
  const samsPicker = staff.getByLabel("Assignee");
  await expect(samsPicker.locator("option:checked")).toHaveText("Sam Staff (you)");
  await staff.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await staff.keyboard.press("a");
  await expect(samsPicker).toBeFocused();
  await samsPicker.selectOption({ label: "Unassigned" });
  await expect(samsRow).toHaveCount(0);
  // The admin, still in the thread, sees it live too.
  await expect(adminPicker).toHaveValue("");
  await expect(adminRow.getByTestId("row-assignee")).toHaveCount(0);
  await expect(adminsActivity.last()).toContainText("Sam Staff handed this conversation back");
  await staffContext.close();

  // It survives a reload: the server has it.
  await page.goto(`/inbox?c=${conversationId}`);
  await expect(page.getByTestId("thread-guest-name")).toHaveText("Asa Assign");
  await expect(page.getByLabel("Assignee")).toHaveValue("");
});

test("the API refuses an assignee without access to the property (400), and a conversation outside the caller's properties (404)", async ({ page, browser, request }) => {
  const own = await createBooking(request, { propertyId: STAFF_PROPERTY, guestName: "Olga Own", firstGuestMessage: "Hello" });
  const lisbon = await createBooking(request, { propertyId: LISBON, guestName: "Luís Lisboa", firstGuestMessage: "Olá" });
  await signIn(page, DEMO_ACCOUNTS.admin);
  await openByReference(page, own.conversation.reference);
  const ownId = new URL(page.url()).searchParams.get("c")!;
  await openByReference(page, lisbon.conversation.reference);
  const lisbonId = new URL(page.url()).searchParams.get("c")!;

  const candidates = (await (await page.request.get(`/api/conversations/${ownId}/assignees`)).json()) as { assignees: { id: string; name: string }[] };
  const sam = candidates.assignees.find((candidate) => candidate.name === DEMO_ACCOUNTS.staff.name)!;
  expect(sam).toBeTruthy();
  const lisbonCandidates = (await (await page.request.get(`/api/conversations/${lisbonId}/assignees`)).json()) as { assignees: { id: string; name: string }[] };
  expect(lisbonCandidates.assignees.map((candidate) => candidate.name)).not.toContain(DEMO_ACCOUNTS.staff.name);

  const refused = await page.request.put(`/api/conversations/${lisbonId}/assignee`, { data: { userId: sam.id } });
  expect(refused.status()).toBe(400);
  expect(await refused.json()).toEqual({
    error: { code: "validation_failed", message: "Cannot assign: Sam Staff has no access to Casa do Rio Lisboa.", fields: { userId: "Sam Staff has no access to Casa do Rio Lisboa." } },
  });
  await expect(page.getByLabel("Assignee")).toHaveValue("");

  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, DEMO_ACCOUNTS.staff);
  for (const userId of [sam.id, null]) {
    const response = await staff.request.put(`/api/conversations/${lisbonId}/assignee`, { data: { userId } });
    expect(response.status()).toBe(404);
    expect(await response.json()).toEqual({ error: { code: "not_found", message: "No such conversation." } });
  }
  expect((await staff.request.get(`/api/conversations/${lisbonId}/assignees`)).status()).toBe(404);
  // His own property's conversation he may assign, to himself.
  const taken = await staff.request.put(`/api/conversations/${ownId}/assignee`, { data: { userId: sam.id } });
  expect(await taken.json()).toEqual({ assignee: { id: sam.id, name: "Sam Staff" } });
  await staffContext.close();
});
