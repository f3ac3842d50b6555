// What `npm test` reads from the Vitest and Playwright JSON reports to name each failure in its
// summary.
import path from "node:path";

// The failures are named again in the summary: CI keeps only the end of a long log, and the details
// printed with each failure may be far above it.
export type VitestReport = {
  numPassedTests: number;
  numFailedTests: number;
  testResults: { name: string; status: string; message?: string; assertionResults: { fullName: string; status: string; failureMessages?: string[] }[] }[];
};

export function vitestFailures(report: VitestReport): string[] {
  return report.testResults.flatMap((file) => {
    const where = path.relative(process.cwd(), file.name);
    const tests = file.assertionResults.filter((test) => test.status === "failed").map((test) => `${where} › ${test.fullName}: ${firstLine(test.failureMessages?.[0])}`);
    // A file that failed outside its tests (it did not load, or a hook threw).
    return tests.length === 0 && file.status === "failed" ? [`${where}: ${firstLine(file.message)}`] : tests;
  });
}

type PlaywrightSuite = {
  specs?: { title: string; file: string; line: number; tests: { status: string; results: { error?: { message?: string } }[] }[] }[];
  suites?: PlaywrightSuite[];
};
export type PlaywrightReport = { stats: { expected: number; unexpected: number; flaky: number; skipped: number }; suites: PlaywrightSuite[] };

export function playwrightFailures(report: PlaywrightReport): string[] {
  const failures: string[] = [];
  const visit = (suite: PlaywrightSuite) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        if (test.status === "expected") continue;
        const error = test.results.find((result) => result.error)?.error?.message;
        failures.push(`${spec.file}:${spec.line} › ${spec.title} (${test.status}): ${firstLine(error)}`);
      }
    }
    suite.suites?.forEach(visit);
  };
  report.suites.forEach(visit);
  return failures;
}

/** The first line of an error, without terminal colours, short enough for a summary. */
function firstLine(text: string | undefined): string {
  const line = (text ?? "no message").replace(/\u001b\[[0-9;]*m/g, "").split("\n").find((part) => part.trim() !== "") ?? "no message";
  return line.trim().slice(0, 240);
}
