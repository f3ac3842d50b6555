// `npm test`: every tier, in order, each counted, then one closing line `N passed, N failed`.
//   typecheck (tsc) · lint (eslint) · unit + integration (Vitest; integration uses a fresh embedded
//   Postgres per run) · end-to-end (Playwright in Debian Chromium against a production build).
// Exits non-zero if anything failed. `npm test -- --skip-e2e` skips the browser tier (for quick loops).
import fs from "node:fs";
import path from "node:path";
import { buildIsCurrent, markBuildCurrent } from "./build-freshness";
import { makeTempDir } from "./database";
import { runToCompletion } from "./processes";
import { playwrightFailures, vitestFailures, type PlaywrightReport, type VitestReport } from "./test-report";

type TierResult = { tier: string; passed: number; failed: number; note?: string; failures?: string[] };

const results: TierResult[] = [];
const skipE2e = process.argv.includes("--skip-e2e");
const bin = (name: string) => path.resolve("node_modules/.bin", name);

function banner(text: string) {
  process.stdout.write(`\n=== ${text} ===\n`);
}

async function singleCheck(tier: string, command: string, args: string[]) {
  banner(tier);
  const code = await runToCompletion(command, args);
  results.push({ tier, passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 });
}

async function vitest(reportDir: string) {
  banner("unit and integration tests (Vitest)");
  const report = path.join(reportDir, "vitest.json");
  const code = await runToCompletion(bin("vitest"), ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`]);
  const json = readJson<VitestReport>(report);
  if (!json) return results.push({ tier: "vitest", passed: 0, failed: 1, note: `no report (exit ${code})` });
  // A suite that failed to load has no failed *tests* but a non-zero exit: count it as one failure.
  const failed = json.numFailedTests || (code !== 0 ? 1 : 0);
  results.push({ tier: "vitest", passed: json.numPassedTests, failed, failures: vitestFailures(json) });
}

async function endToEnd(reportDir: string) {
  banner("end-to-end tests (Playwright)");
  const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
  if (!fs.existsSync(chromium)) {
    console.error(`No Chromium at ${chromium}: install Debian's with \`sudo apt-get install -y chromium\` or set CHROMIUM_PATH.`);
    return results.push({ tier: "e2e", passed: 0, failed: 1, note: "no browser" });
  }
  if (!buildIsCurrent()) {
    const code = await runToCompletion(bin("next"), ["build"], { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" });
    if (code !== 0) return results.push({ tier: "e2e", passed: 0, failed: 1, note: "next build failed" });
    markBuildCurrent();
  }
  const report = path.join(reportDir, "playwright.json");
  const code = await runToCompletion(bin("playwright"), ["test", "--reporter=list,json"], { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: report });
  const json = readJson<PlaywrightReport>(report);
  if (!json) return results.push({ tier: "e2e", passed: 0, failed: 1, note: `no report (exit ${code})` });
  const failed = json.stats.unexpected + json.stats.skipped || (code !== 0 ? 1 : 0);
  results.push({ tier: "e2e", passed: json.stats.expected + json.stats.flaky, failed, failures: playwrightFailures(json) });
}


function readJson<T>(file: string): T | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8")) as T;
  } catch {
    return null;
  }
}

async function main() {
  const reportDir = makeTempDir("bellhop-test-reports-");
  await singleCheck("typecheck", bin("tsc"), ["--noEmit", "-p", "."]);
  await singleCheck("lint", bin("eslint"), [".", "--max-warnings=0"]);
  await vitest(reportDir);
  if (!skipE2e) await endToEnd(reportDir);

  banner("summary");
  for (const result of results) {
    process.stdout.write(`${result.tier.padEnd(10)} ${result.passed} passed, ${result.failed} failed${result.note ? ` (${result.note})` : ""}\n`);
    for (const failure of result.failures ?? []) process.stdout.write(`  ✘ ${failure}\n`);
  }
  const passed = results.reduce((sum, result) => sum + result.passed, 0);
  const failed = results.reduce((sum, result) => sum + result.failed, 0);
  process.stdout.write(`${passed} passed, ${failed} failed\n`);
  process.exit(failed === 0 ? 0 : 1);
}

void main();
