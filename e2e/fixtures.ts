import { expect, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../prisma/seed";

export { DEMO_ACCOUNTS };

export async function signIn(page: Page, account: { email: string; password: string }) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/inbox/);
}
