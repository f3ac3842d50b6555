// Admin settings end to end: the connection (save with a wrong and a right password, test), a new
// property whose history import is watched to 100%, a staff member limited to it who signs in and
// sees only it, staff refused the settings, and a saved reply with placeholders used from the inbox.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, signIn } from "./fixtures";
import { createBooking, guestSends } from "./sandbox-control";

const NEW_PROPERTY = { id: "1383087", name: "Hotel Sakura Kyoto", timeZone: "Asia/Tokyo" };
const NEW_STAFF = { name: "Kenji Front Desk", email: "kenji@bellhop.local", password: "kenji-desk-2026" };

async function openSettings(page: Page) {
  await signIn(page, DEMO_ACCOUNTS.admin);
  await page.getByRole("link", { name: "Settings" }).click();
  await expect(page).toHaveURL(/\/settings$/);
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();
  // The header says where you are.
  await expect(page.getByRole("banner").getByRole("link", { name: "Settings" })).toHaveAttribute("aria-current", "page");
  await expect(page.getByRole("banner").getByRole("link", { name: "Response times" })).not.toHaveAttribute("aria-current", "page");
}

test("an admin connects, adds a property, watches its import finish, and gives a new staff member only that property", async ({ page, browser }) => {
  test.setTimeout(120_000);
  await openSettings(page);

  // The connection: the password is never shown, only that one is set.
  const connection = page.getByRole("form", { name: "Connection Booking.com sandbox" });
  const password = connection.getByLabel("Password", { exact: true });
  await expect(password).toHaveValue("");
  await expect(connection).toContainText("A password is set. Leave blank to keep it.");
  expect(await page.content()).not.toContain("sandbox-password");

  // A wrong password is saved but flagged, with Booking.com's answer in plain words.
  await password.fill("not-the-password");
  await connection.getByRole("button", { name: "Save and test" }).click();
  const result = connection.getByTestId("connection-test-result");
  await expect(result).toContainText("saved anyway");
  await expect(result).toContainText("refused the credentials (401)");

  // Bad input gets field messages, not a 500.
  await connection.getByLabel("Queue poll interval (seconds)").fill("2");
  await connection.getByRole("button", { name: "Save and test" }).click();
  await expect(connection.getByTestId("field-error")).toHaveText("Poll at most every 5 seconds");
  await connection.getByLabel("Queue poll interval (seconds)").fill("30");

  await password.fill("sandbox-password");
  await connection.getByRole("button", { name: "Save and test" }).click();
  await expect(result).toContainText("Connection works");
  await expect(password).toHaveValue("");
  const fixedAt = new Date().toISOString();
  await connection.getByRole("button", { name: "Test connection" }).click();
  await expect(result).toContainText("Connected: Booking.com accepted the credentials");
  // The sync worker (another process) re-reads a changed connection within a few seconds; until its
  // first successful queue read with the new password, an import started now could still meet a 401.
  await expect
    .poll(async () => {
      const health = (await (await page.request.get("/api/admin/sync-health")).json()) as { connections: { lastPollAt: string | null }[] };
      return health.connections.some((candidate) => candidate.lastPollAt !== null && candidate.lastPollAt > fixedAt);
    }, { timeout: 20_000 })
    .toBe(true);

  // Adding a property: the id must be a number the account can reach.
  const addForm = page.getByRole("form", { name: "Add a property" });
  await addForm.getByLabel("Booking.com property id").fill("13a");
  await addForm.getByLabel("Display name").fill(NEW_PROPERTY.name);
  await addForm.getByLabel("Time zone").fill(NEW_PROPERTY.timeZone);
  await addForm.getByRole("button", { name: "Add property" }).click();
  await expect(addForm.getByTestId("field-error")).toHaveText("The Booking.com property id is a number, e.g. 1383087");
  await addForm.getByLabel("Booking.com property id").fill("9999001");
  await addForm.getByRole("button", { name: "Add property" }).click();
  await expect(addForm.getByTestId("field-error")).toContainText("no access to property 9999001 (403)");

  await addForm.getByLabel("Booking.com property id").fill(NEW_PROPERTY.id);
  await addForm.getByRole("button", { name: "Add property" }).click();
  await expect(addForm).toContainText(`${NEW_PROPERTY.name} added`);
  const progress = page.getByRole("progressbar", { name: `History import of ${NEW_PROPERTY.name}` });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute("aria-valuenow", "100", { timeout: 60_000 });
  await expect(page.getByTestId(`backfill-${NEW_PROPERTY.id}`)).toContainText("finished");

  // A staff member limited to the new property.
  const create = page.getByRole("form", { name: "Create an account" });
  await create.getByLabel("Full name").fill(NEW_STAFF.name);
  await create.getByLabel("Work e-mail").fill(NEW_STAFF.email);
  await create.getByRole("checkbox", { name: new RegExp(NEW_PROPERTY.name) }).check();
  await create.getByRole("textbox", { name: "Initial password" }).fill("short");
  await create.getByRole("button", { name: "Create account" }).click();
  await expect(create.getByTestId("field-error")).toHaveText("Use at least 10 characters");
  await create.getByRole("textbox", { name: "Initial password" }).fill(NEW_STAFF.password);
  await create.getByRole("button", { name: "Create account" }).click();
  await expect(create).toContainText(`Account created for ${NEW_STAFF.email}`);
  await expect(page.getByTestId(`staff-row-${NEW_STAFF.email}`)).toContainText(NEW_PROPERTY.name);

  // The same e-mail again is refused on its field.
  await create.getByLabel("Full name").fill("Kenji Again");
  await create.getByLabel("Work e-mail").fill(NEW_STAFF.email.toUpperCase());
  await create.getByRole("textbox", { name: "Initial password" }).fill(NEW_STAFF.password);
  await create.getByRole("button", { name: "Create account" }).click();
  await expect(create.getByTestId("field-error")).toHaveText("An account with this e-mail already exists");

  // Every change is in the audit log, newest first, without secrets.
  const audit = page.getByTestId("audit-log");
  await expect(audit.locator("tbody tr").first()).toContainText("user.create");
  await expect(audit).toContainText("property.create");
  await expect(audit).toContainText("connection.update");
  expect(await audit.innerText()).not.toContain("sandbox-password");

  await page.screenshot({ path: "test-results/settings.png", fullPage: true });
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical")).toEqual([]);

  // The new staff member signs in elsewhere and sees only that property.
  const context = await browser.newContext();
  const staffPage = await context.newPage();
  await signIn(staffPage, NEW_STAFF);
  await expect(staffPage.getByTestId("signed-in-as")).toContainText(NEW_STAFF.name);
  await expect(staffPage.getByRole("link", { name: "Settings" })).toHaveCount(0);
  const visible = await (await staffPage.request.get("/api/properties")).json();
  expect(visible.properties.map((property: { id: string }) => property.id)).toEqual([NEW_PROPERTY.id]);
  await expect(staffPage.getByText(NEW_PROPERTY.name).first()).toBeVisible();
  await context.close();
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("the settings and the report fit the screen: wide tables scroll in their own box, the page does not zoom out", async ({ page }) => {
    await signIn(page, DEMO_ACCOUNTS.admin);
    for (const path of ["/settings", "/reports"]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await page.waitForLoadState("networkidle");
      // A phone's browser widens its layout viewport to fit anything wider than the screen.
      expect(await page.evaluate(() => [window.innerWidth, document.documentElement.scrollWidth]), path).toEqual([390, 390]);
    }
  });
});

