// One-time set-password links end to end: an admin creates a staff account with a link (no password
// typed by anyone), the person opens it in their own browser, chooses a password (a too-short one gets
// the field message), signs in with it, and the link refuses a second use.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, signIn } from "./fixtures";

const NEW_STAFF = { name: "Noa Night Shift", email: "noa.night@bellhop.local", password: "noa-night-shift-2026" };

test("a staff member sets their password through a one-time link, signs in with it, and the link works only once", async ({ page, browser }) => {
  test.setTimeout(90_000);
  await signIn(page, DEMO_ACCOUNTS.admin);
  await page.goto("/settings");
  await expect(page.getByRole("heading", { name: "Settings", level: 1 })).toBeVisible();

  const create = page.getByRole("form", { name: "Create an account" });
  await create.getByLabel("Full name").fill(NEW_STAFF.name);
  await create.getByLabel("Work e-mail").fill(NEW_STAFF.email);
  await create.getByRole("checkbox", { name: /Casa do Rio Lisboa/ }).check();
  await create.getByRole("radio", { name: "Make a one-time set-password link" }).check();
  await expect(create.getByRole("textbox", { name: "Initial password" })).toHaveCount(0);
  await create.getByRole("button", { name: "Create account" }).click();
  await expect(create).toContainText(`Account created for ${NEW_STAFF.email}`);
  const linkField = create.getByRole("textbox", { name: "One-time set-password link" });
  const link = await linkField.inputValue();
  expect(link).toMatch(/\/set-password\?token=[\w-]+$/);
  await expect(page.getByTestId(`staff-row-${NEW_STAFF.email}`)).toContainText("Set-password link outstanding until");

  // The person, in a browser that has never signed in.
  const context = await browser.newContext();
  try {
    const guestPage = await context.newPage();
    await guestPage.goto(link);
    await expect(guestPage.getByRole("heading", { name: "Choose your password", level: 1 })).toBeVisible();
    await expect(guestPage.getByRole("main")).toContainText(`Hello ${NEW_STAFF.name}`);
    await expect(guestPage.getByRole("main")).toContainText(NEW_STAFF.email);
    const axe = await new AxeBuilder({ page: guestPage }).analyze();
    expect(axe.violations.filter((violation) => violation.impact === "serious" || violation.impact === "critical")).toEqual([]);

    const password = guestPage.getByLabel("New password");
    const repeat = guestPage.getByLabel("Repeat the password");
    // Too short: the server's message on the field, and the link is not spent.
    await password.fill("short-pw");
    await repeat.fill("short-pw");
    await guestPage.getByRole("button", { name: "Set password" }).click();
    await expect(guestPage.getByTestId("field-error")).toHaveText("Use at least 10 characters");
    await expect(password).toHaveAttribute("aria-invalid", "true");

    // Two different entries are caught before anything is sent.
    await password.fill(NEW_STAFF.password);
    await repeat.fill(`${NEW_STAFF.password}x`);
    await expect(guestPage.getByTestId("field-error")).toHaveText("The passwords differ");
    await expect(guestPage.getByRole("button", { name: "Set password" })).toBeDisabled();

    await repeat.fill(NEW_STAFF.password);
    await guestPage.getByRole("button", { name: "Set password" }).click();
    const done = guestPage.getByTestId("set-password-done");
    await expect(done).toContainText("Your password is set");
    await done.getByRole("link", { name: "Sign in" }).click();
    await expect(guestPage).toHaveURL(/\/sign-in/);
    await signIn(guestPage, NEW_STAFF);
    await expect(guestPage.getByTestId("signed-in-as")).toContainText(NEW_STAFF.name);
    await expect(guestPage.getByRole("link", { name: "Settings" })).toHaveCount(0);

    // The same link again, even signed in: spent.
    await guestPage.goto(link);
    await expect(guestPage.getByTestId("set-password-invalid")).toContainText("This link has already been used");
    await expect(guestPage.getByLabel("New password")).toHaveCount(0);
    // And the API agrees: a spent token cannot set a password.
    const token = new URL(link).searchParams.get("token");
    const reuse = await guestPage.request.post("/api/set-password", { data: { token, password: "another-password-1" } });
    expect(reuse.status()).toBe(422);
    expect((await reuse.json()).error.message).toContain("already been used");
  } finally {
    await context.close();
  }

  // The admin sees the link gone and the password change in the audit log (by the person themselves).
  await page.reload();
  await expect(page.getByTestId(`staff-row-${NEW_STAFF.email}`)).not.toContainText("Set-password link outstanding");
  const audit = page.getByTestId("audit-log");
  await expect(audit.locator("tbody tr").first()).toContainText("user.password_set");
  await expect(audit.locator("tbody tr").first()).toContainText(NEW_STAFF.email);
});
