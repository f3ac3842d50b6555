// Decides whether the production build in .next is current: a hash over everything `next build`
// reads. `npm start` rebuilds only when the hash changed, so a warm start skips the build.
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

const INPUTS = ["app", "components", "lib", "public", "instrumentation.ts", "prisma/schema.prisma", "next.config.mjs", "postcss.config.mjs", "tsconfig.json", "package-lock.json"];
const SKIP = new Set(["generated", "node_modules"]);
const STAMP = ".next/bellhop-build-hash";

export function sourceHash(root = process.cwd()): string {
  const hash = createHash("sha256");
  const visit = (relative: string) => {
    const absolute = path.join(root, relative);
    if (!fs.existsSync(absolute)) return;
    const stat = fs.statSync(absolute);
    if (stat.isDirectory()) {
      for (const entry of fs.readdirSync(absolute).sort()) {
        if (!SKIP.has(entry) && !entry.endsWith(".test.ts") && !entry.endsWith(".test.tsx")) visit(path.join(relative, entry));
      }
      return;
    }
    hash.update(relative).update("\0").update(fs.readFileSync(absolute)).update("\0");
  };
  for (const input of INPUTS) visit(input);
  return hash.digest("hex");
}

export function buildIsCurrent(root = process.cwd()): boolean {
  const stamp = path.join(root, STAMP);
  return fs.existsSync(path.join(root, ".next/BUILD_ID")) && fs.existsSync(stamp) && fs.readFileSync(stamp, "utf8") === sourceHash(root);
}

export function markBuildCurrent(root = process.cwd()): void {
  fs.writeFileSync(path.join(root, STAMP), sourceHash(root));
}
