// The worker survives pg-boss's unawaited job completion failing because the database went away, and
// still ends on any other unhandled rejection: checked in a real Node process, since what matters is
// whether the process keeps running.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";

/** Runs a Node process that installs the handler, then leaves `rejection` unhandled. */
function runWithUnhandled(rejection: string) {
  const script = `
    const { survivePgBossCompletionDuringOutage } = require(${JSON.stringify(path.resolve(__dirname, "pg-boss-outage.ts"))});
    process.on("unhandledRejection", survivePgBossCompletionDuringOutage);
    void (async () => { throw ${rejection}; })();
    setTimeout(() => { console.log("still running"); process.exit(0); }, 200);`;
  return spawnSync(process.execPath, ["--import", "tsx", "-e", script], { encoding: "utf8", timeout: 20_000 });
}

describe("the worker and an unhandled rejection", () => {
  it("carries on when pg-boss could not record a job because the database is gone (57P01)", () => {
    const run = runWithUnhandled(`Object.assign(new Error("terminating connection due to unexpected postmaster exit"), { code: "57P01", severity: "FATAL" })`);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("still running");
    expect(run.stderr).toContain("[bellhop-worker] pg-boss could not record a job's outcome (terminating connection due to unexpected postmaster exit)");
  });

  it("still ends on any other unhandled rejection", () => {
    const run = runWithUnhandled(`new Error("a real bug")`);
    expect(run.status).toBe(1);
    expect(run.stdout).not.toContain("still running");
    expect(run.stderr).toContain("a real bug");
  });
});
