// Two staff members in the same conversation (product.md: "two staff answering the same guest: show who
// else is viewing or replying"): each sees the other arrive, start and stop writing, and leave, live,
// in two real browser sessions; the one about to answer is warned that a colleague is writing too.
import { expect, test, type Page } from "@playwright/test";
import AxeBuilder from "@axe-core/playwright";
import { DEMO_ACCOUNTS, openByReference, signIn } from "./fixtures";
import { createBooking } from "./sandbox-control";

const STAFF_PROPERTY = 13921698; // the demo staff member's one property, which the admin sees too
const LISBON = 6819547; // admin only

test("colleagues in one conversation see each other view, write and leave, and are warned before answering twice", async ({ page, browser, request }) => {
  const { conversation } = await createBooking(request, { propertyId: STAFF_PROPERTY, guestName: "Pia Presence", firstGuestMessage: "Is breakfast included?" });
  await signIn(page, DEMO_ACCOUNTS.admin);
  const adminsRow = await openByReference(page, conversation.reference);
  const conversationId = new URL(page.url()).searchParams.get("c")!;
  const adminSees = page.getByTestId("presence");
  await expect(adminSees).toBeEmpty();

  const staffContext = await browser.newContext();
  const staff = await staffContext.newPage();
  await signIn(staff, DEMO_ACCOUNTS.staff);
  await staff.goto(`/inbox?c=${conversationId}`);
  await expect(staff.getByTestId("thread-guest-name")).toHaveText("Pia Presence");
  await expect(staff.getByTestId("message").filter({ hasText: "Is breakfast included?" })).toBeVisible();

  // Each sees the other, without a reload, in the thread and on the conversation's row in the list.
  await expect(adminSees).toHaveText("Sam Staff is viewing");
  await expect(staff.getByTestId("presence")).toHaveText("Ada Admin is viewing");
  const adminsRowPresence = adminsRow.getByTestId("row-presence");
  await expect(adminsRowPresence).toHaveText(/Sam viewing/);
  await expect(adminsRowPresence).toHaveAttribute("title", "Sam Staff is viewing");

  // Sam starts a reply: Ada sees it, and her composer warns her before two answers go out.
  await staff.getByLabel("Reply to the guest").fill("Yes, breakfast is included from 7:00.");
  await expect(adminSees).toHaveText("Sam Staff is writing a reply");
  await expect(adminsRowPresence).toHaveText(/Sam writing/);
  await expect(page.getByTestId("collision-warning")).toHaveText(/Sam Staff is writing a reply to this guest too/);
  // Sam is not warned about himself, and Ada only views.
  await expect(staff.getByTestId("collision-warning")).toHaveCount(0);

  await page.screenshot({ path: "test-results/inbox-presence.png", fullPage: true });
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical")).toEqual([]);

  // Sam switches to another tab with his draft still there: he is still writing a reply.
  await setVisibility(staff, "hidden");
  await expect(adminSees).toHaveText("Sam Staff is writing a reply");
  await setVisibility(staff, "visible");

  // Sam sends: the draft is gone, so he is back to viewing, and the warning goes.
  await staff.getByLabel("Reply to the guest").press("Enter");
  await expect(adminSees).toHaveText("Sam Staff is viewing");
  await expect(page.getByTestId("collision-warning")).toHaveCount(0);

  // Without a draft, a tab in the background is nobody looking: he leaves, and comes back with the tab.
  await setVisibility(staff, "hidden");
  await expect(adminSees).toBeEmpty();
  await setVisibility(staff, "visible");
  await expect(adminSees).toHaveText("Sam Staff is viewing");

  // Sam closes the thread (Escape leaves the reply box, a second Escape the thread): he is gone at once.
  await staff.getByLabel("Reply to the guest").press("Escape");
  await staff.keyboard.press("Escape");
  await expect(staff.getByTestId("thread")).toHaveCount(0);
  await expect(adminSees).toBeEmpty();
  await expect(adminsRowPresence).toHaveCount(0);

  // Sam opens it again and then closes the whole page: he is gone too, without waiting for an expiry.
  await staff.goto(`/inbox?c=${conversationId}`);
  await expect(adminSees).toHaveText("Sam Staff is viewing");
  await staff.close();
  await expect(adminSees).toBeEmpty({ timeout: 5_000 });
  await staffContext.close();
});

/**
 * What the browser does when its tab goes to the background or comes back. Headless Chromium keeps
 * every page visible, so the document's state is set and the event sent as the browser would.
 */
async function setVisibility(page: Page, state: "hidden" | "visible") {
  await page.evaluate((value) => {
    Object.defineProperty(document, "visibilityState", { value, configurable: true });
    document.dispatchEvent(new Event("visibilitychange"));
  }, state);
}

test("the presence API checks its input and the staff member's properties", async ({ page, request }) => {
  const foreign = await createBooking(request, { propertyId: LISBON, guestName: "Zeca Foreign", firstGuestMessage: "Olá" });
  await signIn(page, DEMO_ACCOUNTS.admin);
  await openByReference(page, foreign.conversation.reference);
  const foreignId = new URL(page.url()).searchParams.get("c")!;
  const api = page.request;

  const garbage = await api.put(`/api/conversations/${foreignId}/presence`, { data: { tabId: "not-a-uuid", activity: "dancing" } });
  expect(garbage.status()).toBe(400);
  const body = (await garbage.json()) as { error: { code: string; message: string; fields: Record<string, string> } };
  expect(body.error.code).toBe("validation_failed");
  expect(Object.keys(body.error.fields).sort()).toEqual(["activity", "tabId"]);
  expect((await api.put(`/api/conversations/${foreignId}/presence`, { data: "{" })).status()).toBe(400);
  expect((await api.delete(`/api/conversations/${foreignId}/presence`)).status()).toBe(400);
  // The admin is writing in a Lisbon conversation (from a second tab of hers, still open).
  expect((await api.put(`/api/conversations/${foreignId}/presence`, { data: { tabId: crypto.randomUUID(), activity: "replying" } })).status()).toBe(200);

  // Leave the inbox first: with the session gone, its next request (a heartbeat) would get a 401 and
  // send the page to the sign-in page itself, racing the navigation below.
  await page.goto("about:blank");
  await page.context().clearCookies();
  await signIn(page, DEMO_ACCOUNTS.staff);
  // The rows' presence of a staff member of one property says nothing of Lisbon's.
  const inScope = await api.get("/api/conversations/presence");
  expect(inScope.status()).toBe(200);
  expect(((await inScope.json()) as { conversations: Record<string, unknown> }).conversations[foreignId]).toBeUndefined();
  const tabId = crypto.randomUUID();
  expect((await api.get(`/api/conversations/${foreignId}/presence`)).status()).toBe(404);
  expect((await api.put(`/api/conversations/${foreignId}/presence`, { data: { tabId, activity: "viewing" } })).status()).toBe(404);
  expect((await api.delete(`/api/conversations/${foreignId}/presence?tab=${tabId}`)).status()).toBe(404);

  await page.context().clearCookies();
  expect((await api.get(`/api/conversations/${foreignId}/presence`)).status()).toBe(401);
  expect((await api.get("/api/conversations/presence")).status()).toBe(401);
});
