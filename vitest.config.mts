import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";
import path from "node:path";

// Two tiers. `unit`: no database (pure logic, React components in jsdom, the sandbox over loopback
// HTTP). `integration`: files named *.int.test.ts, run against a real embedded Postgres that
// tests/global-db.ts creates fresh for each run.
export default defineConfig({
  plugins: [react()],
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    // next-auth imports "next/server" without an extension; let Vite resolve it instead of Node.
    server: { deps: { inline: ["next-auth"] } },
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
