import { defineConfig } from "prisma/config";
import { MigratePg } from "./prisma/migrate-adapter";

// `prisma generate` needs no database; migrate commands get DATABASE_URL from scripts/ (which start
// the embedded Postgres when none is configured).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error("DATABASE_URL is not set: run Prisma through `npm start`/`npm run db:*`, or set it");
    return MigratePg.fromUrl(url);
  },
});