test("a staff member is refused the settings, in the page and through the API", async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.staff);
  await expect(page.getByRole("link", { name: "Settings" })).toHaveCount(0);
  await page.goto("/settings");
  const forbidden = page.getByTestId("settings-forbidden");
  await expect(forbidden).toContainText("403");
  await expect(forbidden.getByRole("heading", { level: 1 })).toHaveText("Only admins can open the settings");
  await expect(forbidden).toContainText("Ask an admin");
  await expect(page.getByRole("form", { name: "Add a property" })).toHaveCount(0);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical")).toEqual([]);
  for (const [method, path] of [
    ["GET", "/api/admin/connections"],
    ["GET", "/api/admin/staff"],
    ["POST", "/api/admin/properties"],
    ["GET", "/api/admin/audit-log"],
  ] as const) {
    const response = await page.request.fetch(path, { method, data: method === "POST" ? { id: "1" } : undefined });
    expect(response.status(), `${method} ${path}`).toBe(403);
    expect((await response.json()).error.code).toBe("forbidden");
  }
  // The way back.
  await forbidden.getByRole("link", { name: "Back to the inbox" }).click();
  await expect(page).toHaveURL(/\/inbox/);
});

test("an admin renames a property, changes its time zone, and re-imports its history after confirming", async ({ page }) => {
  test.setTimeout(120_000);
  const property = { id: "6378711", name: "Test Property", timeZone: "Europe/Berlin" };
  const renamed = { name: "Test Property Kyiv", timeZone: "Europe/Kyiv" };
  await openSettings(page);
  const row = page.getByTestId(`property-row-${property.id}`);
  const importState = async () => {
    const { properties } = (await (await page.request.get("/api/admin/properties")).json()) as { properties: { id: string; backfillState: string; backfillFinishedAt: string | null }[] };
    return properties.find((candidate) => candidate.id === property.id)!;
  };
  try {
    await row.getByRole("button", { name: `Edit ${property.name}` }).click();
    const form = page.getByRole("form", { name: `Edit property ${property.name}` });
    await expect(form.getByLabel("Display name")).toBeFocused();

    // Field messages from the server, on their fields.
    await form.getByLabel("Display name").fill("  ");
    await form.getByLabel("Time zone").fill("Mars/Olympus");
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form.getByTestId("field-error")).toHaveText(["Give the property a name", "Enter an IANA time zone such as Europe/Amsterdam"]);
    await expect(form.getByLabel("Time zone")).toHaveAttribute("aria-invalid", "true");

    // Cancel keeps the stored values.
    await form.getByRole("button", { name: "Cancel" }).click();
    await expect(form).toHaveCount(0);
    await expect(row).toContainText(property.name);
    await expect(row).toContainText(property.timeZone);

    await row.getByRole("button", { name: `Edit ${property.name}` }).click();
    await form.getByLabel("Display name").fill(renamed.name);
    await form.getByLabel("Time zone").fill(renamed.timeZone);
    await form.getByRole("button", { name: "Save" }).click();
    await expect(form).toHaveCount(0);
    await expect(row).toContainText(renamed.name);
    await expect(row).toContainText(renamed.timeZone);
    await expect(row.getByRole("button", { name: `Edit ${renamed.name}` })).toBeFocused();
    const audit = page.getByTestId("audit-log");
    await expect(audit.locator("tbody tr").first()).toContainText("property.update");

    // Re-import asks first; Cancel does nothing.
    const reimport = row.getByRole("button", { name: `Re-import ${renamed.name}` });
    await expect(reimport).toBeEnabled({ timeout: 60_000 }); // the demo import may still be running
    await reimport.click();
    const confirm = row.getByRole("group", { name: `Confirm re-import of ${renamed.name}` });
    await expect(confirm).toContainText("whole conversation history");
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await expect(confirm).toHaveCount(0);
    await expect(audit.locator("tbody tr").first()).toContainText("property.update");

    const finishedBefore = (await importState()).backfillFinishedAt;
    expect(finishedBefore).not.toBeNull();
    await reimport.click();
    await confirm.getByRole("button", { name: "Yes, re-import" }).click();
    await expect(confirm).toHaveCount(0);
    await expect(audit.locator("tbody tr").first()).toContainText("property.backfill_restart");
    // A new import ran to the end (not just the old one's 100% still on screen).
    await expect
      .poll(async () => {
        const state = await importState();
        return state.backfillState === "done" && state.backfillFinishedAt! > finishedBefore!;
      }, { timeout: 60_000 })
      .toBe(true);
    const progress = page.getByRole("progressbar", { name: `History import of ${renamed.name}` });
    await expect(progress).toHaveAttribute("aria-valuenow", "100", { timeout: 60_000 });
    await expect(page.getByTestId(`backfill-${property.id}`)).toContainText("finished");
    await expect(reimport).toBeEnabled();
  } finally {
    // Other specs share this server and know the demo property by its name.
    const restored = await page.request.patch(`/api/admin/properties/${property.id}`, { data: { name: property.name, timeZone: property.timeZone } });
    expect(restored.ok()).toBe(true);
  }
});

