// Runs once when the Next.js server starts. The Node-only part lives in its own module, imported only
// on the Node.js runtime, so the Edge build never sees process.exit.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { validateEnvironmentOrExit } = await import("./lib/validate-environment");
    validateEnvironmentOrExit();
    if (process.env.BELLHOP_SUPERVISED === "1") {
      // Started by `npm start` (scripts/start.ts): if it is killed outright (SIGKILL, the OOM killer),
      // it cannot stop this server, so the server stops itself rather than keep the port taken.
      const { stopWhenSupervisorExits } = await import("./lib/supervised-server");
      stopWhenSupervisorExits();
    }
  }
}
