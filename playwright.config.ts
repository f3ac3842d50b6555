import { defineConfig, devices } from "@playwright/test";
import { E2E_SYNC_ENV, SANDBOX_PORT } from "./e2e/sandbox-control";

// The e2e server is the real app: a production build served by `next start`, with a throwaway
// embedded Postgres and an in-memory Booking.com sandbox (scripts/start.ts --ephemeral).
const PORT = Number(process.env.E2E_PORT ?? 3200);
// The e2e sandbox listens on a fixed port so tests can drive its control and guest APIs.

export default defineConfig({
  testDir: "./e2e",
  workers: 1, // 2 cores: one browser at a time keeps timings stable
  retries: 0,
  reporter: [["list"]],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: { baseURL: `http://127.0.0.1:${PORT}`, trace: "retain-on-failure" },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
          // Without the background-networking flags Chromium keeps dialling Google on this closed network.
          args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-default-apps", "--disable-extensions"],
        },
      },
    },
  ],
  webServer: {
    command: `node --import tsx scripts/start.ts --ephemeral --port ${PORT}`,
    url: `http://127.0.0.1:${PORT}/api/health`,
    reuseExistingServer: false,
    timeout: 180_000,
    stdout: "pipe",
    // SIGTERM lets scripts/start.ts stop Next.js, the sandbox and Postgres; SIGKILL would orphan them.
    gracefulShutdown: { signal: "SIGTERM", timeout: 15_000 },
    env: {
      HOST: "127.0.0.1",
      NEXT_TELEMETRY_DISABLED: "1",
      E2E_SANDBOX_PORT: String(SANDBOX_PORT),
      ...E2E_SYNC_ENV,
    },
  },
});
