// Runs once when the Next.js server starts. The Node-only part lives in its own module, imported only
// on the Node.js runtime, so the Edge build never sees process.exit.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { validateEnvironmentOrExit } = await import("./lib/validate-environment");
    validateEnvironmentOrExit();
  }
}
