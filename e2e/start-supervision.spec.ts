// `npm start` killed outright (SIGKILL, the OOM killer) cannot stop its children; they must notice and
// stop by themselves, or the next `npm start` finds its port taken. Runs a second, throwaway Bellhop
// (scripts/start.ts --ephemeral, reusing this run's build), kills only the supervisor, and watches the
// web server, the sandbox and the worker go. The embedded Postgres is the one child that cannot watch
// (a real postgres binary): a persistent one is reused by the next `npm start`
// (scripts/local-environment.ts); this throwaway one is stopped by the test.
import { execFileSync, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { expect, test } from "@playwright/test";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function status(url: string): Promise<number | "down"> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).status;
  } catch {
    return "down";
  }
}

/** The commands still running in a process group. */
function groupCommands(group: number): string[] {
  return execFileSync("ps", ["-e", "-o", "pgid=,args="], { encoding: "utf8" })
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null && Number(match[1]) === group)
    .map((match) => match[2]!);
}

/** Nothing configured, as on a fresh machine: its own database, sandbox and ports. */
function freshMachineEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, HOST: "127.0.0.1" };
  for (const name of ["DATABASE_URL", "BOOKING_API_BASE_URL", "PORT", "E2E_SANDBOX_PORT"]) delete env[name];
  return env;
}

test("a killed npm start takes its web server, sandbox and worker with it", async () => {
  test.setTimeout(150_000);
  const port = await freePort();
  const supervisor = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--ephemeral", "--port", String(port)], {
    cwd: path.join(__dirname, ".."),
    env: freshMachineEnv(),
    detached: true, // its own process group, so whatever is left can be found and stopped below
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  supervisor.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  supervisor.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const group = supervisor.pid!;
  try {
    // Up once it says so, with the sandbox's address (printed after the web server answers).
    const sandboxAt = () => /Booking\.com sandbox at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    await expect.poll(sandboxAt, { timeout: 120_000, intervals: [500] }).toBeDefined();
    const sandbox = sandboxAt()!;
    expect(await status(`http://127.0.0.1:${port}/api/health`)).toBe(200);
    expect(await status(`${sandbox}/_sandbox/health`)).toBe(200);
    expect(groupCommands(group).some((command) => command.includes("lib/sync/worker-main.ts")), groupCommands(group).join("\n")).toBe(true);

    process.kill(supervisor.pid!, "SIGKILL");

    await expect.poll(() => status(`http://127.0.0.1:${port}/api/health`), { timeout: 15_000 }).toBe("down");
    await expect.poll(() => status(`${sandbox}/_sandbox/health`), { timeout: 15_000 }).toBe("down");
    // Only the database is left: no web server, sandbox or worker.
    await expect.poll(() => groupCommands(group).filter((command) => !command.includes("postgres")), { timeout: 15_000 }).toEqual([]);
  } finally {
    // Fast shutdown of the throwaway Postgres (and of anything a failed assertion left behind).
    try {
      process.kill(-group, "SIGINT");
    } catch {
      // already gone
    }
  }
});
