// UI languages (product.md: "many UI languages"). Before sign-in the page speaks the browser's language
// or the one picked there; a staff member's own choice is kept on their account and follows them to
// another device; "Same as the browser" gives the browser's back. Texts are checked against the
// catalogues the app loads, so a page that stayed English fails.
import { expect, test, type Page } from "@playwright/test";
import commonDe from "../messages/common/de.json" with { type: "json" };
import commonEn from "../messages/common/en.json" with { type: "json" };
import commonFr from "../messages/common/fr.json" with { type: "json" };
import commonIt from "../messages/common/it.json" with { type: "json" };
import inboxFr from "../messages/inbox/fr.json" with { type: "json" };
import serverDe from "../messages/server/de.json" with { type: "json" };
import serverIt from "../messages/server/it.json" with { type: "json" };
import threadFr from "../messages/thread/fr.json" with { type: "json" };
import { LOCALES } from "../lib/i18n/locales";
import { DEMO_ACCOUNTS, signIn } from "./fixtures";

async function signInWith(page: Page, words: typeof commonEn.signIn) {
  await page.getByLabel(words.email).fill(DEMO_ACCOUNTS.staff.email);
  await page.getByLabel(words.password).fill(DEMO_ACCOUNTS.staff.password);
  await page.getByRole("button", { name: words.submit }).click();
  await expect(page).toHaveURL(/\/inbox/);
}

test("the sign-in page speaks the browser's language, or the one picked there, and the inbox follows", async ({ browser }) => {
  const context = await browser.newContext({ locale: "de-DE" });
  const page = await context.newPage();
  try {
    await page.goto("/sign-in");
    await expect(page.locator("html")).toHaveAttribute("lang", "de");
    await expect(page.getByRole("button", { name: commonDe.signIn.submit })).toBeVisible();
    await expect(page.getByText(commonDe.signIn.tagline)).toBeVisible();
    // A set-password link that does not work says so in German too (the page asks the server's words).
    await page.goto("/set-password?token=not-a-real-token");
    await expect(page.getByTestId("set-password-invalid")).toHaveText(serverDe.setPassword.invalid);
    await page.goto("/sign-in");

    await page.getByLabel(commonDe.language.label).selectOption("it");
    await expect(page.locator("html")).toHaveAttribute("lang", "it");
    await expect(page.getByText(commonIt.signIn.tagline)).toBeVisible();
    // Installing Bellhop from here describes it in Italian too.
    const manifest = (await (await context.request.get("/manifest.webmanifest")).json()) as { lang: string; description: string };
    expect(manifest).toMatchObject({ lang: "it", description: commonIt.description });

    // The server's answers too: a wrong password is refused in Italian.
    await page.getByLabel(commonIt.signIn.email).fill(DEMO_ACCOUNTS.staff.email);
    await page.getByLabel(commonIt.signIn.password).fill("not the password");
    await page.getByRole("button", { name: commonIt.signIn.submit }).click();
    await expect(page.getByTestId("sign-in-error")).toHaveText(serverIt.signIn.wrongPassword);

    // The staff member has no choice of their own: this browser's stands.
    await signInWith(page, commonIt.signIn);
    await expect(page.locator("html")).toHaveAttribute("lang", "it");
    await expect(page.getByRole("button", { name: commonIt.header.signOut })).toBeVisible();
    await expect(page.getByRole("link", { name: commonIt.header.responseTimes })).toBeVisible();
  } finally {
    await context.close();
  }
});

