// A process that starts watching its parent late (the worker, after its start-up) must still notice a
// parent that died before the watch began. Real processes: a parent that spawns a child and is killed
// while the child is still "starting"; the child writes what happened to a file.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.join(__dirname, "..");

async function waitFor(check: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
  return check();
}

describe("whenParentExits", () => {
  it("notices a parent that died while this process was still starting, before it began to watch", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "orphan-watch-"));
    const report = path.join(dir, "report.txt");
    // The child loads the watch, says it is loaded, "starts" for 1.5 s, then begins watching; on its
    // parent's exit it writes "parent gone" and exits. Left alone, it gives up after 10 s.
    const childScript = path.join(dir, "child.ts");
    fs.writeFileSync(
      childScript,
      `import fs from "node:fs";
       import { whenParentExits } from ${JSON.stringify(path.join(ROOT, "lib/orphan-watch.ts"))};
       fs.writeFileSync(${JSON.stringify(report)}, "loaded\\n");
       setTimeout(() => whenParentExits(() => { fs.appendFileSync(${JSON.stringify(report)}, "parent gone\\n"); process.exit(0); }, 100), 1500);
       setTimeout(() => { fs.appendFileSync(${JSON.stringify(report)}, "still here\\n"); process.exit(3); }, 10000);`,
    );
    const parentScript = `
      const { spawn } = require("node:child_process");
      spawn(process.execPath, ["--import", "tsx", ${JSON.stringify(childScript)}], { cwd: ${JSON.stringify(ROOT)}, stdio: "ignore", detached: true });
      setInterval(() => {}, 1000);
    `;
    const parent = spawn(process.execPath, ["-e", parentScript], { cwd: ROOT, stdio: "ignore" });
    const read = () => (fs.existsSync(report) ? fs.readFileSync(report, "utf8") : "");
    try {
      expect(await waitFor(() => read().startsWith("loaded"), 10_000)).toBe(true);
      parent.kill("SIGKILL"); // while the child is still "starting"
      expect(await waitFor(() => read().split("\n").length > 2, 12_000)).toBe(true);
      expect(read()).toBe("loaded\nparent gone\n");
    } finally {
      parent.kill("SIGKILL");
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
