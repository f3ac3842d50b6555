import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypescript,
  {
    rules: {
      // `any` needs a reason in a comment (DEVELOPERS.md): make every use an explicit, visible disable.
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Components run in the browser: zod and the schemas built with it would ship in the inbox's
    // first-load JavaScript (#5 caps it at 250 kB gzipped; zod alone was 31 kB of it). Types are free.
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          paths: [{ name: "zod", message: "zod is for the server's boundaries; it would ship in the browser bundle.", allowTypeImports: true }],
          patterns: [{ group: ["**/schemas"], message: "Import types only from a schemas module (import type …); values belong in a zod-free module such as lib/inbox/list-views.ts.", allowTypeImports: true }],
        },
      ],
    },
  },
  {
    // The plain pool's errors do not say which server failed, so lib/sql-pool.ts marks a lost database
    // connection (DatabaseUnavailableError) on every query it runs. A query made on the pool directly
    // skips that: a database restart then looked like any other failure (a 500, a "failed" log line).
    files: ["{app,lib,scripts,components}/**/*.{ts,tsx}"],
    ignores: ["lib/sql-pool.ts", "**/*.test.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.object.callee.name='sqlPool'][callee.property.name=/^(query|connect)$/]",
          message: "Use queryRows / inSqlTransaction from lib/sql-pool.ts: they mark a lost database connection as such.",
        },
      ],
    },
  },
  {
    ignores: [".next/**", ".bench/**", "node_modules/**", "lib/generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
];

export default config;
