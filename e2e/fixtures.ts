import { expect, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS } from "../prisma/seed";

export { DEMO_ACCOUNTS };

/** Signs in on the suite's server, or on another Bellhop at `base` (a throwaway one). */
export async function signIn(page: Page, account: { email: string; password: string }, base = "") {
  await page.goto(`${base}/sign-in`);
  await page.getByLabel("E-mail").fill(account.email);
  await page.getByLabel("Password").fill(account.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/inbox/);
}

/** Opens a conversation from the list by its reservation number, reloading until the sync has stored it. */
export async function openByReference(page: Page, reference: string) {
  await page.goto(`/inbox?q=${reference}`);
  const row = page.getByTestId("conversation-row").filter({ hasText: `#${reference}` });
  await expect(async () => {
    await page.reload();
    await expect(row).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 30_000 });
  await row.click();
  await expect(page.getByTestId("thread")).toBeVisible();
  return row;
}

/** Holds the page's live stream (/api/events) back until the returned function is called, as a slow connection would. */
export async function holdLiveStream(page: Page): Promise<() => void> {
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route("**/api/events", async (route) => {
    await released;
    await route.continue();
  });
  return release;
}