test("an admin writes a saved reply with placeholders, previewed with real values, and staff use it in the inbox", async ({ page, request }) => {
  test.setTimeout(90_000);
  const { conversation } = await createBooking(request, { propertyId: 6819547, guestName: "Joana Reis" });
  await guestSends(request, conversation.conversationId, "Is breakfast included?");
  await openSettings(page);

  const editor = page.getByRole("form", { name: "New saved reply" });
  await editor.getByLabel("Title").fill("Breakfast");
  await editor.getByLabel("Available for").selectOption({ label: "Casa do Rio Lisboa" });
  await editor.getByLabel("Text", { exact: true }).fill("Hello {guest_nmae}, ");
  await expect(editor.getByTestId("unknown-placeholders")).toContainText("{guest_nmae}");
  await editor.getByRole("button", { name: "Save reply" }).click();
  await expect(editor.getByTestId("field-error")).toContainText("Unknown placeholder {guest_nmae}");

  await editor.getByLabel("Text", { exact: true }).fill("Hello ");
  await editor.getByRole("button", { name: "{guest_name}" }).click();
  await editor.getByLabel("Text", { exact: true }).press("End");
  await editor.getByLabel("Text", { exact: true }).pressSequentially(", breakfast at {property_name} is included for booking {reservation_number}.");
  await expect(editor.getByTestId("unknown-placeholders")).toHaveCount(0);
  // The preview uses the property's latest conversation once the sync engine stored it, else samples.
  await expect(editor.getByTestId("reply-preview")).toContainText("breakfast at Casa do Rio Lisboa is included for booking");
  await editor.getByRole("button", { name: "Save reply" }).click();
  await expect(page.getByTestId("saved-reply-list")).toContainText("Breakfast");

  // Offered as the property's automatic welcome message.
  const welcome = page.getByLabel("Welcome message for Casa do Rio Lisboa");
  await welcome.selectOption({ label: "Breakfast" });
  await expect(page.getByTestId("audit-log")).toContainText("property.welcome");
  await welcome.selectOption({ label: "None" });
  await expect(page.getByTestId("audit-log").locator("tbody tr").first()).toContainText("property.welcome");

  // In the inbox, the composer's picker fills the placeholders from the conversation.
  await page.goto("/inbox");
  const row = page.getByTestId("conversation-row").filter({ hasText: `#${conversation.reference}` });
  await expect(row).toBeVisible({ timeout: 20_000 });
  await row.click();
  await page.getByRole("button", { name: "Saved replies" }).click();
  await page.getByRole("dialog").getByRole("button", { name: /Breakfast/ }).click();
  await expect(page.getByLabel("Reply to the guest")).toHaveValue(`Hello Joana Reis, breakfast at Casa do Rio Lisboa is included for booking ${conversation.reference}.`);
});
