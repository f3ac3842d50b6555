// A child of `npm start` (or `npm start` itself under npm) must not outlive the process that started
// it: npm's `sh` wrapper, for one, dies on SIGTERM without passing the signal on. Polling the parent
// pid is the portable way to notice (Linux's PR_SET_PDEATHSIG is not reachable from Node).
//
// The parent is the one this process had when this module was loaded, not when the watch began: the
// worker begins watching only once it has started (pg-boss, LISTEN, a first housekeeping pass), and a
// parent killed during those seconds had already been replaced by init, so the watch compared init
// with itself and the worker outlived it (a flaky e2e/start-supervision.spec.ts under load).
const ORIGINAL_PARENT = process.ppid;

/** Calls `onParentExit` once if the process that started this one goes away (or already has). */
export function whenParentExits(onParentExit: () => void, intervalMs = 1000): void {
  if (process.ppid !== ORIGINAL_PARENT) {
    setImmediate(onParentExit);
    return;
  }
  const timer = setInterval(() => {
    if (process.ppid !== ORIGINAL_PARENT) {
      clearInterval(timer);
      onParentExit();
    }
  }, intervalMs);
  timer.unref();
}
