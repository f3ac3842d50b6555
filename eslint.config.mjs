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
    ignores: [".next/**", "node_modules/**", "lib/generated/**", ".data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
];

export default config;
