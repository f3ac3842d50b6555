// Bellhop as an installed app: on the front desk's phone or tablet, "Add to home screen" / "Install"
// gives it its own icon and window (app/manifest.ts, icons rendered from app/icon.svg), and the icon
// carries the unread count (the Badging API, components/app-icon-badge.ts).
//
// Chromium itself judges whether the page can be installed (CDP Page.getInstallabilityErrors). It
// never offers an app in an incognito window, and Playwright's ordinary contexts are incognito ones,
// so that test runs in a persistent profile of its own.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { chromium, expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, signIn } from "./fixtures";
import { createBooking } from "./sandbox-control";

const STAFF_PROPERTY = 13921698;

type ManifestIcon = { src: string; sizes: string; type: string; purpose?: string };

test("Chromium finds nothing to object to in installing Bellhop: a manifest opening the inbox in its own window, with icons it can use", async ({ baseURL }, testInfo) => {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "bellhop-e2e-profile-"));
  const context = await chromium.launchPersistentContext(profile, { ...testInfo.project.use.launchOptions, baseURL });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await signIn(page, DEMO_ACCOUNTS.staff);
    const cdp = await context.newCDPSession(page);
    const manifest = await cdp.send("Page.getAppManifest");
    expect(new URL(manifest.url).pathname).toBe("/manifest.webmanifest");
    expect(manifest.errors).toEqual([]);
    // Chromium fetches and decodes the icons for this: one missing or not a PNG of its size is an error here.
    await expect.poll(async () => (await cdp.send("Page.getInstallabilityErrors")).installabilityErrors, { timeout: 15_000 }).toEqual([]);
  } finally {
    await context.close();
    fs.rmSync(profile, { recursive: true, force: true });
  }
});

test("the manifest and the icons are served to anyone (a browser installs before signing in), each icon the PNG of the size it claims", async ({ playwright, baseURL }) => {
  const anonymous = await playwright.request.newContext({ baseURL });
  try {
    const response = await anonymous.get("/manifest.webmanifest");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/manifest+json");
    const manifest = (await response.json()) as { start_url: string; display: string; name: string; icons: ManifestIcon[] };
    expect(manifest).toMatchObject({ name: "Bellhop", start_url: "/inbox", display: "standalone" });
    expect(manifest.icons.map((icon) => `${icon.sizes} ${icon.purpose ?? "any"}`).sort()).toEqual(["192x192 any", "512x512 any", "512x512 maskable"]);
    for (const icon of manifest.icons) {
      expect(await pngSize(anonymous, icon.src), icon.src).toBe(icon.sizes);
    }

    expect(await pngSize(anonymous, "/icons/badge-96.png")).toBe("96x96");
    const favicon = await anonymous.get("/favicon.ico");
    expect(favicon.status()).toBe(200);
    expect(favicon.headers()["content-type"]).toBe("image/x-icon");
    const ico = await favicon.body();
    // ICONDIR: reserved 0, type 1 (icon), then the number of images (16 and 32 pixels).
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2), ico.readUInt16LE(4)]).toEqual([0, 1, 2]);
  } finally {
    await anonymous.dispose();
  }
});

test("every page names its icons and manifest, so the tab, the bookmark and the home screen show Bellhop's", async ({ page, request }) => {
  await page.goto("/sign-in");
  const head = page.locator("head");
  const hrefOf = async (selector: string) => {
    const href = await head.locator(selector).first().getAttribute("href");
    expect(href, selector).not.toBeNull();
    return new URL(href!, page.url()).pathname + new URL(href!, page.url()).search;
  };
  expect(await hrefOf('link[rel="manifest"]')).toBe("/manifest.webmanifest");
  const svgIcon = await hrefOf('link[rel="icon"][type="image/svg+xml"]');
  const svg = await request.get(svgIcon);
  expect(svg.headers()["content-type"]).toContain("image/svg+xml");
  expect(await svg.text()).toContain("<title>Bellhop</title>");
  expect(await pngSize(request, await hrefOf('link[rel="apple-touch-icon"]'))).toBe("180x180");
  await expect(head.locator('meta[name="theme-color"]')).toHaveCount(2);
});

test("the unread count shows on the installed app's icon, follows new guest messages, and is cleared on signing out", async ({ page, request }) => {
  // The badge calls are recorded on their way to the browser's own implementation.
  await page.addInitScript(() => {
    const calls: (number | null)[] = [];
    (window as unknown as { badgeCalls: (number | null)[] }).badgeCalls = calls;
    const set = navigator.setAppBadge.bind(navigator);
    const clear = navigator.clearAppBadge.bind(navigator);
    Object.defineProperty(navigator, "setAppBadge", { value: (count?: number) => (calls.push(count ?? null), set(count)) });
    Object.defineProperty(navigator, "clearAppBadge", { value: () => (calls.push(0), clear()) });
  });
  await createBooking(request, { propertyId: STAFF_PROPERTY, guestName: "Abe Badge", firstGuestMessage: "Is there a lift?" });
  await signIn(page, DEMO_ACCOUNTS.staff);
  await expect(page.getByTestId("live-status")).toHaveText("Live");
  // Once Abe's message is stored (his row shows), the icon carries the server's count, which holds him.
  await expect(page.getByTestId("conversation-row").filter({ hasText: "Abe Badge" })).toBeVisible({ timeout: 30_000 });
  const before = await unreadOnServer(page);
  expect(before).toBeGreaterThan(0);
  await expect.poll(() => titleCountMatchingBadge(page), { timeout: 30_000 }).toBe(before);

  await createBooking(request, { propertyId: STAFF_PROPERTY, guestName: "Bea Badge", firstGuestMessage: "Do you have a cot?" });
  await expect(page.getByTestId("conversation-row").filter({ hasText: "Bea Badge" })).toBeVisible({ timeout: 30_000 });
  expect(await unreadOnServer(page)).toBe(before + 1);
  await expect.poll(() => titleCountMatchingBadge(page), { timeout: 30_000 }).toBe(before + 1);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect(await badgeCalls(page)).toContain(before + 1);
  expect((await badgeCalls(page)).at(-1)).toBe(0);
});

/** The staff member's unread count as the server has it now (the page's own session). */
async function unreadOnServer(page: Page): Promise<number> {
  const response = await page.request.get("/api/conversations/counts");
  expect(response.status()).toBe(200);
  return ((await response.json()) as { unread: number }).unread;
}

const badgeCalls = (page: Page) => page.evaluate(() => (window as unknown as { badgeCalls: (number | null)[] }).badgeCalls);

/** The unread count of the tab's title, once the icon's badge says the same (null until they agree). */
async function titleCountMatchingBadge(page: Page): Promise<number | null> {
  const [title, calls] = await Promise.all([page.title(), badgeCalls(page)]);
  const count = Number(/^\((\d+)\) Inbox/.exec(title)?.[1] ?? 0);
  return calls.at(-1) === count ? count : null;
}

/** "WxH" of the PNG at `url`, read from its IHDR chunk, after checking it is served as one. */
async function pngSize(request: APIRequestContext, url: string): Promise<string> {
  const response = await request.get(url);
  expect(response.status(), url).toBe(200);
  expect(response.headers()["content-type"], url).toBe("image/png");
  const body = await response.body();
  expect(body.subarray(0, 8).toString("hex"), `${url} is a PNG`).toBe("89504e470d0a1a0a");
  return `${body.readUInt32BE(16)}x${body.readUInt32BE(20)}`;
}
