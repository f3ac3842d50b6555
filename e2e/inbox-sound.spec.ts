// The chime for a guest's new message (the toolbar's speaker): on in this browser, it rings once per
// message, in the tab in front too, once across every tab, and not at all when turned off. After a
// reload it rings only once the page has been clicked (browsers let a page make sound only then).
//
// A test cannot listen, so an init script records what the page asks of Web Audio: each oscillator's
// start, with its context's state (a context that is not running makes no sound). A ring starts its
// partials together, so the distinct start times count the rings.
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { DEMO_ACCOUNTS, signIn } from "./fixtures";
import { createBooking, guestSends } from "./sandbox-control";

const STAFF_PROPERTY = 13921698;

type Start = { at: number; state: string };

test.beforeEach(async ({ context }) => {
  await context.addInitScript(() => {
    const starts: Start[] = [];
    (window as unknown as { starts: Start[] }).starts = starts;
    const start = OscillatorNode.prototype.start;
    OscillatorNode.prototype.start = function (this: OscillatorNode, when?: number) {
      starts.push({ at: when ?? this.context.currentTime, state: this.context.state });
      return start.call(this, when);
    };
  });
});

/** The rings this page has made, and whether each could be heard. */
async function rings(page: Page): Promise<{ heard: number; silent: number }> {
  const starts = await page.evaluate(() => (window as unknown as { starts: Start[] }).starts);
  const byTime = new Map(starts.map((start) => [start.at, start.state]));
  const states = [...byTime.values()];
  return { heard: states.filter((state) => state === "running").length, silent: states.filter((state) => state !== "running").length };
}

async function openInbox(page: Page) {
  await page.goto("/inbox");
  await expect(page.getByTestId("live-status")).toHaveText("Live");
}

async function messageShows(page: Page, reference: string, text: string) {
  await expect(page.getByTestId("conversation-row").filter({ hasText: `#${reference}` })).toContainText(text, { timeout: 30_000 });
}

async function newGuest(request: APIRequestContext, guestName: string) {
  const { conversation } = await createBooking(request, { propertyId: STAFF_PROPERTY, guestName });
  return conversation;
}

test("turned on, the speaker rings once to show the sound, then once for each guest message, with the inbox in front; turned off, nothing", async ({ page, request }) => {
  const conversation = await newGuest(request, "Sol Sound");
  await signIn(page, DEMO_ACCOUNTS.staff);
  await expect(page.getByTestId("live-status")).toHaveText("Live");
  const speaker = page.getByRole("button", { name: "Sound for new guest messages" });
  await expect(speaker).toHaveAttribute("aria-pressed", "false");
  await expect(speaker.getByTestId("speaker-off")).toBeVisible();

  await speaker.click();
  await expect(speaker).toHaveAttribute("aria-pressed", "true");
  await expect(speaker.getByTestId("speaker-on")).toBeVisible();
  await expect(speaker.getByTestId("sound-waiting")).toHaveCount(0);
  await expect.poll(() => rings(page)).toEqual({ heard: 1, silent: 0 }); // the preview

  await guestSends(request, conversation.conversationId, "Can we check in early?");
  await messageShows(page, conversation.reference, "Can we check in early?");
  await expect.poll(() => rings(page)).toEqual({ heard: 2, silent: 0 });

  await speaker.click();
  await expect(speaker).toHaveAttribute("aria-pressed", "false");
  await guestSends(request, conversation.conversationId, "Never mind, we will be late.");
  await messageShows(page, conversation.reference, "we will be late");
  // The alert path fetches the conversation after the row updates: give it that moment before judging.
  await page.waitForTimeout(1_000);
  expect(await rings(page)).toEqual({ heard: 2, silent: 0 });
});

test("with two inbox tabs open, a guest's message rings once, not once per tab", async ({ context, page, request }) => {
  const conversation = await newGuest(request, "Tito Twotabs");
  await signIn(page, DEMO_ACCOUNTS.staff);
  await page.getByRole("button", { name: "Sound for new guest messages" }).click();
  await expect.poll(() => rings(page)).toEqual({ heard: 1, silent: 0 });
  const second = await context.newPage();
  await openInbox(second);
  // The choice is this browser's: the second tab has it on, and a click there lets it sound.
  const secondSpeaker = second.getByRole("button", { name: "Sound for new guest messages" });
  await expect(secondSpeaker).toHaveAttribute("aria-pressed", "true");
  await expect(secondSpeaker.getByTestId("sound-waiting")).toBeVisible();
  await second.getByRole("heading", { name: "Inbox" }).click();
  await expect(secondSpeaker.getByTestId("sound-waiting")).toHaveCount(0);

  await guestSends(request, conversation.conversationId, "Is the spa open on Sundays?");
  await messageShows(page, conversation.reference, "spa open");
  await messageShows(second, conversation.reference, "spa open");
  await expect.poll(async () => (await rings(page)).heard + (await rings(second)).heard).toBe(2);
  await page.waitForTimeout(1_000);
  expect((await rings(page)).heard + (await rings(second)).heard).toBe(2);
  await second.close();
});

test("after a reload the sound stays on, but rings only once the page has been clicked, and says so until then", async ({ page, request }) => {
  const conversation = await newGuest(request, "Rhea Reload");
  await signIn(page, DEMO_ACCOUNTS.staff);
  await page.getByRole("button", { name: "Sound for new guest messages" }).click();
  await page.reload();
  await expect(page.getByTestId("live-status")).toHaveText("Live");
  const speaker = page.getByRole("button", { name: "Sound for new guest messages" });
  await expect(speaker).toHaveAttribute("aria-pressed", "true");
  await expect(speaker.getByTestId("sound-waiting")).toBeVisible();
  await expect(speaker).toHaveAttribute("title", /click anywhere on the page/);

  await guestSends(request, conversation.conversationId, "Do you have a crib?");
  await messageShows(page, conversation.reference, "Do you have a crib?");
  await page.waitForTimeout(1_000);
  expect(await rings(page)).toEqual({ heard: 0, silent: 0 });

  await page.getByRole("heading", { name: "Inbox" }).click();
  await expect(speaker.getByTestId("sound-waiting")).toHaveCount(0);
  await guestSends(request, conversation.conversationId, "A small one is enough.");
  await messageShows(page, conversation.reference, "A small one is enough.");
  await expect.poll(() => rings(page)).toEqual({ heard: 1, silent: 0 });
});
