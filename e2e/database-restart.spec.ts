// The embedded Postgres dies under a running `npm start` (the OOM killer picks the postmaster): npm
// start restarts it, and the open inbox carries on by itself. Nothing committed is lost, a guest's next
// message arrives live without a reload, and a reply is sent exactly once. Runs a throwaway Bellhop, so
// the suite's own server is not touched.
import fs from "node:fs";
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, signIn } from "./fixtures";
import { E2E_SYNC_ENV, eventually, type SandboxConversation, type SandboxMessage } from "./sandbox-control";
import { groupProcesses, startThrowawayBellhop, status } from "./throwaway-bellhop";

test("a Postgres killed under npm start is restarted and the open inbox carries on", async ({ page }) => {
  test.setTimeout(240_000);
  const bellhop = await startThrowawayBellhop(E2E_SYNC_ENV);
  const sandbox = async <T>(method: "GET" | "POST", path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${bellhop.sandboxUrl}/_sandbox${path}`, { method, headers: { "content-type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
    expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
    return (await response.json()) as T;
  };
  try {
    const { conversation } = await sandbox<{ conversation: SandboxConversation }>("POST", "/bookings", {
      propertyId: 13921698,
      guestName: "Ingrid Halvorsen",
      sendWelcome: false,
      firstGuestMessage: "Written before the crash: is the sauna open in the evening?",
    });

    await signIn(page, DEMO_ACCOUNTS.admin, bellhop.url);
    const row = page.getByTestId("conversation-row").filter({ hasText: `#${conversation.reference}` });
    await expect(row).toBeVisible({ timeout: 30_000 });
    await row.click();
    await expect(page.getByTestId("message").filter({ hasText: "Written before the crash" })).toBeVisible();
    await expect(page.getByTestId("live-status")).toHaveText("Live");

    // The postmaster is the process running the postgres binary itself ("…/bin/postgres -D <dir> …");
    // its backends are listed as "postgres: <user> <database> …".
    const postmaster = groupProcesses(bellhop.group).find((process) => /\/postgres\s+-D\s/.test(process.command));
    expect(postmaster, groupProcesses(bellhop.group).map((process) => process.command).join("\n")).toBeDefined();
    process.kill(postmaster!.pid, "SIGKILL");
    // The page says at once that what it shows may be out of date.
    await expect(page.getByTestId("live-status")).toHaveText("Reconnecting…");
    // The guest writes while the database is down: Booking.com keeps the message until Bellhop has
    // stored it, which may be before or after the server listens for changes again.
    await sandbox("POST", `/conversations/${conversation.conversationId}/guest-messages`, { content: "Written during the outage: and the pool?" });

    await expect.poll(() => bellhop.output(), { timeout: 15_000 }).toContain("Postgres exited on its own (SIGKILL); restarting it");
    await expect.poll(() => bellhop.output(), { timeout: 90_000 }).toContain("Postgres is running again");
    await expect.poll(() => status(`${bellhop.url}/api/health`), { timeout: 30_000 }).toBe(200);
    const restarted = groupProcesses(bellhop.group).find((process) => /\/postgres\s+-D\s/.test(process.command));
    expect(restarted?.pid).not.toBe(postmaster!.pid);

    // The open page shows it without a reload, and says it is live again.
    await expect(page.getByTestId("message").filter({ hasText: "Written during the outage" })).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId("live-status")).toHaveText("Live");
    // What was stored before the crash is still there after a reload.
    await page.reload();
    await expect(page.getByTestId("message").filter({ hasText: "Written before the crash" })).toBeVisible();
    await expect(page.getByTestId("message")).toHaveCount(2);

    const reply = page.getByLabel("Reply to the guest");
    await reply.fill("The sauna and the pool are open until 22:00.");
    await reply.press("Enter");
    await expect(page.getByTestId("message").filter({ hasText: "open until 22:00" }).getByTestId("send-state")).toHaveText(/Sent|Read by guest/, { timeout: 30_000 });
    const guestSide = await eventually(
      () => sandbox<{ messages: SandboxMessage[] }>("GET", `/conversations/${conversation.conversationId}`),
      (state) => state.messages.some((message) => message.sender === "property" && message.content.includes("open until 22:00")),
      "the guest received the reply",
    );
    expect(guestSide.messages.filter((message) => message.content.includes("open until 22:00"))).toHaveLength(1);

    // The worker tells the outage as one event (lib/sync/failure-log.ts): no "… failed:" line per
    // attempt of each loop, at most one "cannot be reached", and "reachable again" after it.
    const workerLines = bellhop.output().split("\n").filter((line) => line.startsWith("[bellhop-worker]"));
    expect(workerLines.filter((line) => line.includes(" failed: ")), workerLines.join("\n")).toEqual([]);
    const down = workerLines.findIndex((line) => line.includes("the database cannot be reached"));
    expect(workerLines.filter((line) => line.includes("the database cannot be reached")).length).toBeLessThanOrEqual(1);
    if (down >= 0) expect(workerLines.slice(down + 1).some((line) => line.includes("the database is reachable again")), workerLines.join("\n")).toBe(true);
    // So do the LISTEN connections (lib/pg-listen.ts): per channel and process, one "connection lost",
    // then "listening again", instead of a line per attempt; and pg-boss (lib/sync/outbound/boss.ts) one
    // line per process, not one per pooled connection.
    const lines = bellhop.output().split("\n");
    // Nothing ended because of the outage (pg-boss's unawaited job completion used to end the worker).
    expect(lines.filter((line) => line.includes("exited with code")), lines.join("\n")).toEqual([]);
    const bossLines = lines.filter((line) => line.includes("pg-boss:"));
    for (const source of new Set(bossLines.map((line) => line.slice(0, line.indexOf("pg-boss:"))))) {
      expect(bossLines.filter((line) => line.startsWith(`${source}pg-boss:`)), bossLines.join("\n")).toHaveLength(1);
    }
    for (const channel of new Set(lines.flatMap((line) => /LISTEN (\w+): connection lost/.exec(line)?.[1] ?? []))) {
      const prefixOf = (line: string) => line.slice(0, line.indexOf("]") + 1);
      for (const prefix of new Set(lines.filter((line) => line.includes(`LISTEN ${channel}: connection lost`)).map(prefixOf))) {
        const ofThisProcess = lines.filter((line) => prefixOf(line) === prefix && line.includes(`LISTEN ${channel}:`));
        expect(ofThisProcess.filter((line) => line.includes("connection lost")), ofThisProcess.join("\n")).toHaveLength(1);
        expect(ofThisProcess.at(-1), ofThisProcess.join("\n")).toContain("listening again");
      }
    }
  } finally {
    // Kept beside the trace (test-results/), where a failure's reason usually is.
    fs.writeFileSync(test.info().outputPath("npm-start.log"), bellhop.output());
    bellhop.stop();
  }
});
