// A child of `npm start` (or `npm start` itself under npm) must not outlive the process that started
// it: npm's `sh` wrapper, for one, dies on SIGTERM without passing the signal on. Polling the parent
// pid is the portable way to notice (Linux's PR_SET_PDEATHSIG is not reachable from Node).

/** Calls `onParentExit` once if the process that started this one goes away. */
export function whenParentExits(onParentExit: () => void, intervalMs = 1000): void {
  const parent = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== parent) {
      clearInterval(timer);
      onParentExit();
    }
  }, intervalMs);
  timer.unref();
}
