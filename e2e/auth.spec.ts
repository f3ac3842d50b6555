import { expect, test } from "@playwright/test";
import { DEMO_PROPERTIES, DEMO_STAFF_PROPERTY_ID } from "../prisma/seed";
import { DEMO_ACCOUNTS, signIn } from "./fixtures";

const otherProperty = DEMO_PROPERTIES.find((property) => property.id !== DEMO_STAFF_PROPERTY_ID)!;

test("an anonymous visitor is sent to the sign-in page and comes back after signing in", async ({ page }) => {
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Finbox/);
  await page.getByLabel("E-mail").fill(DEMO_ACCOUNTS.admin.email);
  await page.getByLabel("Password").fill(DEMO_ACCOUNTS.admin.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/inbox$/);
});

test("an admin signs in and sees every property", async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.admin);
  await expect(page.getByTestId("signed-in-as")).toContainText(DEMO_ACCOUNTS.admin.name);
  const filter = page.getByLabel("Property");
  for (const property of DEMO_PROPERTIES) await expect(filter.getByRole("option", { name: property.name })).toHaveCount(1);
});

test("a staff member sees only the property they were given, in the UI and through the API", async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.staff);
  // One property: no property filter, just its name; no other property's name anywhere on the page.
  await expect(page.getByText(DEMO_PROPERTIES.find((p) => p.id === DEMO_STAFF_PROPERTY_ID)!.name).first()).toBeVisible();
  await expect(page.getByLabel("Property")).toHaveCount(0);
  await expect(page.locator("body")).not.toContainText(otherProperty.name);

  // The same session calling the API directly: the other property does not exist for this user.
  const own = await page.request.get(`/api/properties/${DEMO_STAFF_PROPERTY_ID}`);
  expect(own.status()).toBe(200);
  const other = await page.request.get(`/api/properties/${otherProperty.id}`);
  expect(other.status()).toBe(404);
  expect(await other.json()).toEqual({ error: { code: "not_found", message: "No such property." } });
  const all = await (await page.request.get("/api/properties")).json();
  expect(all.properties.map((p: { id: string }) => p.id)).toEqual([DEMO_STAFF_PROPERTY_ID]);
});

test("the API answers 401 in JSON without a session", async ({ request }) => {
  const response = await request.get("/api/properties");
  expect(response.status()).toBe(401);
  expect((await response.json()).error.code).toBe("unauthenticated");
});

test("signing out ends the session", async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.staff);
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect((await page.request.get("/api/properties")).status()).toBe(401);
  await page.goto("/inbox");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a wrong password shows a clear message that does not say whether the account exists", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(DEMO_ACCOUNTS.staff.email);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("sign-in-error")).toHaveText("The e-mail or password is incorrect.");
  await expect(page).toHaveURL(/\/sign-in/);

  await page.getByLabel("E-mail").fill("nobody@bellhop.local");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("sign-in-error")).toHaveText("The e-mail or password is incorrect.");
});
