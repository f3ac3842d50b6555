import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";

// The standalone program: environment validation, start-up output, SANDBOX_FAULTS, and a clean
// shutdown that saves the world.

const ROOT = path.resolve(__dirname, "../..");
const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");
const dir = mkdtempSync(path.join(tmpdir(), "bellhop-sandbox-main-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(env: Record<string, string>): { child: ReturnType<typeof spawn>; output: () => string; exit: Promise<number | null> } {
  const child = spawn(TSX, ["sandbox/main.ts"], { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => output, exit };
}

async function waitFor(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("sandbox/main.ts", () => {
  it.each([
    ["SANDBOX_PORT", "not-a-port"],
    ["SANDBOX_CONVERSATIONS", "200000"],
    ["SANDBOX_FAULTS", "[{\"mode\":\"explode\"}]"],
    ["SANDBOX_FAULTS", "{not json"],
    ["SANDBOX_CLOCK_MODE", "sideways"],
  ])("exits with one line naming a bad %s", async (name, value) => {
    const proc = run({ [name]: value, SANDBOX_STATE_FILE: "memory" });
    expect(await proc.exit).toBe(1);
    const lines = proc.output().trim().split("\n").filter((line) => !line.startsWith("npm warn"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`invalid ${name}`);
  }, 20_000);

  it("starts, prints the URLs, applies SANDBOX_FAULTS, and saves the world on SIGTERM", async () => {
    const stateFile = path.join(dir, "world.json");
    const faults = JSON.stringify([{ endpoint: "tags.list", mode: "error_500" }]);
    const proc = run({ SANDBOX_PORT: "0", SANDBOX_STATE_FILE: stateFile, SANDBOX_CONVERSATIONS: "5", SANDBOX_FAULTS: faults });
    await waitFor(() => proc.output().includes("/_sandbox"), 15_000);
    const url = /listening on (http:\/\/[\d.]+:\d+)/.exec(proc.output())?.[1];
    expect(url).toBeDefined();
    expect(proc.output()).toContain(`${url}/guest`);
    const tags = await fetch(`${url}/messaging/properties/6378711/tags`, { headers: { Authorization: `Basic ${Buffer.from("bellhop-sandbox:sandbox-password").toString("base64")}` } });
    expect(tags.status).toBe(500);
    const page = await fetch(`${url}/guest`);
    expect(page.status).toBe(200);
    proc.child.kill("SIGTERM");
    expect(await proc.exit).toBe(0);
    expect(existsSync(stateFile)).toBe(true);
  }, 30_000);
});