test("a staff member's language follows them to another device, until they give it back to the browser", async ({ page, browser }) => {
  await signIn(page, DEMO_ACCOUNTS.staff);
  try {
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await page.getByLabel(commonEn.language.label).selectOption("fr");
    await expect(page.locator("html")).toHaveAttribute("lang", "fr");
    await expect(page.getByRole("button", { name: commonFr.header.signOut })).toBeVisible();
    // The whole page, not the header only: the list's views, its tab title, and an open thread.
    await expect(page).toHaveTitle(new RegExp(inboxFr.metaTitle.replace("Bellhop", "")));
    await expect(page.getByRole("button", { name: new RegExp(`^${inboxFr.toolbar.view.needsReply}`) })).toBeVisible();
    await page.getByTestId("conversation-row").first().click();
    await expect(page.getByRole("button", { name: new RegExp(`^${threadFr.header.snooze}`) })).toBeVisible();

    // Another device, an English browser that never chose: English until they sign in, then theirs.
    const tablet = await browser.newContext({ locale: "en-GB" });
    try {
      const tabletPage = await tablet.newPage();
      await signIn(tabletPage, DEMO_ACCOUNTS.staff);
      await expect(tabletPage.locator("html")).toHaveAttribute("lang", "fr");
      await expect(tabletPage.getByRole("link", { name: commonFr.header.responseTimes })).toBeVisible();
    } finally {
      await tablet.close();
    }

    // Back to the browser's language: this one is English.
    await page.getByLabel(commonFr.language.label).selectOption("");
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await expect(page.getByRole("button", { name: commonEn.header.signOut })).toBeVisible();
  } finally {
    // The demo staff member is shared by the whole suite.
    await page.request.put("/api/me/locale", { data: { locale: null } });
  }
});

test("a language Bellhop does not speak is refused with a clear message", async ({ page }) => {
  await signIn(page, DEMO_ACCOUNTS.staff);
  const refused = await page.request.put("/api/me/locale", { data: { locale: "tlh" } });
  expect(refused.status()).toBe(400);
  expect(JSON.stringify(await refused.json())).toContain("en, de, fr, es, it, nl, pt");
});

test.describe("on a phone", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  // Words are longer in some languages than in English ("Einstellungen", "Se déconnecter"): every page
  // still fits the phone's width, or its browser would zoom the whole page out.
  test("every language fits the screen: the inbox, a thread, the settings and the report", async ({ page, context, baseURL }) => {
    test.setTimeout(180_000); // 7 languages × 4 pages
    await page.request.post("/api/session", { data: { email: DEMO_ACCOUNTS.admin.email, password: DEMO_ACCOUNTS.admin.password } });
    const { items } = (await (await page.request.get("/api/conversations")).json()) as { items: { id: string }[] };
    for (const locale of LOCALES) {
      await context.addCookies([{ name: "bellhop-locale", value: locale, url: baseURL! }]);
      for (const path of ["/inbox", `/inbox?c=${items[0]!.id}`, "/settings", "/reports"]) {
        await page.goto(path);
        await expect(page.locator("html")).toHaveAttribute("lang", locale);
        await page.waitForLoadState("networkidle");
        expect(await page.evaluate(() => [window.innerWidth, document.documentElement.scrollWidth]), `${locale} ${path}`).toEqual([390, 390]);
      }
    }
  });
});

test.describe("on a tablet", () => {
  test.use({ viewport: { width: 768, height: 1024 } });

  // The list and the thread side by side leave each about 380 px: a long language's words must wrap
  // onto lines of their own, not squeeze a button out of the list, a filter to a few letters, or the
  // composer's hint into a column one word wide (which had made the composer taller than the thread).
  test("every language keeps the list's buttons, its filters and the composer's hint whole", async ({ page, context, baseURL }) => {
    test.setTimeout(120_000);
    await page.request.post("/api/session", { data: { email: DEMO_ACCOUNTS.admin.email, password: DEMO_ACCOUNTS.admin.password } });
    const { items } = (await (await page.request.get("/api/conversations")).json()) as { items: { id: string }[] };
    for (const locale of LOCALES) {
      await context.addCookies([{ name: "bellhop-locale", value: locale, url: baseURL! }]);
      await page.goto(`/inbox?c=${items[0]!.id}`);
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expect(page.locator("#composer-hint")).toBeVisible();
      const layout = await page.evaluate(() => {
        const box = (selector: string) => document.querySelector(selector)!.getBoundingClientRect();
        const search = box("#inbox-search");
        const newMessage = box('[data-testid="new-message"]');
        const hint = box("#composer-hint");
        return {
          newMessageInsideList: newMessage.right <= search.right + 0.5 && newMessage.height < 40,
          propertyFilter: Math.round(box("#property-filter").width) >= 144,
          hintLines: Math.round(hint.height / parseFloat(getComputedStyle(document.querySelector("#composer-hint")!).lineHeight)),
        };
      });
      expect(layout, locale).toEqual({ newMessageInsideList: true, propertyFilter: true, hintLines: expect.any(Number) });
      expect(layout.hintLines, `${locale}: the composer's hint in lines`).toBeLessThanOrEqual(2);
    }
  });
});
