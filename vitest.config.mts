import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";
import path from "node:path";

// Two tiers. `unit`: no database (pure logic, React components in jsdom, the sandbox over loopback
// HTTP). `integration`: files named *.int.test.ts, run against a real embedded Postgres that
// tests/global-db.ts creates fresh for each run.
export default defineConfig({
  plugins: [react()],
  // The app's own resolution: use-intl formats the messages lib/i18n/messages.ts compiled (next.config.mjs).
  resolve: {
    alias: [
      { find: "@", replacement: path.resolve(import.meta.dirname) },
      { find: /^use-intl\/format-message$/, replacement: "use-intl/format-message/format-only" },
    ],
  },
  test: {
    // next-auth imports "next/server" without an extension; let Vite resolve it instead of Node.
    // use-intl too, so its own import of the formatter takes the alias above.
    server: { deps: { inline: ["next-auth", "use-intl"] } },
    projects: [
      {
        extends: true,
        test: {
          name: "unit",
          include: ["{lib,sandbox,components,app,scripts}/**/*.test.{ts,tsx}"],
          exclude: ["**/*.int.test.ts", "node_modules/**"],
          environment: "node",
          setupFiles: ["./tests/setup-unit.ts"],
        },
      },
      {
        extends: true,
        test: {
          name: "integration",
          include: ["{lib,sandbox,app,scripts}/**/*.int.test.ts"],
          environment: "node",
          globalSetup: ["./tests/global-db.ts"],
          setupFiles: ["./tests/setup-integration.ts"],
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
