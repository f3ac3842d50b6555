// A second, throwaway Bellhop for the specs that kill its processes: `scripts/start.ts --ephemeral` (its
// own embedded Postgres, in-memory sandbox and ports, reusing this run's build) in its own process
// group, so whatever it leaves behind can be found and stopped.
import { execFileSync, spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";
import { expect } from "@playwright/test";

export type ThrowawayBellhop = {
  url: string;
  sandboxUrl: string;
  /** The process group: the supervisor's pid. */
  group: number;
  /** Everything the supervisor printed so far. */
  output(): string;
  killSupervisor(): void;
  /** The supervisor's exit code; null while it runs (or when a signal ended it). */
  exitCode(): number | null;
  /** Stops it (fast shutdown) and anything a failed assertion left behind. */
  stop(): void;
};

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

/** The HTTP status at `url`, or "down" when nothing answers within 2 s. */
export async function status(url: string): Promise<number | "down"> {
  try {
    return (await fetch(url, { signal: AbortSignal.timeout(2_000) })).status;
  } catch {
    return "down";
  }
}

/** The processes still running in a process group: pid and command line. */
export function groupProcesses(group: number): { pid: number; command: string }[] {
  return execFileSync("ps", ["-e", "-o", "pid=,pgid=,args="], { encoding: "utf8" })
    .split("\n")
    .map((line) => /^\s*(\d+)\s+(\d+)\s+(.*)$/.exec(line))
    .filter((match): match is RegExpExecArray => match !== null && Number(match[2]) === group)
    .map((match) => ({ pid: Number(match[1]), command: match[3]! }));
}

/** Starts one with nothing configured, as on a fresh machine, plus `env`; resolves once it is up. */
export async function startThrowawayBellhop(env: Record<string, string> = {}): Promise<ThrowawayBellhop> {
  const port = await freePort();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, HOST: "127.0.0.1", ...env };
  for (const name of ["DATABASE_URL", "BOOKING_API_BASE_URL", "PORT", "E2E_SANDBOX_PORT"]) delete childEnv[name];
  const supervisor = spawn(process.execPath, ["--import", "tsx", "scripts/start.ts", "--ephemeral", "--port", String(port)], {
    cwd: path.join(__dirname, ".."),
    env: childEnv,
    detached: true, // its own process group
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  supervisor.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  supervisor.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const group = supervisor.pid!;
  const stop = () => {
    try {
      process.kill(-group, "SIGINT");
    } catch {
      // already gone
    }
  };
  try {
    // Up once it says so, with the sandbox's address (printed after the web server answers).
    const sandboxAt = () => /Booking\.com sandbox at (http:\/\/127\.0\.0\.1:\d+)/.exec(output)?.[1];
    await expect.poll(sandboxAt, { timeout: 120_000, intervals: [500], message: "the throwaway Bellhop did not come up" }).toBeDefined();
    return { url: `http://127.0.0.1:${port}`, sandboxUrl: sandboxAt()!, group, output: () => output, killSupervisor: () => process.kill(group, "SIGKILL"), exitCode: () => supervisor.exitCode, stop };
  } catch (error) {
    stop();
    throw new Error(`${(error as Error).message}\n${output}`);
  }
}
